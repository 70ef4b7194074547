-- API keys for Open311 clients: a client files requests as the user the key belongs to. Only the key's SHA-256
-- is kept, as for sessions.
CREATE TABLE api_keys (
  key_sha256 text PRIMARY KEY,
  user_id integer NOT NULL REFERENCES users (id) ON DELETE CASCADE,
  label text NOT NULL DEFAULT '',
  created_at timestamptz NOT NULL DEFAULT now()
);
