-- Staff single sign-on with OpenID Connect (docs/decisions/0013-staff-single-sign-on.md).

-- The identity provider's stable identifier of a staff login. A subject is unique only within its
-- issuer, so both are kept; both are set (when the login is linked on its first SSO sign-in) or
-- neither. Linking never happens for customers (enforced in src/modules/sso).
ALTER TABLE users ADD COLUMN oidc_issuer text;
ALTER TABLE users ADD COLUMN oidc_subject text;
ALTER TABLE users ADD CONSTRAINT users_oidc_link_whole
  CHECK ((oidc_issuer IS NULL) = (oidc_subject IS NULL));
CREATE UNIQUE INDEX users_oidc_subject_idx ON users (oidc_issuer, oidc_subject)
  WHERE oidc_subject IS NOT NULL;

-- Sign-ins started at GET /auth/oidc/start and not yet finished: the state, nonce and PKCE verifier
-- of each, found again at the callback by the hash of a random handle kept in the browser's
-- httpOnly cookie (a copy of this table cannot finish anyone's sign-in). A row is deleted when the
-- callback uses it, so a replayed callback finds nothing. In the database, not in process memory,
-- because the callback may reach another server process than the start.
CREATE TABLE oidc_sign_in_flows (
  handle_hash text PRIMARY KEY,
  state text NOT NULL,
  nonce text NOT NULL,
  code_verifier text NOT NULL,
  redirect_uri text NOT NULL,
  created_at timestamptz NOT NULL DEFAULT now(),
  expires_at timestamptz NOT NULL
);
CREATE INDEX oidc_sign_in_flows_expires_idx ON oidc_sign_in_flows (expires_at);
