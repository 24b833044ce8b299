-- Internal notes on a claim (src/modules/claim-notes): what the representative wants colleagues,
-- supervisors and auditors to know. Never shown to the customer. Append-only, like the audit
-- trail: a note is corrected by writing another one.
CREATE TABLE claim_notes (
  id uuid PRIMARY KEY,
  claim_id uuid NOT NULL REFERENCES claims (id),
  -- Customer data like every claim row, so the table distributes by customer.
  customer_id uuid NOT NULL REFERENCES customers (id),
  author_id uuid REFERENCES users (id),
  body text NOT NULL CHECK (length(body) BETWEEN 1 AND 5000),
  created_at timestamptz NOT NULL DEFAULT now()
);
-- GET /claims/{ref}/notes: newest first (ids are UUIDv7, so id order is time order).
CREATE INDEX claim_notes_claim_idx ON claim_notes (claim_id, id DESC);
