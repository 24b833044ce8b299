import { z } from 'zod';
import { DOCUMENT_KINDS } from '../products/product-config-schema.ts';

// The answer of POST /claims/assessment-preview: the engine's Assessment of an unsaved draft, in
// the shape of a stored claim assessment minus what only a stored one has (id, seq, trigger).

const Minor = z.number().int();
const ReasonSchema = z.object({
  code: z.string(),
  clause: z.string().nullable(),
  params: z.record(z.string(), z.union([z.string(), z.number()])),
});

export const AssessmentPreviewSchema = z
  .object({
    saved: z.literal(false).describe('Always false: a preview writes nothing'),
    recommendation: z.enum(['approve', 'partial', 'deny', 'request_information', 'refer']),
    straightThrough: z
      .boolean()
      .describe('Whether registering this draft now would be decided without a person'),
    currency: z.string(),
    totals: z.object({
      submittedMinor: Minor,
      eligibleMinor: Minor,
      deductibleMinor: Minor,
      copayMinor: Minor,
      benefitMinor: Minor,
    }),
    lines: z.array(
      z.object({
        lineNo: z.number().int(),
        benefitCode: z.string(),
        submittedMinor: Minor,
        eligibleMinor: Minor,
        deductibleMinor: Minor,
        copayMinor: Minor,
        benefitMinor: Minor,
        reasons: z.array(ReasonSchema),
      }),
    ),
    missing: z.array(
      z.object({ document: z.enum(DOCUMENT_KINDS), benefitCode: z.string(), clause: z.string() }),
    ),
    riskFlags: z.array(
      z.object({ code: z.enum(['duplicate_claim', 'possible_duplicate']), claimNumber: z.string() }),
    ),
    reasons: z.array(ReasonSchema),
    explanation: z
      .array(
        z.object({
          code: z.string(),
          clause: z.string().nullable(),
          text: z.string(),
          lineNo: z.number().int().nullable(),
        }),
      )
      .describe("Every reason, in the customer's preferred language, citing the clause"),
    language: z.enum(['sv', 'it', 'en']).describe("The customer's preferred language"),
    engineVersion: z.string(),
    productVersionId: z.uuid().describe('The product version in force on the date of loss'),
    productVersion: z.number().int(),
  })
  .meta({ id: 'AssessmentPreview' });

export type AssessmentPreview = z.infer<typeof AssessmentPreviewSchema>;
