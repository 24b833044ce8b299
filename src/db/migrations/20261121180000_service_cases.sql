-- Service cases: the customer problems that are not new claims (payment delays, renewal problems,
-- account information changes, complaints, general inquiries), the departments they are referred
-- to, the documents and messages on them, bank accounts with their history, and four-eyes account
-- changes. They share work items, deadlines, notifications and the audit trail with claims.
-- Forward-only. customer_id on every customer-owned row: tables are distributed by customer.

-- Work items now also carry cases and referrals. A case has no product of its own.
ALTER TABLE work_items DROP CONSTRAINT work_items_kind_check;
ALTER TABLE work_items ADD CONSTRAINT work_items_kind_check CHECK (kind IN ('claim', 'service_case', 'referral'));
ALTER TABLE work_items ALTER COLUMN product_code DROP NOT NULL;

-- Departments a representative hands questions to. Staff belong through users.department; the
-- supervisor receives the department's breached referral deadlines.
CREATE TABLE departments (
  code text PRIMARY KEY CHECK (code ~ '^[a-z][a-z0-9_]{1,39}$'),
  name jsonb NOT NULL,                                      -- { sv, it, en }
  supervisor_id uuid REFERENCES users (id),
  active boolean NOT NULL DEFAULT true,
  created_at timestamptz NOT NULL DEFAULT now()
);

-- Configurable case categories; each belongs to one built-in kind, which decides the case's rules.
CREATE TABLE case_categories (
  code text PRIMARY KEY CHECK (code ~ '^[a-z][a-z0-9_.]{1,59}$'),
  kind text NOT NULL CHECK (kind IN ('payment_delay', 'renewal_problem', 'account_change', 'complaint', 'general_inquiry')),
  label jsonb NOT NULL,                                     -- { sv, it, en }
  active boolean NOT NULL DEFAULT true,
  created_at timestamptz NOT NULL DEFAULT now()
);

-- The built-in categories, one per kind; administrators add finer ones (e.g. complaint causes).
INSERT INTO case_categories (code, kind, label) VALUES
  ('payment_delay', 'payment_delay', '{"sv": "Försenad utbetalning", "it": "Pagamento in ritardo", "en": "Payment delay"}'),
  ('renewal_problem', 'renewal_problem', '{"sv": "Problem med förnyelse", "it": "Problema di rinnovo", "en": "Renewal problem"}'),
  ('account_change', 'account_change', '{"sv": "Ändring av kunduppgifter", "it": "Modifica dei dati del cliente", "en": "Account information change"}'),
  ('complaint', 'complaint', '{"sv": "Klagomål", "it": "Reclamo", "en": "Complaint"}'),
  ('general_inquiry', 'general_inquiry', '{"sv": "Allmän fråga", "it": "Richiesta generica", "en": "General inquiry"}');

