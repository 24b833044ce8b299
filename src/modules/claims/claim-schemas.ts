import { z } from 'zod';
import type { ClaimAssessmentRow, ClaimDecisionRow, ClaimLineRow, ClaimRow } from '../../db/schema.ts';
import type { Assessment } from '../assessment/assessment-types.ts';
import { DOCUMENT_KINDS, type DocumentKind } from '../products/product-config-schema.ts';

const DateSchema = z.iso.date();
const Currency = z.string().regex(/^[A-Z]{3}$/, 'ISO 4217 code such as SEK or EUR');

export const CLAIM_CHANNELS = ['phone', 'email', 'letter', 'portal', 'api', 'import'] as const;
export const CLAIM_STATUSES = [
  'registered',
  'in_review',
  'awaiting_information',
  'escalated',
  'approved',
  'partially_approved',
  'denied',
  'appealed',
  'paid',
  'closed',
  'withdrawn',
] as const;

export const DocumentKindsSchema = z
  .array(z.enum(DOCUMENT_KINDS))
  .max(DOCUMENT_KINDS.length * 4)
  .describe('Kinds of documents received');

export const NewClaimLineSchema = z
  .object({
    benefitCode: z.string().regex(/^[A-Z][A-Z0-9_]{1,39}$/),
    description: z.string().trim().min(1).max(500),
    serviceDate: DateSchema,
    amountMinor: z
      .number()
      .int()
      .min(0)
      .max(Number.MAX_SAFE_INTEGER)
      .describe('Integer minor units (öre, cents); 0 for a daily benefit, which the assessment computes'),
    currency: Currency,
    provider: z.string().trim().min(1).max(200).optional(),
    days: z
      .number()
      .int()
      .min(1)
      .max(3650)
      .optional()
      .describe('Daily benefit: consecutive days from serviceDate'),
  })
  .strict();

export const NewClaimSchema = z
  .object({
    customerId: z.uuid(),
    policyId: z.uuid(),
    insuredPersonId: z.uuid().optional().describe('Defaults to the policy holder'),
    incidentDate: DateSchema,
    description: z.string().trim().min(1).max(5000),
    channel: z
      .enum(CLAIM_CHANNELS)
      .default('api')
      .describe('Customers filing in the portal are always `portal`'),
    lines: z.array(NewClaimLineSchema).min(1).max(200),
    externalRef: z
      .string()
      .trim()
      .min(1)
      .max(100)
      .optional()
      .describe('Id in the sending system: a resend returns the same claim'),
    cause: z
      .string()
      .regex(/^[a-z][a-z0-9_]{1,39}$/, 'lower-case code such as illness, accident or theft')
      .optional()
      .describe('What caused the loss, e.g. illness, accident, theft, delay, extreme_sports'),
    incidentCountry: z
      .string()
      .regex(/^[A-Z]{2}$/, 'ISO 3166-1 alpha-2 code such as SE or IT')
      .optional(),
    preExistingCondition: z.boolean().optional().describe('Defaults to false'),
    documents: DocumentKindsSchema.optional().describe('Kinds of documents received with the claim'),
    callId: z
      .uuid()
      .optional()
      .describe(
        'Staff: the phone call (POST /calls) during which the claim is registered. The channel becomes ' +
          'phone and the call is linked to the claim; a call of another customer is 422 call_link_invalid',
      ),
  })
  .strict()
  .meta({ id: 'NewClaim' });

export type NewClaim = z.infer<typeof NewClaimSchema>;

export const DocumentsReceivedSchema = z
  .object({
    documents: DocumentKindsSchema.min(1),
    version: z
      .number()
      .int()
      .positive()
      .describe('The claim version the sender saw; a stale one is refused with version_conflict'),
  })
  .strict()
  .meta({ id: 'DocumentsReceived' });

export type DocumentsReceived = z.infer<typeof DocumentsReceivedSchema>;

const Minor = z.number().int();

const ReasonSchema = z.object({
  code: z.string(),
  clause: z.string().nullable(),
  params: z.record(z.string(), z.union([z.string(), z.number()])),
});

/**
 * What the engine concluded, as every assessment view shows it: the stored one (below) and the
 * unsaved preview (assessment-preview) add their own fields around it.
 */
export const assessmentOutcomeFields = {
  recommendation: z.enum(['approve', 'partial', 'deny', 'request_information', 'refer']),
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
  engineVersion: z.string(),
  productVersionId: z.uuid().describe('The product version in force on the date of loss'),
};

export const ClaimAssessmentSchema = z
  .object({
    id: z.uuid(),
    seq: z.number().int().describe('1 for the assessment at registration, then 2, 3, … per re-assessment'),
    trigger: z.enum(['registration', 'documents_received', 'manual', 'bulk']),
    straightThrough: z.boolean().describe('Decided without a person'),
    ...assessmentOutcomeFields,
    assessedAt: z.string(),
  })
  .meta({ id: 'ClaimAssessment', description: 'The latest assessment of the claim' });

