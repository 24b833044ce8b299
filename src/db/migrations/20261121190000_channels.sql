-- Channels: phone calls, inbound email, outbound email and letters, scanned letters, and
-- documents kept in a file store. Every contact lands on a customer's timeline; whatever cannot
-- be matched waits in a triage queue. Forward-only.

-- Documents: the bytes move to a store (local disk by default; an S3-compatible store can
-- implement the same interface). content stays for rows written before; new rows leave it NULL.
ALTER TABLE documents ALTER COLUMN content DROP NOT NULL;
ALTER TABLE documents ADD COLUMN storage_key text;
ALTER TABLE documents ADD CONSTRAINT documents_stored_check CHECK (content IS NOT NULL OR storage_key IS NOT NULL);
ALTER TABLE documents DROP CONSTRAINT documents_source_check;
ALTER TABLE documents ADD CONSTRAINT documents_source_check
  CHECK (source IN ('portal', 'staff', 'email', 'letter', 'scan', 'generated', 'api'));
-- Email attachments and scans may arrive before anyone knows whose they are.
ALTER TABLE documents ALTER COLUMN customer_id DROP NOT NULL;
ALTER TABLE documents DROP CONSTRAINT documents_entity_type_check;
ALTER TABLE documents ADD CONSTRAINT documents_entity_type_check
  CHECK (entity_type IN ('claim', 'service_case', 'referral', 'customer', 'inbound_message', 'scan', 'letter'));

-- Phone calls, logged by the representative (or a telephony integration).
CREATE TABLE calls (
  id uuid PRIMARY KEY,
  customer_id uuid REFERENCES customers (id),              -- NULL: a caller we could not identify
  direction text NOT NULL CHECK (direction IN ('inbound', 'outbound')),
  phone_number text NOT NULL,                              -- E.164
  started_at timestamptz NOT NULL,
  ended_at timestamptz,
  outcome text NOT NULL CHECK (outcome IN ('answered', 'resolved', 'callback_needed', 'no_answer', 'voicemail', 'transferred')),
  notes text,
  claim_id uuid REFERENCES claims (id),
  case_id uuid REFERENCES service_cases (id),
  handled_by uuid REFERENCES users (id),
  version integer NOT NULL DEFAULT 1,
  created_at timestamptz NOT NULL DEFAULT now(),
  CHECK (ended_at IS NULL OR ended_at >= started_at)
);
CREATE INDEX calls_customer_idx ON calls (customer_id, started_at DESC, id DESC);
CREATE INDEX calls_phone_idx ON calls (phone_number, started_at DESC);
-- The screen-pop finds a caller by number while the phone rings: customers by their normalised phone.
CREATE INDEX customers_phone_digits_idx ON customers (regexp_replace(phone, '[^0-9+]', '', 'g'));

-- Email in: stored once per Message-ID, threaded onto a claim or case, or left for triage.
CREATE TABLE inbound_messages (
  id uuid PRIMARY KEY,
  channel text NOT NULL CHECK (channel IN ('email', 'letter')),   -- letter: a scanned letter
  message_id text,                                         -- RFC 5322 Message-ID (email)
  customer_id uuid REFERENCES customers (id),
  claim_id uuid REFERENCES claims (id),
  case_id uuid REFERENCES service_cases (id),
  match_rule text CHECK (match_rule IN ('reference_in_subject', 'in_reply_to', 'references', 'sender_address',
    'reference_in_text', 'national_id_in_text', 'manual', 'new_claim')),
  status text NOT NULL CHECK (status IN ('matched', 'triage', 'rejected')),
  rejection_reason text,
  from_address text,
  to_addresses text[] NOT NULL DEFAULT '{}',
  subject text,
  body_text text,
  in_reply_to text,
  references_ids text[] NOT NULL DEFAULT '{}',
  language text CHECK (language IN ('sv', 'it', 'en')),
  extracted jsonb NOT NULL DEFAULT '{}',                   -- numbers found: claims, cases, national ids, IBANs, amounts
  size_bytes integer NOT NULL DEFAULT 0,
  received_at timestamptz NOT NULL DEFAULT now(),
  triaged_by uuid REFERENCES users (id),
  triaged_at timestamptz,
  version integer NOT NULL DEFAULT 1
);
-- Exactly once per Message-ID: a message delivered twice is stored once (the unique key is the guarantee).
CREATE UNIQUE INDEX inbound_messages_message_id_idx ON inbound_messages (message_id) WHERE message_id IS NOT NULL;
CREATE INDEX inbound_messages_customer_idx ON inbound_messages (customer_id, received_at DESC, id DESC);
CREATE INDEX inbound_messages_triage_idx ON inbound_messages (received_at, id) WHERE status = 'triage';

-- Email out and letters: one delivery per customer notification and channel, sent by a job with
-- retries; without SMTP configured an email stays in the local outbox (status 'outbox').
CREATE TABLE deliveries (
  id uuid PRIMARY KEY,
  notification_id uuid NOT NULL REFERENCES notifications (id),
  customer_id uuid REFERENCES customers (id),
  channel text NOT NULL CHECK (channel IN ('email', 'letter')),
  template text NOT NULL,
  language text NOT NULL CHECK (language IN ('sv', 'it', 'en')),
  recipient jsonb NOT NULL,                                -- { email } | { name, address }
  subject text NOT NULL,
  status text NOT NULL CHECK (status IN ('pending', 'sent', 'outbox', 'failed', 'printed')),
  attempts smallint NOT NULL DEFAULT 0,
  last_error text,
  smtp_message_id text,                                    -- our Message-ID, for threading replies
  document_id uuid REFERENCES documents (id),              -- the letter's PDF
  print_batch_id uuid,
  sent_at timestamptz,
  created_at timestamptz NOT NULL DEFAULT now(),
  UNIQUE (notification_id, channel)
);
CREATE INDEX deliveries_customer_idx ON deliveries (customer_id, created_at DESC, id DESC);
CREATE INDEX deliveries_smtp_message_id_idx ON deliveries (smtp_message_id) WHERE smtp_message_id IS NOT NULL;
CREATE INDEX deliveries_letters_to_print_idx ON deliveries (created_at) WHERE channel = 'letter' AND print_batch_id IS NULL;

CREATE TABLE print_batches (
  id uuid PRIMARY KEY,
  letters integer NOT NULL CHECK (letters > 0),
  document_id uuid NOT NULL REFERENCES documents (id),     -- one PDF with every letter
  created_by uuid REFERENCES users (id),
  created_at timestamptz NOT NULL DEFAULT now()
);

-- Scanned letters: the image kept as a document, the recognised text, its language and what was found.
CREATE TABLE scans (
  id uuid PRIMARY KEY,
  document_id uuid NOT NULL REFERENCES documents (id),
  inbound_message_id uuid REFERENCES inbound_messages (id),
  status text NOT NULL CHECK (status IN ('pending', 'recognised', 'unreadable', 'failed')),
  ocr_languages text[] NOT NULL DEFAULT '{}',              -- the traineddata used
  missing_languages text[] NOT NULL DEFAULT '{}',          -- asked for but not installed
  text text,
  confidence real,
  language text CHECK (language IN ('sv', 'it', 'en')),
  uploaded_by uuid REFERENCES users (id),
  created_at timestamptz NOT NULL DEFAULT now(),
  recognised_at timestamptz
);

-- An inbound message or scan nobody could match is a piece of work in the triage queue.
ALTER TABLE work_items DROP CONSTRAINT work_items_kind_check;
ALTER TABLE work_items ADD CONSTRAINT work_items_kind_check
  CHECK (kind IN ('claim', 'service_case', 'referral', 'triage'));
