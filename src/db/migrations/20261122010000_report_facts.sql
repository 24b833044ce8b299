-- Report facts (issue 10: each report ≤ 500 ms over 1,000,000 claims; docs/decisions/
-- 0016-report-queries.md, "Third round"). Handling time reads a claim's first decision and first
-- settled payment with the claim's product and registration instant; until now each of those rows
-- was followed to its claim, the claim to its policy, the policy to its product, and a payment also
-- to its decision: three or four key look-ups per row, and for a product filter every row of the
-- period was looked up before five products in six were dropped.
--
-- The decision and the payment now carry those facts themselves, copied by the database when the
-- row is written (and again if the source ever changes), so the report reads one index range: the
-- product's rows of the period, or the period's rows with their product. Triggers rather than the
-- writers: every writer (registration, appeals, the bulk path, payments, the demo seed, the
-- benchmark's generator, test fixtures) gets the same values without knowing of them, and a copy
-- cannot disagree with its source. Forward-only.

ALTER TABLE claim_decisions
  ADD COLUMN product_id uuid,
  ADD COLUMN claim_registered_at timestamptz;
ALTER TABLE payment_orders
  ADD COLUMN product_id uuid,
  ADD COLUMN claim_registered_at timestamptz,
  ADD COLUMN decided_at timestamptz;
COMMENT ON COLUMN claim_decisions.product_id IS 'Copy of the claim''s policy''s product (trigger; reports)';
COMMENT ON COLUMN claim_decisions.claim_registered_at IS 'Copy of claims.registered_at (trigger; reports)';
COMMENT ON COLUMN payment_orders.product_id IS 'Copy of the claim''s policy''s product (trigger; reports)';
COMMENT ON COLUMN payment_orders.claim_registered_at IS 'Copy of claims.registered_at (trigger; reports)';
COMMENT ON COLUMN payment_orders.decided_at IS 'Copy of the paid decision''s decided_at (trigger; reports)';

UPDATE claim_decisions d SET product_id = pol.product_id, claim_registered_at = c.registered_at
FROM claims c JOIN policies pol ON pol.id = c.policy_id WHERE c.id = d.claim_id;
UPDATE payment_orders po SET product_id = pol.product_id, claim_registered_at = c.registered_at,
  decided_at = d.decided_at
FROM claims c JOIN policies pol ON pol.id = c.policy_id, claim_decisions d
WHERE c.id = po.claim_id AND d.id = po.decision_id;

-- On insert (and on a change of the claim or decision a row belongs to) the copies are taken from
-- their sources, whatever the writer sent.
CREATE FUNCTION claim_decisions_report_facts() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  SELECT pol.product_id, c.registered_at INTO NEW.product_id, NEW.claim_registered_at
  FROM claims c JOIN policies pol ON pol.id = c.policy_id WHERE c.id = NEW.claim_id;
  RETURN NEW;
END $$;
CREATE TRIGGER claim_decisions_report_facts BEFORE INSERT OR UPDATE OF claim_id ON claim_decisions
  FOR EACH ROW EXECUTE FUNCTION claim_decisions_report_facts();

CREATE FUNCTION payment_orders_report_facts() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  SELECT pol.product_id, c.registered_at INTO NEW.product_id, NEW.claim_registered_at
  FROM claims c JOIN policies pol ON pol.id = c.policy_id WHERE c.id = NEW.claim_id;
  SELECT d.decided_at INTO NEW.decided_at FROM claim_decisions d WHERE d.id = NEW.decision_id;
  RETURN NEW;
END $$;
CREATE TRIGGER payment_orders_report_facts BEFORE INSERT OR UPDATE OF claim_id, decision_id ON payment_orders
  FOR EACH ROW EXECUTE FUNCTION payment_orders_report_facts();

-- The sources change rarely (the demo seed backdates a claim's registration; a decision's instant
-- or a policy's product is not changed by any use case today), but when they do, the copies follow
-- in the same transaction.
CREATE FUNCTION claims_report_facts_follow() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  UPDATE claim_decisions d SET product_id = pol.product_id, claim_registered_at = NEW.registered_at
  FROM policies pol WHERE pol.id = NEW.policy_id AND d.claim_id = NEW.id;
  UPDATE payment_orders po SET product_id = pol.product_id, claim_registered_at = NEW.registered_at
  FROM policies pol WHERE pol.id = NEW.policy_id AND po.claim_id = NEW.id;
  RETURN NULL;
END $$;
CREATE TRIGGER claims_report_facts_follow AFTER UPDATE OF registered_at, policy_id ON claims
  FOR EACH ROW WHEN (OLD.registered_at IS DISTINCT FROM NEW.registered_at OR OLD.policy_id IS DISTINCT FROM NEW.policy_id)
  EXECUTE FUNCTION claims_report_facts_follow();

CREATE FUNCTION claim_decisions_report_facts_follow() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  UPDATE payment_orders SET decided_at = NEW.decided_at WHERE decision_id = NEW.id;
  RETURN NULL;
END $$;
CREATE TRIGGER claim_decisions_report_facts_follow AFTER UPDATE OF decided_at ON claim_decisions
  FOR EACH ROW WHEN (OLD.decided_at IS DISTINCT FROM NEW.decided_at)
  EXECUTE FUNCTION claim_decisions_report_facts_follow();

CREATE FUNCTION policies_report_facts_follow() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  UPDATE claim_decisions d SET product_id = NEW.product_id
  FROM claims c WHERE c.policy_id = NEW.id AND d.claim_id = c.id;
  UPDATE payment_orders po SET product_id = NEW.product_id
  FROM claims c WHERE c.policy_id = NEW.id AND po.claim_id = c.id;
  RETURN NULL;
END $$;
CREATE TRIGGER policies_report_facts_follow AFTER UPDATE OF product_id ON policies
  FOR EACH ROW WHEN (OLD.product_id IS DISTINCT FROM NEW.product_id)
  EXECUTE FUNCTION policies_report_facts_follow();

-- Handling time, registration → first decision: the period's first decisions with their product and
-- registration instant (all products), and a product's first decisions of the period. Replaces the
-- first round's index, whose other reader (straight-through) keeps its columns.
DROP INDEX claim_decisions_first_decided_idx;
CREATE INDEX claim_decisions_first_decided_idx ON claim_decisions (decided_at)
  INCLUDE (claim_id, straight_through, product_id, claim_registered_at) WHERE decision_no = 1;
CREATE INDEX claim_decisions_first_by_product_idx ON claim_decisions (product_id, decided_at)
  INCLUDE (claim_id, claim_registered_at) WHERE decision_no = 1;
-- Handling time, → payment: the settled claim payments of the period (all products; the payments
-- report reads the same index) and a product's, each with its decision and registration instants.
DROP INDEX payment_orders_settled_idx;
CREATE INDEX payment_orders_settled_idx ON payment_orders (status_changed_at)
  INCLUDE (id, claim_id, decision_id, kind, currency, principal_minor, interest_minor, product_id,
    claim_registered_at, decided_at) WHERE status = 'settled';
CREATE INDEX payment_orders_settled_by_product_idx ON payment_orders (product_id, status_changed_at)
  INCLUDE (id, claim_id, claim_registered_at, decided_at) WHERE status = 'settled' AND kind <> 'benefit_instalment';
-- Claims past the legal deadline for one product: the product's claim work items (whose product is
-- the claim's, claim-work.ts) with their claim, index-only; the clocks of the period join to them.
DROP INDEX work_items_report_product_idx;
CREATE INDEX work_items_report_product_idx ON work_items (product_code, kind) INCLUDE (id, subject_id);
-- Claims past the legal deadline: the sums of a claim's settled payments, index-only (one probe per
-- row of the extract; from the table it was a heap visit per payment).
CREATE INDEX payment_orders_settled_of_claim_idx ON payment_orders (claim_id)
  INCLUDE (currency, principal_minor, interest_minor) WHERE status = 'settled';
