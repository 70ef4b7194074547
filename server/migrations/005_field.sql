-- Field apps: citizens' photo reports (随手拍) with tracking codes, rate-limit hits kept in the database (so
-- several server processes agree), and inspectors' mock-inspection draws, records and item results.

-- a citizen's photo has no signed-in uploader
ALTER TABLE photos ALTER COLUMN uploaded_by DROP NOT NULL;

CREATE TABLE field_reports (
  id integer GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  tracking_code text NOT NULL UNIQUE,
  -- the phone's id for the submission: a queued report sent twice files once
  client_uuid uuid NOT NULL UNIQUE,
  device_id text NOT NULL,
  address text NOT NULL,
  -- the case it filed, or the open case within 50 m it was folded into
  case_id integer NOT NULL REFERENCES cases (id),
  folded boolean NOT NULL,
  category_id text NOT NULL REFERENCES categories (id),
  description text NOT NULL DEFAULT '',
  geom geometry (Point, 4326) NOT NULL,
  located_by text NOT NULL CHECK (located_by IN ('gps', 'exif', 'tap')),
  photo_sha256 text,
  created_at timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX field_reports_by_case ON field_reports (case_id);

-- one row per accepted attempt per limit key ('device:…', 'address:…'); old rows are pruned as they are read
CREATE TABLE field_rate_hits (
  key text NOT NULL,
  at timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX field_rate_hits_by_key ON field_rate_hits (key, at);

-- the day's draw of one area: the places (with grid, unit and district) an inspector is to record
CREATE TABLE inspection_draws (
  id integer GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  city_id text NOT NULL,
  day date NOT NULL,
  -- '' for the whole city, else the unit whose grids make the area
  area_unit_id text NOT NULL DEFAULT '',
  seed bigint NOT NULL,
  places jsonb NOT NULL,
  created_at timestamptz NOT NULL DEFAULT now(),
  UNIQUE (city_id, day, area_unit_id)
);

CREATE TABLE inspection_records (
  id integer GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  client_uuid uuid NOT NULL UNIQUE,
  draw_id integer NOT NULL REFERENCES inspection_draws (id),
  place_key text NOT NULL,
  inspector_id integer NOT NULL REFERENCES users (id),
  recorded_at timestamptz NOT NULL,
  created_at timestamptz NOT NULL DEFAULT now(),
  -- a place of a draw is recorded once
  UNIQUE (draw_id, place_key)
);

CREATE TABLE inspection_results (
  record_id integer NOT NULL REFERENCES inspection_records (id),
  item_id text NOT NULL,
  score_group text NOT NULL,
  -- the weight as the data file gave it when the record was scored
  weight double precision NOT NULL,
  result text NOT NULL CHECK (result IN ('pass', 'fail', 'na')),
  photos text[] NOT NULL DEFAULT '{}',
  case_id integer REFERENCES cases (id),
  PRIMARY KEY (record_id, item_id)
);
