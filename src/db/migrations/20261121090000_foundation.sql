-- Foundation: customers, staff and customer users, sessions, products and their versioned
-- configuration, policies with insured persons and premium payments, claims with lines,
-- readable number counters, idempotency records and the append-only, hash-chained audit trail.
-- Every customer-owned row carries customer_id so that tables can be distributed by customer.

CREATE TABLE number_counters (
  prefix text NOT NULL,          -- 'CLM', 'POL', 'CUS'
  year integer NOT NULL,
  last_value bigint NOT NULL,
  PRIMARY KEY (prefix, year)
);

CREATE TABLE customers (
  id uuid PRIMARY KEY,
  customer_number text NOT NULL UNIQUE,
  given_name text NOT NULL,
  family_name text NOT NULL,
  preferred_language text NOT NULL CHECK (preferred_language IN ('sv', 'it', 'en')),
  email text,
  phone text,
  address jsonb,
  country text NOT NULL CHECK (country ~ '^[A-Z]{2}$'),
  national_id text NOT NULL,
  national_id_country text NOT NULL CHECK (national_id_country IN ('SE', 'IT')),
  birth_date date NOT NULL,
  time_zone text NOT NULL,
  related_staff_user_ids uuid[] NOT NULL DEFAULT '{}',
  version integer NOT NULL DEFAULT 1,
  created_at timestamptz NOT NULL DEFAULT now(),
  updated_at timestamptz NOT NULL DEFAULT now(),
  UNIQUE (national_id_country, national_id)
);
CREATE INDEX customers_family_name_idx ON customers (lower(family_name), lower(given_name));
CREATE INDEX customers_email_idx ON customers (lower(email));
CREATE INDEX customers_phone_idx ON customers (phone);

CREATE TABLE users (
  id uuid PRIMARY KEY,
  email text NOT NULL,
  display_name text NOT NULL,
  password_hash text NOT NULL,
  role text NOT NULL CHECK (role IN ('customer', 'representative', 'supervisor', 'department_agent', 'administrator', 'auditor')),
  customer_id uuid REFERENCES customers (id),
  team text,
  department text,
  locale text NOT NULL DEFAULT 'en' CHECK (locale IN ('sv', 'it', 'en')),
  active boolean NOT NULL DEFAULT true,
  created_at timestamptz NOT NULL DEFAULT now(),
  -- A customer login is tied to exactly one customer; staff never are.
  CHECK ((role = 'customer') = (customer_id IS NOT NULL))
);
CREATE UNIQUE INDEX users_email_idx ON users (lower(email));

CREATE TABLE sessions (
  token_hash text PRIMARY KEY,   -- sha256 of the cookie/bearer token; the token itself is never stored
  user_id uuid NOT NULL REFERENCES users (id),
  created_at timestamptz NOT NULL DEFAULT now(),
  expires_at timestamptz NOT NULL,
  revoked_at timestamptz
);
CREATE INDEX sessions_user_idx ON sessions (user_id);

CREATE TABLE products (
  id uuid PRIMARY KEY,
  code text NOT NULL UNIQUE,
  kind text NOT NULL CHECK (kind IN ('insurance', 'benefit_programme')),
  name jsonb NOT NULL,           -- { sv, it, en }
  country text NOT NULL CHECK (country ~ '^[A-Z]{2}$'),
  currency text NOT NULL CHECK (currency ~ '^[A-Z]{3}$'),
  created_at timestamptz NOT NULL DEFAULT now()
);

CREATE TABLE product_versions (
  id uuid PRIMARY KEY,
  product_id uuid NOT NULL REFERENCES products (id),
  version integer NOT NULL CHECK (version > 0),
  status text NOT NULL CHECK (status IN ('draft', 'active', 'retired')),
  effective_from date NOT NULL,
  effective_to date,
  config jsonb NOT NULL,
  created_by uuid,
  created_at timestamptz NOT NULL DEFAULT now(),
  UNIQUE (product_id, version),
  CHECK (effective_to IS NULL OR effective_to > effective_from)
);

CREATE TABLE policies (
  id uuid PRIMARY KEY,
  policy_number text NOT NULL UNIQUE,
  customer_id uuid NOT NULL REFERENCES customers (id),   -- the policy holder
  product_id uuid NOT NULL REFERENCES products (id),
  product_version_id uuid NOT NULL REFERENCES product_versions (id),
  status text NOT NULL CHECK (status IN ('active', 'cancelled', 'expired')),
  starts_on date NOT NULL,
  ends_on date NOT NULL,
  currency text NOT NULL CHECK (currency ~ '^[A-Z]{3}$'),
  premium_schedule jsonb NOT NULL,
  declared_annual_income_minor bigint,   -- benefit programmes: base for the daily benefit
  external_ref text UNIQUE,              -- id in the source system of a bulk import
  version integer NOT NULL DEFAULT 1,
  created_at timestamptz NOT NULL DEFAULT now(),
  CHECK (ends_on > starts_on)
);
CREATE INDEX policies_customer_idx ON policies (customer_id, product_id, starts_on);