export const ClaimDecisionSchema = z
  .object({
    id: z.uuid(),
    outcome: z.enum(['approved', 'partially_approved', 'denied']),
    amountMinor: Minor,
    currency: z.string(),
    decidedBy: z.uuid().nullable().describe('null: decided straight-through by the system'),
    straightThrough: z.boolean(),
    assessmentId: z.uuid(),
    decidedAt: z.string(),
  })
  .meta({ id: 'ClaimDecision' });

export const ClaimSchema = z
  .object({
    id: z.uuid(),
    claimNumber: z.string().describe('CLM-YYYY-NNNNNN'),
    customerId: z.uuid(),
    policyId: z.uuid(),
    insuredPersonId: z.uuid(),
    status: z.enum(CLAIM_STATUSES),
    channel: z.enum(CLAIM_CHANNELS),
    incidentDate: z.string(),
    description: z.string(),
    currency: z.string(),
    totalClaimedMinor: z.number().int(),
    externalRef: z.string().nullable(),
    registeredBy: z
      .uuid()
      .nullable()
      .describe('The user who registered it; null when the system did (import, integration)'),
    registeredAt: z.string(),
    version: z.number().int(),
    cause: z.string().nullable(),
    incidentCountry: z.string().nullable(),
    preExistingCondition: z.boolean(),
    documents: z.array(z.enum(DOCUMENT_KINDS)),
    lines: z.array(
      z.object({
        lineNo: z.number().int(),
        benefitCode: z.string(),
        description: z.string(),
        serviceDate: z.string(),
        amountMinor: z.number().int(),
        currency: z.string(),
        provider: z.string().nullable(),
        days: z.number().int().nullable(),
      }),
    ),
    assessment: ClaimAssessmentSchema.nullable(),
    decision: ClaimDecisionSchema.nullable(),
  })
  .meta({ id: 'Claim' });

export type ClaimView = z.infer<typeof ClaimSchema>;
export type ClaimAssessmentView = z.infer<typeof ClaimAssessmentSchema>;
export type ClaimDecisionView = z.infer<typeof ClaimDecisionSchema>;

export function toAssessmentView(row: ClaimAssessmentRow): ClaimAssessmentView {
  const a = row.result as Assessment;
  return {
    id: row.id,
    seq: row.seq,
    trigger: row.trigger,
    recommendation: a.recommendation,
    straightThrough: a.straightThrough,
    currency: a.currency,
    totals: a.totals,
    lines: a.lines,
    missing: a.missing,
    riskFlags: a.riskFlags,
    reasons: a.reasons,
    explanation: a.explanation,
    engineVersion: row.engine_version,
    productVersionId: row.product_version_id,
    assessedAt: row.assessed_at.toISOString(),
  };
}

export function toDecisionView(row: ClaimDecisionRow): ClaimDecisionView {
  return {
    id: row.id,
    outcome: row.outcome,
    amountMinor: row.amount_minor,
    currency: row.currency,
    decidedBy: row.decided_by,
    straightThrough: row.straight_through,
    assessmentId: row.assessment_id,
    decidedAt: row.decided_at.toISOString(),
  };
}

export function toClaimView(
  c: ClaimRow,
  lines: ClaimLineRow[],
  extra: { assessment?: ClaimAssessmentRow | null; decision?: ClaimDecisionRow | null } = {},
): ClaimView {
  return {
    id: c.id,
    claimNumber: c.claim_number,
    customerId: c.customer_id,
    policyId: c.policy_id,
    insuredPersonId: c.insured_person_id,
    status: c.status,
    channel: c.channel,
    incidentDate: c.incident_date,
    description: c.description,
    currency: c.currency,
    totalClaimedMinor: c.total_claimed_minor,
    externalRef: c.external_ref,
    registeredBy: c.registered_by,
    registeredAt: c.registered_at.toISOString(),
    version: c.version,
    cause: c.cause,
    incidentCountry: c.incident_country,
    preExistingCondition: c.pre_existing_condition,
    documents: c.documents as DocumentKind[],
    lines: lines
      .sort((a, b) => a.line_no - b.line_no)
      .map((l) => ({
        lineNo: l.line_no,
        benefitCode: l.benefit_code,
        description: l.description,
        serviceDate: l.service_date,
        amountMinor: l.amount_minor,
        currency: l.currency,
        provider: l.provider,
        days: l.days,
      })),
    assessment: extra.assessment ? toAssessmentView(extra.assessment) : null,
    decision: extra.decision ? toDecisionView(extra.decision) : null,
  };
}
