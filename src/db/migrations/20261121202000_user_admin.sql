-- User administration (src/modules/users/update-user.ts): an administrator changes a login's role,
-- team, department or active flag with optimistic concurrency, like every other edited record.
ALTER TABLE users ADD COLUMN version integer NOT NULL DEFAULT 1;
