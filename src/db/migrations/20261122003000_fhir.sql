-- HL7 FHIR R4 intake (docs/fhir.md). One row per claim that came in as a FHIR Claim: what a
-- ClaimResponse and an ExplanationOfBenefit must echo and our claim does not hold — the sender's
-- Claim.identifier, Claim.type and Claim.provider, the sender's item sequence numbers (our lines are
-- numbered 1..n) and the language asked for. Not the whole resource: a contained Patient carries
-- personal data we already hold on the customer. customer_id as on every customer-owned row.
CREATE TABLE fhir_claims (
  claim_id uuid PRIMARY KEY REFERENCES claims (id),
  customer_id uuid NOT NULL,
  identifier_system text,
  identifier_value text,
  claim_type jsonb NOT NULL,
  provider jsonb NOT NULL,
  item_sequences integer[] NOT NULL,
  language text,
  received_at timestamptz NOT NULL DEFAULT now(),
  CHECK ((identifier_system IS NULL) = (identifier_value IS NULL))
);
-- The sender's identifier names one claim (registerClaim's externalRef enforces the same; this
-- keeps the mapping itself honest).
CREATE UNIQUE INDEX fhir_claims_identifier_idx ON fhir_claims (identifier_system, identifier_value)
  WHERE identifier_value IS NOT NULL;
CREATE INDEX fhir_claims_customer_idx ON fhir_claims (customer_id);
