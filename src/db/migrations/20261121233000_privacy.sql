-- Erasure on request (GDPR art. 17): the customer's row stays, so that the records kept under a
-- retention rule (claims, payments, the audit trail) still have an owner, but its identity and
-- contact details are replaced. erased_at says when; an erased customer is never erased twice.
ALTER TABLE customers ADD COLUMN erased_at timestamptz;
