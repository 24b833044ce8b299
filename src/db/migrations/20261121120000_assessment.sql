-- Assessment: the inputs the engine reads from a claim (cause, country, pre-existing condition,
-- documents received, days of a daily benefit), every assessment run kept with the engine and
-- product version it used (so any past decision can be re-explained exactly), the accumulators
-- that make limits hold across claims, and the decision on a claim. Forward-only.
-- customer_id on every row: tables are distributed by customer.

ALTER TABLE claims
  ADD COLUMN cause text,
  ADD COLUMN incident_country text CHECK (incident_country ~ '^[A-Z]{2}$'),
  ADD COLUMN pre_existing_condition boolean NOT NULL DEFAULT false,
  ADD COLUMN documents text[] NOT NULL DEFAULT '{}';

ALTER TABLE claims DROP CONSTRAINT claims_status_check;
ALTER TABLE claims ADD CONSTRAINT claims_status_check
  CHECK (status IN ('registered', 'in_review', 'approved', 'partially_approved', 'denied'));

ALTER TABLE claim_lines
  ADD COLUMN days integer CHECK (days IS NULL OR days > 0);   -- daily benefit: consecutive days from service_date

-- One row per engine run on a claim; seq counts 1, 2, … per claim. result is the whole Assessment;
-- input is the whole AssessmentInput it was computed from (accumulators and prior claims as they
-- were at that moment), so that assessClaim(input) re-explains the result exactly, later.
CREATE TABLE claim_assessments (
  id uuid PRIMARY KEY,
  claim_id uuid NOT NULL REFERENCES claims (id),
  customer_id uuid NOT NULL,
  seq integer NOT NULL CHECK (seq > 0),
  engine_version text NOT NULL,
  product_version_id uuid NOT NULL REFERENCES product_versions (id),
  recommendation text NOT NULL CHECK (recommendation IN ('approve', 'partial', 'deny', 'request_information', 'refer')),
  benefit_minor bigint NOT NULL CHECK (benefit_minor >= 0),
  straight_through boolean NOT NULL,
  result jsonb NOT NULL,
  input jsonb NOT NULL,
  trigger text NOT NULL CHECK (trigger IN ('registration', 'documents_received', 'manual', 'bulk')),
  assessed_at timestamptz NOT NULL DEFAULT now(),
  UNIQUE (claim_id, seq)
);

-- What has been used against a limit; key is accumulatorKey(...) (kind|policy|person|benefit|period).
CREATE TABLE benefit_accumulators (
  key text PRIMARY KEY,
  policy_id uuid NOT NULL REFERENCES policies (id),
  customer_id uuid NOT NULL,
  used bigint NOT NULL CHECK (used >= 0),
  updated_at timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX benefit_accumulators_policy_idx ON benefit_accumulators (policy_id);

-- The decision on a claim (one per claim for now; appeals come later).
CREATE TABLE claim_decisions (
  id uuid PRIMARY KEY,
  claim_id uuid NOT NULL UNIQUE REFERENCES claims (id),
  customer_id uuid NOT NULL,
  outcome text NOT NULL CHECK (outcome IN ('approved', 'partially_approved', 'denied')),
  amount_minor bigint NOT NULL CHECK (amount_minor >= 0),
  currency text NOT NULL CHECK (currency ~ '^[A-Z]{3}$'),
  decided_by uuid REFERENCES users (id),   -- NULL: decided straight-through by the system
  assessment_id uuid NOT NULL REFERENCES claim_assessments (id),
  straight_through boolean NOT NULL,
  decided_at timestamptz NOT NULL DEFAULT now()
);
