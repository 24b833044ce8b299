-- The customer timeline reads each source by customer, newest first (src/modules/timeline): an
-- index on (customer_id, time, id) per source that lacked one, so a page is a few short index
-- ranges however long the customer's history is.
CREATE INDEX claim_decisions_customer_idx ON claim_decisions (customer_id, decided_at DESC, id DESC);
CREATE INDEX information_requests_customer_idx ON information_requests (customer_id, created_at DESC, id DESC);
CREATE INDEX premium_payments_customer_idx ON premium_payments (customer_id, paid_on DESC, id DESC);
CREATE INDEX account_change_requests_customer_idx ON account_change_requests (customer_id, created_at DESC, id DESC);
CREATE INDEX notifications_customer_contact_idx ON notifications (customer_id, created_at DESC, id DESC)
  WHERE audience = 'customer';
