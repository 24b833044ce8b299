-- Inbound email (src/modules/inbound). Forward-only.

-- A triage item is about an inbound message (an email, a scanned letter) that nobody could match:
-- often we do not know whose it is yet. Every other kind of work still has its customer.
ALTER TABLE work_items ALTER COLUMN customer_id DROP NOT NULL;
ALTER TABLE work_items ADD CONSTRAINT work_items_customer_check CHECK (customer_id IS NOT NULL OR kind = 'triage');

-- GET /inbound-messages?status=matched|rejected pages oldest first like the triage list (which
-- has its own partial index, inbound_messages_triage_idx).
CREATE INDEX inbound_messages_status_idx ON inbound_messages (status, received_at, id);
