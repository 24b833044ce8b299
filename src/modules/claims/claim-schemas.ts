import { z } from 'zod';
import type { ClaimLineRow, ClaimRow } from '../../db/schema.ts';

const DateSchema = z.iso.date();
const Currency = z.string().regex(/^[A-Z]{3}$/, 'ISO 4217 code such as SEK or EUR');

export const CLAIM_CHANNELS = ['phone', 'email', 'letter', 'portal', 'api', 'import'] as const;

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
      .describe('Integer minor units (öre, cents)'),
    currency: Currency,
    provider: z.string().trim().min(1).max(200).optional(),
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
  })
  .strict()
  .meta({ id: 'NewClaim' });

export type NewClaim = z.infer<typeof NewClaimSchema>;

export const ClaimSchema = z
  .object({
    id: z.uuid(),
    claimNumber: z.string().describe('CLM-YYYY-NNNNNN'),
    customerId: z.uuid(),
    policyId: z.uuid(),
    insuredPersonId: z.uuid(),
    status: z.string(),
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
    lines: z.array(
      z.object({
        lineNo: z.number().int(),
        benefitCode: z.string(),
        description: z.string(),
        serviceDate: z.string(),
        amountMinor: z.number().int(),
        currency: z.string(),
        provider: z.string().nullable(),
      }),
    ),
  })
  .meta({ id: 'Claim' });

export type ClaimView = z.infer<typeof ClaimSchema>;

export function toClaimView(c: ClaimRow, lines: ClaimLineRow[]): ClaimView {
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
      })),
  };
}
