-- Outbound email and letters: a delivery keeps what was sent, as it was sent, and why it went by
-- another channel than the notice's. Forward-only.

-- The rendered text (the email body; the letter's text beside its PDF): the outbox shows it, and a
-- retry sends exactly what the first attempt tried, whatever changed in the records since.
ALTER TABLE deliveries ADD COLUMN body text;
-- Why the delivery differs from its notice, e.g. an email notice to a customer without an email
-- address goes as a letter.
ALTER TABLE deliveries ADD COLUMN note text;
ALTER TABLE deliveries ADD COLUMN printed_at timestamptz;

-- The outbox (emails kept locally while no SMTP server is configured), newest first.
-- Keyed by id: UUIDv7 ids sort by creation, so a page is one range scan from the cursor.
CREATE INDEX deliveries_outbox_idx ON deliveries (id DESC) WHERE status = 'outbox';
