-- Authentication hardening (docs/decisions/0012-authentication.md): idle expiry of sessions,
-- sign-in throttling shared by every server process, and API tokens for integrations.

-- Idle expiry: a session unused for longer than the idle limit is refused. last_seen_at slides
-- forward at most once a minute, so reading a page does not write a row per request.
ALTER TABLE sessions ADD COLUMN last_seen_at timestamptz NOT NULL DEFAULT now();

-- Failed sign-ins per account (keyed by a hash of the email, known or not, so the table does not
-- tell which accounts exist) and per client address (src/modules/users/sign-in-throttle.ts).
-- Kept in the database, not in memory, because several server processes share the count.
CREATE TABLE sign_in_throttles (
  key text PRIMARY KEY,                 -- 'account:<sha256 of lower(email)>' or 'address:<ip>'
  id uuid NOT NULL UNIQUE,              -- names the row in audit events (entity_id is a uuid)
  failures integer NOT NULL DEFAULT 0 CHECK (failures >= 0),
  window_started_at timestamptz NOT NULL,
  locked_until timestamptz,
  lockouts integer NOT NULL DEFAULT 0 CHECK (lockouts >= 0),
  in_flight integer NOT NULL DEFAULT 0 CHECK (in_flight >= 0),  -- attempts checking a password now
  last_admitted_at timestamptz,
  updated_at timestamptz NOT NULL DEFAULT now()
);

-- API tokens: shown once, stored as SHA-256 like session tokens; the actor's permissions are its
-- user's role intersected with scopes.
CREATE TABLE api_tokens (
  id uuid PRIMARY KEY,
  user_id uuid NOT NULL REFERENCES users (id),
  name text NOT NULL CHECK (length(name) BETWEEN 1 AND 100),
  token_hash text NOT NULL UNIQUE,
  token_prefix text NOT NULL,           -- the first characters, so people can tell tokens apart
  scopes text[] NOT NULL,
  created_by uuid REFERENCES users (id),
  created_at timestamptz NOT NULL DEFAULT now(),
  expires_at timestamptz NOT NULL,
  last_used_at timestamptz,
  revoked_at timestamptz,
  revoked_by uuid REFERENCES users (id)
);
CREATE INDEX api_tokens_user_idx ON api_tokens (user_id);
