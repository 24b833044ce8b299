-- Service cases: staff list cases newest first across customers (GET /cases without a customer),
-- one keyset page at a time on (created_at, id). The per-customer index covers a customer's list.
-- Forward-only.
CREATE INDEX service_cases_created_idx ON service_cases (created_at DESC, id DESC);
