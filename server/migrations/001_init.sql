-- The campaign server's schema: org units, users and sessions, grids with their responsible unit, problem
-- categories with card deadlines, cases, supervision cards, and an append-only event log. Written to what
-- PostgreSQL 15 + PostGIS 3.3 and PGlite (PostgreSQL 18, PostGIS 3.6) both accept.

CREATE EXTENSION IF NOT EXISTS postgis;

CREATE TABLE org_units (
  id text PRIMARY KEY,
  name text NOT NULL,
  kind text NOT NULL CHECK (kind IN ('city', 'district', 'street', 'community', 'department')),
  parent_id text REFERENCES org_units (id),
  code text
);

CREATE TABLE users (
  id integer GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  username text NOT NULL UNIQUE CHECK (username ~ '^[A-Za-z0-9_.-]{2,40}$'),
  display_name text NOT NULL,
  password_hash text NOT NULL,
  role text NOT NULL CHECK (role IN ('admin', 'supervisor', 'dispatcher', 'handler', 'inspector', 'viewer')),
  unit_id text REFERENCES org_units (id),
  created_at timestamptz NOT NULL DEFAULT now()
);

-- a session token is kept only as its SHA-256: a copy of the table logs nobody in
CREATE TABLE sessions (
  token_sha256 text PRIMARY KEY,
  user_id integer NOT NULL REFERENCES users (id) ON DELETE CASCADE,
  created_at timestamptz NOT NULL DEFAULT now(),
  expires_at timestamptz NOT NULL
);

-- failed sign-ins, for a rate limit that holds across server processes
CREATE TABLE login_failures (
  username text NOT NULL,
  at timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX login_failures_by_name ON login_failures (username, at);

CREATE TABLE grids (
  code text PRIMARY KEY CHECK (code ~ '^[0-9]{14}$'),
  city_id text NOT NULL,
  name text NOT NULL,
  district text NOT NULL,
  street text NOT NULL,
  community text NOT NULL,
  unit_id text REFERENCES org_units (id),
  responsible_person text NOT NULL DEFAULT '',
  phone text NOT NULL DEFAULT '',
  geom geometry (MultiPolygon, 4326) NOT NULL
);
CREATE INDEX grids_geom ON grids USING gist (geom);

CREATE TABLE categories (
  id text PRIMARY KEY,
  kind text NOT NULL CHECK (kind IN ('component', 'event')),
  code text NOT NULL,
  name_zh text NOT NULL,
  name_en text NOT NULL,
  -- the unit that takes a case when no grid unit is known
  default_unit_id text REFERENCES org_units (id),
  white_hours integer NOT NULL CHECK (white_hours > 0),
  yellow_hours integer NOT NULL CHECK (yellow_hours > 0),
  red_hours integer NOT NULL CHECK (red_hours > 0)
);

CREATE TABLE cases (
  id integer GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  city_id text NOT NULL,
  category_id text NOT NULL REFERENCES categories (id),
  state text NOT NULL CHECK (state IN ('reported', 'registered', 'voided', 'dispatched', 'checking', 'closed', 'archived')),
  version integer NOT NULL DEFAULT 1,
  title text NOT NULL,
  description text NOT NULL DEFAULT '',
  geom geometry (Point, 4326) NOT NULL,
  grid_code text REFERENCES grids (code),
  -- the unit responsible for the grid, found at reporting; the unit dispatched to (may differ after 退回)
  grid_unit_id text REFERENCES org_units (id),
  unit_id text REFERENCES org_units (id),
  reporter_id integer REFERENCES users (id),
  source text NOT NULL,
  -- what raised it: the atlas figures (rule, distance, data date), a report, an inspection item
  analysis jsonb,
  rework_count integer NOT NULL DEFAULT 0,
  void_reason text CHECK (void_reason IN ('duplicate', 'invalid')),
  duplicate_of integer REFERENCES cases (id),
  created_at timestamptz NOT NULL DEFAULT now(),
  updated_at timestamptz NOT NULL DEFAULT now(),
  closed_at timestamptz,
  client_uuid uuid UNIQUE
);
CREATE INDEX cases_geom ON cases USING gist (geom);
CREATE INDEX cases_by_unit ON cases (unit_id, state);

CREATE TABLE cards (
  id integer GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  case_id integer NOT NULL REFERENCES cases (id),
  colour text NOT NULL CHECK (colour IN ('white', 'yellow', 'red')),
  issued_at timestamptz NOT NULL,
  deadline timestamptz NOT NULL,
  active boolean NOT NULL DEFAULT true
);
-- one card of each colour per case: an escalation that runs twice (two processes, a retry) cannot add another
CREATE UNIQUE INDEX cards_one_per_colour ON cards (case_id, colour);
CREATE UNIQUE INDEX cards_one_active ON cards (case_id) WHERE active;

CREATE TABLE events (
  id integer GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  case_id integer REFERENCES cases (id),
  actor_id integer REFERENCES users (id),
  action text NOT NULL,
  from_state text,
  to_state text,
  note text NOT NULL DEFAULT '',
  data jsonb,
  at timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX events_by_case ON events (case_id, id);

-- the event log is append-only: an UPDATE, DELETE or TRUNCATE is refused
CREATE FUNCTION events_refuse_change() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  RAISE EXCEPTION 'the event log is append-only (% refused)', TG_OP USING ERRCODE = 'P0001';
END
$$;
CREATE TRIGGER events_append_only BEFORE UPDATE OR DELETE ON events FOR EACH ROW EXECUTE FUNCTION events_refuse_change();
CREATE TRIGGER events_no_truncate BEFORE TRUNCATE ON events FOR EACH STATEMENT EXECUTE FUNCTION events_refuse_change();
