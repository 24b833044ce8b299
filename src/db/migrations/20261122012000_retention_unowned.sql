-- The retention sweep of mail not on a claim, documents of swept cases, print batches and payment
-- batches (decision 0015). Indexes only: each lets a due query or a delete find its rows without
-- reading the whole table. Forward-only.

-- Deleting a service case deletes the mail received on it (and unlinks mail on a claim).
CREATE INDEX inbound_messages_case_idx ON inbound_messages (case_id) WHERE case_id IS NOT NULL;
-- Mail on no claim or case, by the day it was dealt with: the due scan of unmatched mail.
CREATE INDEX inbound_messages_unfiled_idx ON inbound_messages ((coalesce(triaged_at, received_at)))
  WHERE claim_id IS NULL AND case_id IS NULL AND status <> 'triage';
-- A print batch is kept while a letter in it is: its deliveries name it (no foreign key).
CREATE INDEX deliveries_print_batch_idx ON deliveries (print_batch_id) WHERE print_batch_id IS NOT NULL;
