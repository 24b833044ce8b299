-- Referrals and departments, second step: what the referral lifecycle records beyond the first
-- migration (who returned or cancelled a referral and why, the documents sent with the answer),
-- a version on departments, which two administrators can edit at once, and an id for the audit
-- trail (audit_events.entity_id is a uuid; a department's key is its code).
-- Forward-only.

ALTER TABLE departments
  ADD COLUMN id uuid NOT NULL DEFAULT gen_random_uuid() UNIQUE,
  ADD COLUMN version integer NOT NULL DEFAULT 1;

ALTER TABLE referrals
  ADD COLUMN answer_document_ids uuid[] NOT NULL DEFAULT '{}',
  ADD COLUMN returned_by uuid REFERENCES users (id),
  ADD COLUMN cancelled_by uuid REFERENCES users (id),
  ADD COLUMN cancelled_at timestamptz,
  ADD COLUMN cancel_reason text;

-- GET /cases/{ref}/referrals, and "does this case still wait for another department?".
CREATE INDEX referrals_case_idx ON referrals (case_id, created_at);

-- A department's staff: counted for the department list and before every referral.
CREATE INDEX users_department_idx ON users (department) WHERE department IS NOT NULL AND active;
