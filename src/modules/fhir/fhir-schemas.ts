import { z } from 'zod';

// The OpenAPI face of the FHIR routes. The request body is validated by the official FHIR schema
// (validate-fhir.ts), not by zod: these schemas only document the shape, and the routes' validator
// lets the body through. The top-level element names are R4's (fhir-schemas.test.ts checks them
// against standards/fhir/fhir.schema.json), so an unknown element is refused as the contract says.

export const CLAIM_ELEMENTS = [
  'id',
  'meta',
  'implicitRules',
  '_implicitRules',
  'language',
  '_language',
  'text',
  'contained',
  'extension',
  'modifierExtension',
  'identifier',
  'status',
  '_status',
  'type',
  'subType',
  'use',
  '_use',
  'patient',
  'billablePeriod',
  'created',
  '_created',
  'enterer',
  'insurer',
  'provider',
  'priority',
  'fundsReserve',
  'related',
  'prescription',
  'originalPrescription',
  'payee',
  'referral',
  'facility',
  'careTeam',
  'supportingInfo',
  'diagnosis',
  'procedure',
  'insurance',
  'accident',
  'item',
  'total',
] as const;

export const FhirClaimSchema = z
  .object({
    resourceType: z.literal('Claim'),
    ...Object.fromEntries(CLAIM_ELEMENTS.map((k) => [k, z.unknown().optional()])),
  })
  .strict()
  .meta({
    id: 'FhirClaim',
    description: 'An HL7 FHIR R4 Claim (http://hl7.org/fhir/R4/claim.html); docs/fhir.md has the mapping',
  });

const fhirResource = (resourceType: string, id: string, description: string) =>
  z
    .object({ resourceType: z.literal(resourceType), id: z.string() })
    .catchall(z.unknown())
    .meta({ id, description });

export const FhirClaimResponseSchema = fhirResource(
  'ClaimResponse',
  'FhirClaimResponse',
  'An HL7 FHIR R4 ClaimResponse (http://hl7.org/fhir/R4/claimresponse.html); id = our claim id',
);

export const FhirExplanationOfBenefitSchema = fhirResource(
  'ExplanationOfBenefit',
  'FhirExplanationOfBenefit',
  'An HL7 FHIR R4 ExplanationOfBenefit (http://hl7.org/fhir/R4/explanationofbenefit.html)',
);

export const FhirReadHeaders = z.object({
  'accept-language': z
    .string()
    .max(200)
    .optional()
    .describe(
      'sv, it or en: the language of disposition and processNote (default: the Claim’s, else the customer’s)',
    ),
});
