import { z } from 'zod';
import type { ClaimDecisionRow, ClaimEscalationRow } from '../../db/schema.ts';
import { ClaimSchema } from '../claims/claim-schemas.ts';

const Version = z
  .number()
  .int()
  .positive()
  .describe('The claim version the person saw; a stale one is refused with version_conflict');
const Text = (max: number) => z.string().trim().min(1).max(max);

export const DecisionInputSchema = z
  .object({
    version: Version,
    outcome: z.enum(['approve', 'partial', 'deny']),
    lines: z
      .array(
        z
          .object({
            lineNo: z.number().int().positive(),
            payableMinor: z.number().int().min(0).max(Number.MAX_SAFE_INTEGER),
          })
          .strict(),
      )
      .min(1)
      .max(200)
      .optional()
      .describe(
        'Per-line amounts, at most the claimed amount and the latest assessment’s benefit for the line. ' +
          'Required for partial (lines not listed pay 0); approve defaults every line to the assessment’s benefit.',
      ),
    reasonCodes: z
      .array(z.string().regex(/^[a-z][a-z0-9_]{1,59}$/))
      .min(1)
      .max(20)
      .optional()
      .describe('Required for deny (at least one); cited in the decision letter'),
    clause: Text(200).optional().describe('The terms clause the decision rests on, e.g. §4.3'),
    comment: Text(5000).optional().describe('For the file: supervisors and auditors read it'),
  })
  .strict()
  .superRefine((d, ctx) => {
    if (d.outcome === 'partial' && !d.lines) {
      ctx.addIssue({
        code: 'custom',
        path: ['lines'],
        message: 'A partial approval lists the amount per line.',
      });
    }
    if (d.outcome === 'deny' && !d.reasonCodes) {
      ctx.addIssue({
        code: 'custom',
        path: ['reasonCodes'],
        message: 'A denial needs at least one reason code.',
      });
    }
    if (d.outcome === 'deny' && d.lines) {
      ctx.addIssue({ code: 'custom', path: ['lines'], message: 'A denial pays nothing; leave out lines.' });
    }
  })
  .meta({ id: 'NewDecision' }); // not 'DecisionInput': the OpenAPI registry names the input form of 'Decision' so
export type DecisionInput = z.infer<typeof DecisionInputSchema>;

export const ReasonInputSchema = z
  .object({ reason: Text(2000), version: Version })
  .strict()
  .meta({ id: 'ReasonInput' });
export type ReasonInput = z.infer<typeof ReasonInputSchema>;

export const ReturnInputSchema = z
  .object({ comment: Text(5000), version: Version })
  .strict()
  .meta({ id: 'EscalationReturn' });
export type ReturnInput = z.infer<typeof ReturnInputSchema>;

export const ESCALATION_REASONS = [
  'above_authority',
  'cause_not_authorised',
  'deny_not_authorised',
  'four_eyes_own_registration',
  'four_eyes_related_customer',
  'manual',
] as const;

/** The representative's proposal kept on an escalation, exactly as they made it. */
export type Proposal = {
  outcome: DecisionInput['outcome'];
  amountMinor: number;
  currency: string;
  lines: { lineNo: number; payableMinor: number }[];
  reasonCodes: string[];
  clause: string | null;
  comment: string | null;
  detail: string;
} | null;

const ProposalSchema = z
  .object({
    outcome: z.enum(['approve', 'partial', 'deny']),
    amountMinor: z.number().int(),
    currency: z.string(),
    lines: z.array(z.object({ lineNo: z.number().int(), payableMinor: z.number().int() })),
    reasonCodes: z.array(z.string()),
    clause: z.string().nullable(),
    comment: z.string().nullable(),
    detail: z.string().describe('Why the proposal needs a supervisor'),
  })
  .nullable()
  .describe('The decision the representative proposed; null for a manual escalation');

