-- Photos of a case (before / after / evidence), stored by content hash under var/photos. The EXIF time and GPS
-- are kept as read, with the distance from the case point; a photo taken far away is flagged for the checker.
CREATE TABLE photos (
  id integer GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  case_id integer NOT NULL REFERENCES cases (id),
  kind text NOT NULL CHECK (kind IN ('before', 'after', 'evidence')),
  sha256 text NOT NULL CHECK (sha256 ~ '^[0-9a-f]{64}$'),
  format text NOT NULL,
  bytes integer NOT NULL,
  width integer NOT NULL,
  height integer NOT NULL,
  -- EXIF DateTimeOriginal as written by the camera (local time, no zone)
  taken_local text,
  gps geometry (Point, 4326),
  distance_m double precision,
  far_from_case boolean NOT NULL DEFAULT false,
  uploaded_by integer NOT NULL REFERENCES users (id),
  created_at timestamptz NOT NULL DEFAULT now(),
  UNIQUE (case_id, sha256)
);