CREATE TABLE policy_insured_persons (
  id uuid PRIMARY KEY,
  policy_id uuid NOT NULL REFERENCES policies (id),
  customer_id uuid NOT NULL,             -- the policy holder (shard key), not necessarily the person
  person_customer_id uuid REFERENCES customers (id),
  full_name text NOT NULL,
  birth_date date NOT NULL,
  relation text NOT NULL CHECK (relation IN ('holder', 'spouse', 'child', 'other'))
);
CREATE INDEX policy_insured_persons_policy_idx ON policy_insured_persons (policy_id);

CREATE TABLE premium_payments (
  id uuid PRIMARY KEY,
  policy_id uuid NOT NULL REFERENCES policies (id),
  customer_id uuid NOT NULL,
  paid_on date NOT NULL,
  amount_minor bigint NOT NULL CHECK (amount_minor > 0),
  currency text NOT NULL,
  reference text,
  created_at timestamptz NOT NULL DEFAULT now(),
  UNIQUE (policy_id, reference)
);
CREATE INDEX premium_payments_policy_idx ON premium_payments (policy_id, paid_on);

CREATE TABLE claims (
  id uuid PRIMARY KEY,
  claim_number text NOT NULL UNIQUE,
  customer_id uuid NOT NULL REFERENCES customers (id),
  policy_id uuid NOT NULL REFERENCES policies (id),
  insured_person_id uuid NOT NULL REFERENCES policy_insured_persons (id),
  status text NOT NULL CHECK (status IN ('registered')),
  channel text NOT NULL CHECK (channel IN ('phone', 'email', 'letter', 'portal', 'api', 'import')),
  incident_date date NOT NULL,
  description text NOT NULL,
  currency text NOT NULL,
  total_claimed_minor bigint NOT NULL CHECK (total_claimed_minor >= 0),
  external_ref text UNIQUE,
  registered_by uuid REFERENCES users (id),   -- NULL: registered by the system (import, integration); the audit event says which
  registered_at timestamptz NOT NULL DEFAULT now(),
  version integer NOT NULL DEFAULT 1
);
CREATE INDEX claims_customer_idx ON claims (customer_id, registered_at DESC);
CREATE INDEX claims_policy_idx ON claims (policy_id);

CREATE TABLE claim_lines (
  id uuid PRIMARY KEY,
  claim_id uuid NOT NULL REFERENCES claims (id),
  customer_id uuid NOT NULL,
  line_no integer NOT NULL CHECK (line_no > 0),
  benefit_code text NOT NULL,
  description text NOT NULL,
  service_date date NOT NULL,
  amount_minor bigint NOT NULL CHECK (amount_minor >= 0),
  currency text NOT NULL,
  provider text,
  UNIQUE (claim_id, line_no)
);

-- A retried request with the same key replays the stored response instead of acting twice.
CREATE TABLE idempotency_keys (
  scope text NOT NULL,           -- e.g. 'claims.register:<actor id>'
  key text NOT NULL,
  request_hash text NOT NULL,
  response_status integer NOT NULL,
  response_body jsonb NOT NULL,
  created_at timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (scope, key)
);

-- Append-only, hash-chained history. One chain per customer (and one 'system' chain), so that
-- writes for different customers never wait on each other and each chain can be verified alone.
CREATE TABLE audit_events (
  id uuid PRIMARY KEY,
  seq bigint GENERATED ALWAYS AS IDENTITY,
  chain text NOT NULL,
  occurred_at timestamptz NOT NULL DEFAULT now(),
  actor_id uuid,
  actor_role text NOT NULL,
  action text NOT NULL,
  entity_type text NOT NULL,
  entity_id uuid NOT NULL,
  customer_id uuid,
  reason text,
  data jsonb NOT NULL DEFAULT '{}',
  prev_hash text NOT NULL,
  hash text NOT NULL UNIQUE
);
CREATE INDEX audit_events_chain_idx ON audit_events (chain, seq);
CREATE INDEX audit_events_entity_idx ON audit_events (entity_type, entity_id);

CREATE FUNCTION audit_events_append_only() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  RAISE EXCEPTION 'audit_events is append-only (% refused)', TG_OP;
END;
$$;
CREATE TRIGGER audit_events_no_update BEFORE UPDATE OR DELETE ON audit_events
  FOR EACH ROW EXECUTE FUNCTION audit_events_append_only();
CREATE TRIGGER audit_events_no_truncate BEFORE TRUNCATE ON audit_events
  FOR EACH STATEMENT EXECUTE FUNCTION audit_events_append_only();