export const EscalationSchema = z
  .object({
    id: z.uuid(),
    claimId: z.uuid(),
    claimNumber: z.string(),
    claimVersion: z
      .number()
      .int()
      .describe('The claim’s version as read with the escalation: send it back to return the claim'),
    reason: z.enum(ESCALATION_REASONS),
    comment: z.string().nullable().describe('The representative’s words (manual escalation)'),
    proposal: ProposalSchema,
    escalatedBy: z.uuid().nullable(),
    escalatedByName: z.string().nullable(),
    escalatedTo: z.uuid().nullable(),
    status: z.enum(['open', 'decided', 'returned']),
    resolvedBy: z.uuid().nullable(),
    resolvedAt: z.string().nullable(),
    resolutionComment: z.string().nullable(),
    createdAt: z.string(),
  })
  .meta({ id: 'ClaimEscalation' });
export type EscalationView = z.infer<typeof EscalationSchema>;

export const PersonDecisionSchema = z
  .object({
    id: z.uuid(),
    decisionNo: z.number().int().describe('1, then 2, 3, … for each decision after an appeal'),
    outcome: z.enum(['approved', 'partially_approved', 'denied']),
    amountMinor: z.number().int(),
    currency: z.string(),
    decidedBy: z.uuid().nullable(),
    straightThrough: z.boolean(),
    assessmentId: z.uuid(),
    lines: z.array(z.object({ lineNo: z.number().int(), payableMinor: z.number().int() })).nullable(),
    reasonCodes: z.array(z.string()),
    clauses: z.array(z.string()),
    comment: z.string().nullable(),
    escalationId: z.uuid().nullable(),
    supersededAt: z.string().nullable(),
    decidedAt: z.string(),
  })
  .meta({ id: 'Decision' });
export type PersonDecisionView = z.infer<typeof PersonDecisionSchema>;

export const DecisionResultSchema = z
  .object({
    result: z.enum(['decided', 'escalated']),
    claim: ClaimSchema,
    decision: PersonDecisionSchema.nullable().describe('Set when result is decided'),
    escalation: EscalationSchema.nullable().describe('Set when result is escalated'),
  })
  .meta({ id: 'DecisionResult' });
export type DecisionResult = z.infer<typeof DecisionResultSchema>;

export const ClaimWithEscalationSchema = z
  .object({ claim: ClaimSchema, escalation: EscalationSchema })
  .meta({ id: 'ClaimWithEscalation' });

export function toEscalationView(
  row: ClaimEscalationRow,
  extra: { claimNumber: string; claimVersion: number; escalatedByName: string | null },
): EscalationView {
  return {
    id: row.id,
    claimId: row.claim_id,
    claimNumber: extra.claimNumber,
    claimVersion: extra.claimVersion,
    reason: row.reason,
    comment: row.comment,
    proposal: (row.proposal ?? null) as EscalationView['proposal'],
    escalatedBy: row.escalated_by,
    escalatedByName: extra.escalatedByName,
    escalatedTo: row.escalated_to,
    status: row.status,
    resolvedBy: row.resolved_by,
    resolvedAt: row.resolved_at?.toISOString() ?? null,
    resolutionComment: row.resolution_comment,
    createdAt: row.created_at.toISOString(),
  };
}

export function toPersonDecisionView(row: ClaimDecisionRow): PersonDecisionView {
  return {
    id: row.id,
    decisionNo: row.decision_no,
    outcome: row.outcome,
    amountMinor: row.amount_minor,
    currency: row.currency,
    decidedBy: row.decided_by,
    straightThrough: row.straight_through,
    assessmentId: row.assessment_id,
    lines: row.line_amounts,
    reasonCodes: row.reason_codes,
    clauses: row.clauses,
    comment: row.comment,
    escalationId: row.escalation_id,
    supersededAt: row.superseded_at?.toISOString() ?? null,
    decidedAt: row.decided_at.toISOString(),
  };
}
