-- Outcomes from the decision's own product copy (20261122010000_report_facts; docs/decisions/
-- 0016-report-queries.md, "Third round"): the period's current decisions with their product, and a
-- product's current decisions, index-only, with no look-up of the claim and policy per decision.
-- Indexes only. Forward-only.
DROP INDEX claim_decisions_current_decided_idx;
CREATE INDEX claim_decisions_current_decided_idx ON claim_decisions (decided_at)
  INCLUDE (claim_id, outcome, currency, amount_minor, product_id) WHERE superseded_at IS NULL;
CREATE INDEX claim_decisions_current_by_product_idx ON claim_decisions (product_id, decided_at)
  INCLUDE (claim_id, outcome, currency, amount_minor) WHERE superseded_at IS NULL;
