-- Scanned letters (src/modules/scans): what the channels migration left out. Forward-only.

-- A scan whose OCR job spent its last attempt says why, so nobody has to read the job table.
ALTER TABLE scans ADD COLUMN failure_reason text;
-- Whose letter it turned out to be (set when it is linked): scans are customer data, and the
-- customer id on the row keeps them distributable by customer like every other such table.
ALTER TABLE scans ADD COLUMN customer_id uuid REFERENCES customers (id);
-- A PDF may have more pages than we read (the OCR reads the first few): both counts are kept, so
-- a letter cut short is visible rather than silently incomplete.
ALTER TABLE scans ADD COLUMN page_count integer CHECK (page_count >= 0);
ALTER TABLE scans ADD COLUMN pages_read integer CHECK (pages_read >= 0);
ALTER TABLE scans ADD CONSTRAINT scans_failure_reason_check
  CHECK ((status = 'failed') = (failure_reason IS NOT NULL));

-- The same file uploaded twice is one scan (a retried upload, a letter scanned into the system by
-- two people): the SHA-256 of its bytes is unique, whichever upload commits first.
ALTER TABLE scans ADD COLUMN sha256 text CHECK (sha256 ~ '^[0-9a-f]{64}$');
CREATE UNIQUE INDEX scans_sha256_idx ON scans (sha256);

-- GET /scans?status=…: newest first within a status (ids are UUIDv7, so id order is time order).
CREATE INDEX scans_status_idx ON scans (status, id DESC);
CREATE INDEX scans_document_idx ON scans (document_id);
CREATE INDEX scans_customer_idx ON scans (customer_id, created_at DESC, id DESC) WHERE customer_id IS NOT NULL;
