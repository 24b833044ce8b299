-- The retention sweep of the claim file, payments and webhook deliveries (issue 9 §4, decision
-- 0015). Indexes only: each finds the rows that hang on a swept record (or the foreign-key check
-- of a delete) by index instead of reading the whole table once per record. Forward-only.

-- Claims finished (closed, withdrawn, denied, paid), by the day they finished: the due scan.
CREATE INDEX claims_finished_idx ON claims (status_changed_at)
  WHERE status IN ('closed', 'withdrawn', 'denied', 'paid');
-- Deleting an insured person (with its policy) checks that no claim names them.
CREATE INDEX claims_insured_person_idx ON claims (insured_person_id);
-- What hangs on a claim.
CREATE INDEX claim_escalations_claim_idx ON claim_escalations (claim_id);
CREATE INDEX information_requests_claim_idx ON information_requests (claim_id);
CREATE INDEX inbound_messages_claim_idx ON inbound_messages (claim_id) WHERE claim_id IS NOT NULL;
CREATE INDEX calls_claim_idx ON calls (claim_id) WHERE claim_id IS NOT NULL;
CREATE INDEX scans_inbound_message_idx ON scans (inbound_message_id) WHERE inbound_message_id IS NOT NULL;
-- Notifications (and so letters) about a record.
CREATE INDEX notifications_entity_idx ON notifications (entity_type, entity_id) WHERE entity_id IS NOT NULL;
-- Deleting a document checks deliveries and print batches; a file is removed only once no row names it.
CREATE INDEX deliveries_document_idx ON deliveries (document_id) WHERE document_id IS NOT NULL;
CREATE INDEX print_batches_document_idx ON print_batches (document_id);
CREATE INDEX documents_storage_key_idx ON documents (storage_key) WHERE storage_key IS NOT NULL;
-- A payment stays while its replacement does; the replacement is found by this.
CREATE INDEX payment_orders_replaces_idx ON payment_orders (replaces_payment_id) WHERE replaces_payment_id IS NOT NULL;
CREATE INDEX service_cases_payment_idx ON service_cases (payment_id) WHERE payment_id IS NOT NULL;
-- Webhook deliveries that have ended, by age (the integration-log rule).
CREATE INDEX webhook_deliveries_ended_idx ON webhook_deliveries (updated_at) WHERE status <> 'pending';