CREATE TABLE service_cases (
  id uuid PRIMARY KEY,
  case_number text NOT NULL UNIQUE,                         -- CASE-2026-000123
  customer_id uuid NOT NULL REFERENCES customers (id),
  kind text NOT NULL CHECK (kind IN ('payment_delay', 'renewal_problem', 'account_change', 'complaint', 'general_inquiry')),
  category text NOT NULL REFERENCES case_categories (code),
  status text NOT NULL CHECK (status IN ('open', 'in_progress', 'awaiting_customer', 'awaiting_department',
    'resolved', 'closed', 'withdrawn')),
  subject text NOT NULL,
  description text NOT NULL,
  channel text NOT NULL CHECK (channel IN ('phone', 'email', 'letter', 'portal', 'in_person', 'api')),
  claim_id uuid REFERENCES claims (id),
  policy_id uuid REFERENCES policies (id),
  payment_id uuid,                                          -- the payments issue adds the foreign key
  language text NOT NULL CHECK (language IN ('sv', 'it', 'en')),
  opened_by uuid REFERENCES users (id),
  resolution text,
  resolved_at timestamptz,
  closed_at timestamptz,
  status_changed_at timestamptz NOT NULL DEFAULT now(),
  version integer NOT NULL DEFAULT 1,
  created_at timestamptz NOT NULL DEFAULT now(),
  updated_at timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX service_cases_customer_idx ON service_cases (customer_id, created_at DESC, id DESC);
CREATE INDEX service_cases_claim_idx ON service_cases (claim_id) WHERE claim_id IS NOT NULL;
CREATE INDEX service_cases_policy_idx ON service_cases (policy_id) WHERE policy_id IS NOT NULL;

-- The conversation on a case: the customer's questions and answers, staff replies and internal
-- notes (visibility 'internal' is never shown to the customer).
CREATE TABLE case_messages (
  id uuid PRIMARY KEY,
  case_id uuid NOT NULL REFERENCES service_cases (id),
  customer_id uuid NOT NULL,
  author_kind text NOT NULL CHECK (author_kind IN ('customer', 'staff', 'system')),
  author_user_id uuid REFERENCES users (id),
  visibility text NOT NULL CHECK (visibility IN ('customer', 'internal')),
  body text NOT NULL,
  document_ids uuid[] NOT NULL DEFAULT '{}',
  created_at timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX case_messages_case_idx ON case_messages (case_id, created_at);
CREATE INDEX case_messages_customer_idx ON case_messages (customer_id, created_at DESC, id DESC);

-- Documents a customer or staff uploaded (the channels issue adds email attachments and scans).
-- The content is kept in the database so that a backup holds everything.
CREATE TABLE documents (
  id uuid PRIMARY KEY,
  customer_id uuid NOT NULL REFERENCES customers (id),
  entity_type text NOT NULL CHECK (entity_type IN ('claim', 'service_case', 'referral', 'customer')),
  entity_id uuid NOT NULL,
  filename text NOT NULL,
  media_type text NOT NULL,
  size_bytes integer NOT NULL CHECK (size_bytes > 0),
  sha256 text NOT NULL CHECK (sha256 ~ '^[0-9a-f]{64}$'),
  content bytea NOT NULL,
  source text NOT NULL CHECK (source IN ('portal', 'staff', 'email', 'letter', 'api')),
  uploaded_by uuid REFERENCES users (id),
  created_at timestamptz NOT NULL DEFAULT now(),
  -- the same file uploaded twice to the same record is one document (a retried upload)
  UNIQUE (entity_type, entity_id, sha256)
);
CREATE INDEX documents_customer_idx ON documents (customer_id, created_at DESC, id DESC);

-- A question handed to a department. The case owner keeps the case; the referral has its own work
-- item in the department's queue and its own deadline clock.
CREATE TABLE referrals (
  id uuid PRIMARY KEY,
  referral_number text NOT NULL UNIQUE,                     -- RFR-2026-000123
  case_id uuid NOT NULL REFERENCES service_cases (id),
  customer_id uuid NOT NULL,
  department text NOT NULL REFERENCES departments (code),
  question text NOT NULL,
  document_ids uuid[] NOT NULL DEFAULT '{}',
  urgency text NOT NULL CHECK (urgency IN ('standard', 'urgent')),
  status text NOT NULL CHECK (status IN ('open', 'accepted', 'answered', 'returned', 'cancelled')),
  referred_by uuid NOT NULL REFERENCES users (id),
  accepted_by uuid REFERENCES users (id),
  answered_by uuid REFERENCES users (id),
  answer text,
  return_reason text,
  accepted_at timestamptz,
  answered_at timestamptz,
  returned_at timestamptz,
  version integer NOT NULL DEFAULT 1,
  created_at timestamptz NOT NULL DEFAULT now(),
  updated_at timestamptz NOT NULL DEFAULT now()
);
-- One live referral per case and department: a retried referral cannot ask the same thing twice.
CREATE UNIQUE INDEX referrals_live_idx ON referrals (case_id, department) WHERE status IN ('open', 'accepted');
CREATE INDEX referrals_customer_idx ON referrals (customer_id, created_at DESC, id DESC);

-- A complaint's register entry: what a regulator asks for (cause, product, channel, remedy, the
-- dates of acknowledgement and final answer, the outcome).
CREATE TABLE complaints (
  case_id uuid PRIMARY KEY REFERENCES service_cases (id),
  customer_id uuid NOT NULL,
  jurisdiction text NOT NULL CHECK (jurisdiction IN ('SE', 'IT')),
  cause_category text NOT NULL,
  product_code text,
  requested_remedy text NOT NULL,
  received_at timestamptz NOT NULL,
  acknowledged_at timestamptz,
  final_answer text,
  final_answer_at timestamptz,
  answered_by uuid REFERENCES users (id),
  outcome text CHECK (outcome IN ('upheld', 'partially_upheld', 'rejected')),
  compensation_minor bigint CHECK (compensation_minor >= 0),
  compensation_currency text CHECK (compensation_currency ~ '^[A-Z]{3}$'),
  CHECK ((final_answer IS NULL) = (final_answer_at IS NULL)),
  CHECK ((final_answer IS NULL) = (outcome IS NULL))
);
CREATE INDEX complaints_received_idx ON complaints (received_at);

-- Where a customer is paid. At most one current account; a change closes the old row (history kept).
CREATE TABLE customer_bank_accounts (
  id uuid PRIMARY KEY,
  customer_id uuid NOT NULL REFERENCES customers (id),
  scheme text NOT NULL CHECK (scheme IN ('iban', 'bankgiro', 'plusgiro', 'se_account')),
  iban text,
  bic text,
  clearing_number text,
  account_number text,                                      -- bankgiro / plusgiro / Swedish account number
  holder_name text NOT NULL,
  valid_from timestamptz NOT NULL,
  valid_to timestamptz,
  change_request_id uuid,
  created_at timestamptz NOT NULL DEFAULT now(),
  CHECK ((scheme = 'iban') = (iban IS NOT NULL))
);
CREATE UNIQUE INDEX customer_bank_accounts_current_idx ON customer_bank_accounts (customer_id) WHERE valid_to IS NULL;

-- A change to a customer's contact details or bank account, recorded on an account_change case.
-- A bank account change needs identity verification and a second person's approval; the database
-- refuses an approval by the requester or the verifier, whatever the code does.
CREATE TABLE account_change_requests (
  id uuid PRIMARY KEY,
  case_id uuid NOT NULL REFERENCES service_cases (id),
  customer_id uuid NOT NULL REFERENCES customers (id),
  field text NOT NULL CHECK (field IN ('address', 'phone', 'email', 'preferred_language', 'bank_account')),
  old_value jsonb,
  new_value jsonb NOT NULL,
  status text NOT NULL CHECK (status IN ('pending_verification', 'pending_approval', 'applied', 'rejected', 'cancelled')),
  requested_by uuid NOT NULL REFERENCES users (id),
  verification jsonb,                                       -- { method, reference, note }
  verified_by uuid REFERENCES users (id),
  verified_at timestamptz,
  decided_by uuid REFERENCES users (id),
  decided_at timestamptz,
  rejection_reason text,
  applied_at timestamptz,
  version integer NOT NULL DEFAULT 1,
  created_at timestamptz NOT NULL DEFAULT now(),
  CHECK (status <> 'applied' OR field <> 'bank_account' OR
    (verified_by IS NOT NULL AND decided_by IS NOT NULL AND decided_by <> requested_by AND decided_by <> verified_by))
);
CREATE UNIQUE INDEX account_change_requests_pending_idx ON account_change_requests (customer_id, field)
  WHERE status IN ('pending_verification', 'pending_approval');

-- What a customer's contact details were, and when they changed (by which request).
CREATE TABLE customer_contact_history (
  id uuid PRIMARY KEY,
  customer_id uuid NOT NULL REFERENCES customers (id),
  field text NOT NULL CHECK (field IN ('address', 'phone', 'email', 'preferred_language')),
  old_value jsonb,
  new_value jsonb,
  change_request_id uuid REFERENCES account_change_requests (id),
  changed_by uuid REFERENCES users (id),
  changed_at timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX customer_contact_history_customer_idx ON customer_contact_history (customer_id, changed_at DESC);

-- A notice may go to an explicit address instead of the customer's current one: a bank-account
-- change is told to the contact details the customer had before the change.
ALTER TABLE notifications ADD COLUMN recipient jsonb;       -- { email } | { address } ; NULL: current contact

