-- Payments (docs/payments.md): payment orders created from decisions, released in batches with
-- four eyes, sent to the bank as ISO 20022 pain.001.001.09 files, tracked to settlement through
-- camt.054 notifications, with late-payment interest, recovery items and a ledger. Forward-only.

-- The Riksbank's reference rate per half-year (räntelagen 9 §), as configurable data: an
-- administrator adds each new half-year; `verified` says whether someone checked it at the source.
CREATE TABLE interest_reference_rates (
  country text NOT NULL CHECK (country IN ('SE')),
  valid_from date NOT NULL CHECK (extract(day FROM valid_from) = 1 AND extract(month FROM valid_from) IN (1, 7)),
  rate_hundredths integer NOT NULL,                          -- 2.5 % is 250
  source text NOT NULL,
  verified boolean NOT NULL DEFAULT false,
  created_at timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (country, valid_from)
);
INSERT INTO interest_reference_rates (country, valid_from, rate_hundredths, source, verified) VALUES
  ('SE', '2020-01-01', 0, 'Riksbanken referensränta (written without internet access: verify)', false),
  ('SE', '2020-07-01', 0, 'Riksbanken referensränta (written without internet access: verify)', false),
  ('SE', '2021-01-01', 0, 'Riksbanken referensränta (written without internet access: verify)', false),
  ('SE', '2021-07-01', 0, 'Riksbanken referensränta (written without internet access: verify)', false),
  ('SE', '2022-01-01', 0, 'Riksbanken referensränta (written without internet access: verify)', false),
  ('SE', '2022-07-01', 50, 'Riksbanken referensränta (uncertain: verify)', false),
  ('SE', '2023-01-01', 250, 'Riksbanken referensränta (written without internet access: verify)', false),
  ('SE', '2023-07-01', 350, 'Riksbanken referensränta (written without internet access: verify)', false),
  ('SE', '2024-01-01', 400, 'Riksbanken referensränta (written without internet access: verify)', false),
  ('SE', '2024-07-01', 400, 'Riksbanken referensränta (uncertain: verify)', false),
  ('SE', '2025-01-01', 250, 'Riksbanken referensränta (written without internet access: verify)', false),
  ('SE', '2025-07-01', 200, 'Riksbanken referensränta (uncertain: verify)', false),
  ('SE', '2026-01-01', 200, 'Assumed: policy rate 1.75 % rounded up to a half point (verify)', false),
  ('SE', '2026-07-01', 200, 'Assumed: unchanged from the first half-year (verify)', false);

-- A batch of payment orders in one currency, exported as one pain.001 file. The database refuses a
-- second approval by the person who created the batch, whatever the code does.
CREATE TABLE payment_batches (
  id uuid PRIMARY KEY,
  batch_number text NOT NULL UNIQUE,                         -- PBT-YYYY-NNNNNN
  message_id text NOT NULL UNIQUE CHECK (length(message_id) BETWEEN 1 AND 35),
  currency char(3) NOT NULL,
  requested_execution_date date NOT NULL,
  debtor_name text NOT NULL,
  debtor_iban text NOT NULL,
  debtor_bic text,
  payment_count integer NOT NULL CHECK (payment_count > 0),
  control_sum_minor bigint NOT NULL CHECK (control_sum_minor > 0),
  status text NOT NULL CHECK (status IN ('awaiting_approval', 'approved', 'released', 'cancelled')),
  needs_second_approval boolean NOT NULL,
  created_by uuid REFERENCES users (id),                     -- NULL: the system
  approved_by uuid REFERENCES users (id),
  approved_at timestamptz,
  released_by uuid REFERENCES users (id),
  released_at timestamptz,
  file_xml text,                                              -- the pain.001 as sent, once released
  file_sha256 text,
  version integer NOT NULL DEFAULT 1,
  created_at timestamptz NOT NULL DEFAULT now(),
  CHECK (approved_by IS NULL OR created_by IS NULL OR approved_by <> created_by),
  CHECK ((status = 'released') = (file_xml IS NOT NULL))
);
CREATE INDEX payment_batches_status_idx ON payment_batches (status, id);

