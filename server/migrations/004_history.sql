-- The campaign over time. Facility ledgers (台账) saved as revisions: a city's facilities on a date are the
-- bundle's plus every revision effective by then, in order. KPI snapshots per day and level (city, district,
-- street, grid), computed by the same analysis engine as the atlas; milestones freeze a day under a label.
CREATE TABLE ledger_revisions (
  id integer GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  city_id text NOT NULL,
  file_name text NOT NULL,
  crs text NOT NULL,
  mode text NOT NULL CHECK (mode IN ('merge', 'replace')),
  rows_read integer NOT NULL,
  accepted integer NOT NULL,
  rejected integer NOT NULL,
  -- the accepted facilities (GeoJSON features, WGS-84) and the rejected rows with their reasons
  features jsonb NOT NULL,
  rejected_rows jsonb NOT NULL,
  effective_date date NOT NULL,
  author_id integer REFERENCES users (id),
  created_at timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX ledger_revisions_by_city ON ledger_revisions (city_id, effective_date, id);

CREATE TABLE kpi_snapshots (
  city_id text NOT NULL,
  day date NOT NULL,
  level text NOT NULL CHECK (level IN ('city', 'district', 'street', 'grid')),
  key text NOT NULL,
  name text NOT NULL,
  figures jsonb NOT NULL,
  created_at timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (city_id, day, level, key)
);

CREATE TABLE milestones (
  city_id text NOT NULL,
  day date NOT NULL,
  label text NOT NULL CHECK (length(label) BETWEEN 1 AND 40),
  created_by integer REFERENCES users (id),
  created_at timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (city_id, day)
);

-- planners save ledger revisions; they take no part in the case loop
ALTER TABLE users DROP CONSTRAINT users_role_check;
ALTER TABLE users ADD CONSTRAINT users_role_check CHECK (role IN ('admin', 'supervisor', 'dispatcher', 'handler', 'inspector', 'planner', 'viewer'));
