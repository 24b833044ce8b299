-- Reports speed (issue 10: each report ≤ 500 ms over 1,000,000 claims, also a whole year of one
-- product; docs/decisions/0016-report-queries.md, "Second round"). EXPLAIN (ANALYZE, BUFFERS) over
-- the benchmark's data showed the time going into key look-ups: every decision or payment of the
-- period is followed to its claim, its policy and its product, and each look-up also read the
-- table's row. These indexes make those look-ups index-only (INCLUDE the columns the reports read)
-- and let a product's reports start from the product's claims rather than from every claim of the
-- period. Indexes only, no data change. Forward-only.

-- Claim → policy, registration instant and number, index-only (handling time, outcomes, payments,
-- the late-claims extract).
CREATE INDEX claims_report_of_idx ON claims (id) INCLUDE (policy_id, registered_at, claim_number);
-- A product's claims: product → policies → claims, index-only (every claim report with a product
-- filter). The policy's claims index gets the claim's id and registration instant: the same key
-- (a policy's claims, as before, for whoever else reads by it), so the claim insert path carries
-- one index more in all (claims_report_of_idx), not two.
CREATE INDEX policies_by_product_idx ON policies (product_id) INCLUDE (id);
DROP INDEX claims_policy_idx;
CREATE INDEX claims_policy_idx ON claims (policy_id) INCLUDE (id, registered_at);
-- A claim's first decision with when it was taken (handling time and straight-through from a
-- product's claims). Replaces the reports' index without decided_at.
DROP INDEX claim_decisions_first_idx;
CREATE INDEX claim_decisions_first_idx ON claim_decisions (claim_id) INCLUDE (straight_through, decided_at)
  WHERE decision_no = 1;
-- The decision a payment paid, when it was taken (handling time: decision → payment).
CREATE INDEX claim_decisions_decided_of_idx ON claim_decisions (id) INCLUDE (decided_at);
-- The bank's answers of the period with what payments and handling time read of them, index-only.
DROP INDEX payment_orders_settled_idx;
CREATE INDEX payment_orders_settled_idx ON payment_orders (status_changed_at)
  INCLUDE (id, claim_id, decision_id, kind, currency, principal_minor, interest_minor) WHERE status = 'settled';
DROP INDEX payment_orders_returned_idx;
CREATE INDEX payment_orders_returned_idx ON payment_orders (status_changed_at)
  INCLUDE (claim_id, currency, principal_minor, interest_minor) WHERE status IN ('returned', 'rejected');
-- A claim's first settled payment and the decision it paid, index-only.
DROP INDEX payment_orders_first_settled_idx;
CREATE INDEX payment_orders_first_settled_idx ON payment_orders (claim_id, status_changed_at, id)
  INCLUDE (decision_id) WHERE status = 'settled' AND kind <> 'benefit_instalment';
-- The team filter ("a claim in this team's queue"; deadline compliance: "a clock of this team's
-- items"): the team's items as one index range, index-only, instead of a scan of every work item.
CREATE INDEX work_items_report_team_idx ON work_items (team, kind) INCLUDE (subject_id, id);
-- Deadline compliance for one product: the product's work items as one index range.
CREATE INDEX work_items_report_product_idx ON work_items (product_code) INCLUDE (id);
-- Deadline compliance: the clocks started in the period with everything the report counts by,
-- index-only (a year is 650,000 clocks at 1M claims: read from the index in order rather than
-- fetched row by row). Replaces the reports' index on started_at alone. A clock's update changes
-- its status and state, which other indexes of the table already cover, so updates were not HOT
-- before either.
DROP INDEX deadlines_started_idx;
CREATE INDEX deadlines_started_idx ON deadlines (started_at)
  INCLUDE (work_item_id, policy_code, status, state, due_at, stopped_at, calendar);
-- Claims past the legal deadline: a clock's work item → its claim, index-only.
CREATE INDEX work_items_report_of_idx ON work_items (id) INCLUDE (kind, subject_id);
-- Claims past the legal deadline: the late clock's rule, due instant, calendar and work item from
-- the index alone.
DROP INDEX deadlines_met_late_idx;
CREATE INDEX deadlines_met_late_idx ON deadlines (stopped_at) INCLUDE (work_item_id, policy_code, due_at, calendar)
  WHERE status = 'met' AND stopped_at > due_at;