-- One payment to a customer's bank account. The creditor's account is copied when the order is
-- made ready, so the bank file says what was checked even if the customer changes it later.
CREATE TABLE payment_orders (
  id uuid PRIMARY KEY,
  payment_number text NOT NULL UNIQUE,                       -- PAY-YYYY-NNNNNN
  kind text NOT NULL CHECK (kind IN ('claim_payment', 'benefit_instalment', 'repayment')),
  claim_id uuid NOT NULL REFERENCES claims (id),
  decision_id uuid NOT NULL REFERENCES claim_decisions (id),
  instalment_no integer NOT NULL DEFAULT 1 CHECK (instalment_no >= 1),
  replaces_payment_id uuid REFERENCES payment_orders (id),   -- a re-payment of a returned one
  customer_id uuid NOT NULL REFERENCES customers (id),
  bank_account_id uuid REFERENCES customer_bank_accounts (id),
  creditor_name text,
  creditor_scheme text CHECK (creditor_scheme IN ('iban', 'bankgiro', 'plusgiro', 'se_account')),
  creditor_iban text,
  creditor_bic text,
  creditor_clearing_number text,
  creditor_account_number text,
  principal_minor bigint NOT NULL CHECK (principal_minor > 0),
  interest_minor bigint NOT NULL DEFAULT 0 CHECK (interest_minor >= 0),
  currency char(3) NOT NULL,
  -- How the interest was computed: { legalDueDate, fromDate, toDate, periods, marginPercentagePoints }.
  interest jsonb,
  -- The legal payment date (e.g. FAL's one month), from the claim's deadline clock; NULL: none applies.
  legal_due_date date,
  remittance_info text NOT NULL CHECK (length(remittance_info) BETWEEN 1 AND 140),
  end_to_end_id text NOT NULL UNIQUE CHECK (length(end_to_end_id) BETWEEN 1 AND 35),
  requested_execution_date date NOT NULL,
  status text NOT NULL CHECK (status IN (
    'awaiting_account', 'held', 'ready', 'batched', 'sent', 'settled', 'returned', 'rejected', 'cancelled')),
  -- Why a person must look before it can be sent: 'bank_account_recently_changed', 'above_single_limit'.
  hold_reasons text[] NOT NULL DEFAULT '{}',
  needs_second_approval boolean NOT NULL DEFAULT false,
  created_by uuid REFERENCES users (id),                     -- NULL: the system (straight-through)
  approved_by uuid REFERENCES users (id),                    -- the person who released a hold
  approved_at timestamptz,
  batch_id uuid REFERENCES payment_batches (id),
  bank_reference text,                                        -- the bank's reference from camt.054
  reason_code text,                                           -- the bank's return / reject reason (ISO code)
  reason_text text,
  sent_at timestamptz,
  settled_on date,                                            -- the booking date on the bank's side
  status_changed_at timestamptz NOT NULL DEFAULT now(),
  delay_stage integer NOT NULL DEFAULT 0 CHECK (delay_stage BETWEEN 0 AND 2), -- 1 warned, 2 case opened
  version integer NOT NULL DEFAULT 1,
  created_at timestamptz NOT NULL DEFAULT now(),
  updated_at timestamptz NOT NULL DEFAULT now(),
  CHECK (approved_by IS NULL OR created_by IS NULL OR approved_by <> created_by),
  -- Only an order in a batch can have gone to the bank.
  CHECK (status IN ('awaiting_account', 'held', 'ready', 'cancelled') OR batch_id IS NOT NULL),
  CHECK (status IN ('awaiting_account', 'cancelled') OR bank_account_id IS NOT NULL)
);
-- One approved decision, one payment: never two live or paid orders for the same decision and
-- instalment. A returned or rejected order may be replaced by a re-payment.
CREATE UNIQUE INDEX payment_orders_one_per_decision_idx ON payment_orders (decision_id, instalment_no)
  WHERE status NOT IN ('returned', 'rejected', 'cancelled');
CREATE INDEX payment_orders_claim_idx ON payment_orders (claim_id, id);
CREATE INDEX payment_orders_customer_idx ON payment_orders (customer_id, id);
CREATE INDEX payment_orders_batch_idx ON payment_orders (batch_id) WHERE batch_id IS NOT NULL;
CREATE INDEX payment_orders_status_idx ON payment_orders (status, requested_execution_date, id);

ALTER TABLE service_cases ADD CONSTRAINT service_cases_payment_fk FOREIGN KEY (payment_id) REFERENCES payment_orders (id);

-- Every change of a payment's status, from whatever source: the ledger and the case view read it.
CREATE TABLE payment_status_changes (
  id uuid PRIMARY KEY,
  payment_id uuid NOT NULL REFERENCES payment_orders (id),
  customer_id uuid NOT NULL REFERENCES customers (id),
  from_status text,
  to_status text NOT NULL,
  source text NOT NULL CHECK (source IN ('system', 'person', 'batch', 'bank_file', 'manual')),
  reason_code text,
  note text,
  bank_notification_id uuid,
  actor_id uuid REFERENCES users (id),
  at timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX payment_status_changes_payment_idx ON payment_status_changes (payment_id, at, id);

-- An imported camt.054 file. The same file (same message id or same bytes) is never applied twice.
CREATE TABLE bank_notifications (
  id uuid PRIMARY KEY,
  message_id text NOT NULL UNIQUE,
  file_sha256 text NOT NULL UNIQUE,
  imported_by uuid REFERENCES users (id),
  imported_at timestamptz NOT NULL DEFAULT now(),
  entries_total integer NOT NULL,
  applied integer NOT NULL,
  ignored integer NOT NULL,
  unknown integer NOT NULL,
  report jsonb NOT NULL
);

-- One transaction of a notification. entry_key (the bank's reference, or a digest of the entry when
-- it has none) is unique, so an entry repeated in a later file is recognised and not applied again.
CREATE TABLE bank_notification_entries (
  id uuid PRIMARY KEY,
  notification_id uuid NOT NULL REFERENCES bank_notifications (id),
  entry_key text NOT NULL UNIQUE,
  end_to_end_id text,
  payment_id uuid REFERENCES payment_orders (id),
  outcome text NOT NULL CHECK (outcome IN ('settled', 'returned', 'rejected')),
  amount_minor bigint NOT NULL,
  currency char(3) NOT NULL,
  reason_code text,
  booking_date date
);
CREATE INDEX bank_notification_entries_payment_idx ON bank_notification_entries (payment_id) WHERE payment_id IS NOT NULL;

-- Money to get back: a decision reversed on appeal after payment lowers what was owed below what
-- was paid. Never a negative payment.
CREATE TABLE recovery_items (
  id uuid PRIMARY KEY,
  recovery_number text NOT NULL UNIQUE,                      -- REC-YYYY-NNNNNN
  claim_id uuid NOT NULL REFERENCES claims (id),
  customer_id uuid NOT NULL REFERENCES customers (id),
  decision_id uuid NOT NULL UNIQUE REFERENCES claim_decisions (id), -- the decision that lowered the amount
  amount_minor bigint NOT NULL CHECK (amount_minor > 0),
  currency char(3) NOT NULL,
  status text NOT NULL CHECK (status IN ('open', 'recovered', 'waived')),
  note text,
  resolved_by uuid REFERENCES users (id),
  resolved_at timestamptz,
  version integer NOT NULL DEFAULT 1,
  created_at timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX recovery_items_claim_idx ON recovery_items (claim_id);

-- A returned payment opens a case of its own category, under the payment-delay kind.
INSERT INTO case_categories (code, kind, label) VALUES
  ('payment_returned', 'payment_delay',
   '{"sv": "Utbetalning returnerad av banken", "it": "Pagamento respinto dalla banca", "en": "Payment returned by the bank"}');
