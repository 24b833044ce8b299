-- Reports (issue 10 §3): each report reads one period of one event (registered, decided, paid,
-- clock started or stopped, item opened). These indexes let it read only that period's rows
-- instead of the whole table; bench/reports-bench.ts measures them over 1,000,000 claims
-- (docs/performance.md, "Reports"). Forward-only.

-- Straight-through rate: claims registered in the period.
-- The columns the reports join on ride along (INCLUDE), so the period's rows are read from the
-- index alone once the visibility map is set (autovacuum).
CREATE INDEX claims_registered_idx ON claims (registered_at) INCLUDE (id, policy_id);
-- Handling time: first decisions taken in the period.
CREATE INDEX claim_decisions_first_decided_idx ON claim_decisions (decided_at) INCLUDE (claim_id, straight_through)
  WHERE decision_no = 1;
-- Straight-through rate: a claim's first decision and whether it was straight through, from the index.
CREATE INDEX claim_decisions_first_idx ON claim_decisions (claim_id) INCLUDE (straight_through) WHERE decision_no = 1;
-- Outcomes: decisions in force taken in the period.
CREATE INDEX claim_decisions_current_decided_idx ON claim_decisions (decided_at)
  INCLUDE (claim_id, outcome, currency, amount_minor) WHERE superseded_at IS NULL;
-- Every claim report goes claim → policy → product: the product read from the index alone.
CREATE INDEX policies_product_of_idx ON policies (id) INCLUDE (product_id);
-- Payments and handling time: the bank's answers applied in the period (settled; returned or rejected).
CREATE INDEX payment_orders_settled_idx ON payment_orders (status_changed_at) WHERE status = 'settled';
CREATE INDEX payment_orders_returned_idx ON payment_orders (status_changed_at) WHERE status IN ('returned', 'rejected');
-- Handling time: a claim's first settled payment (one probe per payment of the period).
CREATE INDEX payment_orders_first_settled_idx ON payment_orders (claim_id, status_changed_at, id)
  WHERE status = 'settled' AND kind <> 'benefit_instalment';
-- Deadline compliance: clocks started in the period.
CREATE INDEX deadlines_started_idx ON deadlines (started_at);
-- Claims past the legal deadline: clocks met after they were due, by when they stopped (a few % of
-- all clocks, so a small index).
CREATE INDEX deadlines_met_late_idx ON deadlines (stopped_at) WHERE status = 'met' AND stopped_at > due_at;
-- Backlog: open items that entered a queue in the period.
CREATE INDEX work_items_open_created_idx ON work_items (created_at) WHERE open;
