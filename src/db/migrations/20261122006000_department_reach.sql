-- Department scoping (docs/security.md, "Data scoping"): a department agent reads the cases,
-- claims, customers and documents that a referral to their department links to. Every such read
-- asks "is there a referral to department D about this customer / case?", and the agent's lists
-- (GET /customers, /claims, /cases) ask it for each row: one index on the department first keeps
-- that a short index range per department instead of a scan of all referrals.
-- Forward-only.

CREATE INDEX referrals_department_idx ON referrals (department, case_id, customer_id);
