import { z } from 'zod';
import type { PaymentOrderRow, RecoveryItemRow } from '../../db/schema.ts';
import type { Actor } from '../users/actor.ts';
import { isoDate } from './payment-interest.ts';
import { PAYMENT_STATUSES } from './payment-lifecycle.ts';

// What the payment-order, recovery and reference-rate endpoints take and return. A customer sees
// their own payments without the desk's internals (hold reasons, notes, who did what).

const Version = z.number().int().min(1).describe('The version you read; 409 version_conflict when stale');
const Note = z.string().trim().min(1).max(2000);

export const PaymentReviewInputSchema = z
  .object({
    action: z
      .enum(['release', 'cancel'])
      .describe('release: to ready (the next batch takes it); cancel: never paid'),
    version: Version,
    note: Note.describe('Why: what was checked (the account holder called back, the amount was confirmed…)'),
  })
  .strict()
  .meta({ id: 'PaymentReview' });
export type PaymentReviewInput = z.infer<typeof PaymentReviewInputSchema>;

export const RecoveryResolutionInputSchema = z
  .object({ outcome: z.enum(['recovered', 'waived']), note: Note, version: Version })
  .strict()
  .meta({ id: 'RecoveryResolution' });
export type RecoveryResolutionInput = z.infer<typeof RecoveryResolutionInputSchema>;

export const PaymentListQuerySchema = z
  .object({
    status: z.enum(PAYMENT_STATUSES).optional(),
    claim: z.string().trim().min(1).max(64).optional().describe('Claim number or id'),
    customer: z.uuid().optional(),
    limit: z.coerce.number().int().min(1).max(200).default(50),
    before: z.string().max(500).optional().describe('nextCursor of the previous page'),
  })
  .strict();
export type PaymentListQuery = z.infer<typeof PaymentListQuerySchema>;

export const PaymentInterestSchema = z
  .object({
    legalDueDate: z.string(),
    fromDate: z.string(),
    toDate: z.string(),
    marginPercentagePoints: z.number(),
    periods: z.array(
      z.object({ from: z.string(), to: z.string(), days: z.number(), annualRatePercent: z.number() }),
    ),
  })
  .describe('Late-payment interest (räntelagen 6 §): the days in arrears per half-year and the rate');

export const PaymentOrderSchema = z
  .object({
    id: z.uuid(),
    paymentNumber: z.string(),
    kind: z.enum(['claim_payment', 'benefit_instalment', 'repayment']),
    claimId: z.uuid(),
    decisionId: z.uuid(),
    instalmentNo: z.number().int(),
    replacesPaymentId: z.uuid().nullable(),
    customerId: z.uuid(),
    status: z.enum(PAYMENT_STATUSES),
    principalMinor: z.number().int(),
    interestMinor: z.number().int(),
    totalMinor: z.number().int(),
    currency: z.string(),
    interest: PaymentInterestSchema.nullable(),
    legalDueDate: z.string().nullable(),
    requestedExecutionDate: z.string(),
    remittanceInfo: z.string(),
    endToEndId: z.string(),
    creditor: z
      .object({ name: z.string().nullable(), scheme: z.string().nullable(), masked: z.string() })
      .nullable()
      .describe('The account copied onto the order (masked); null while it waits for one'),
    holdReasons: z.array(z.string()),
    needsSecondApproval: z.boolean(),
    createdBy: z.uuid().nullable().describe('The decider; null for a straight-through decision'),
    approvedBy: z.uuid().nullable(),
    batchId: z.uuid().nullable(),
    reasonCode: z.string().nullable(),
    settledOn: z.string().nullable(),
    version: z.number().int(),
    createdAt: z.string(),
  })
  .meta({ id: 'PaymentOrder' });
export type PaymentOrderView = z.infer<typeof PaymentOrderSchema>;

export const PaymentStatusChangeSchema = z.object({
  from: z.enum(PAYMENT_STATUSES).nullable(),
  to: z.enum(PAYMENT_STATUSES),
  source: z.string(),
  reasonCode: z.string().nullable(),
  note: z.string().nullable(),
  actorId: z.uuid().nullable(),
  at: z.string(),
});

export const PaymentOrderDetailSchema = PaymentOrderSchema.extend({
  history: z.array(PaymentStatusChangeSchema),
}).meta({ id: 'PaymentOrderDetail' });
export type PaymentOrderDetailView = z.infer<typeof PaymentOrderDetailSchema>;

export const PaymentOrderPageSchema = z
  .object({ items: z.array(PaymentOrderSchema), nextCursor: z.string().nullable() })
  .meta({ id: 'PaymentOrderPage' });

/** The creditor account copied onto the order, masked like maskBankAccount: the last four characters at most. */
export function maskedCreditor(row: PaymentOrderRow): string {
  const full = (row.creditor_scheme === 'iban' ? row.creditor_iban : row.creditor_account_number) ?? '';
  return `**** ${full.slice(full.length - Math.min(4, Math.floor(full.length / 2)))}`;
}

export function toPaymentOrderView(row: PaymentOrderRow, actor: Actor): PaymentOrderView {
  const staff = actor.role !== 'customer';
  return {
    id: row.id,
    paymentNumber: row.payment_number,
    kind: row.kind,
    claimId: row.claim_id,
    decisionId: row.decision_id,
    instalmentNo: row.instalment_no,
    replacesPaymentId: row.replaces_payment_id,
    customerId: row.customer_id,
    status: row.status,
    principalMinor: row.principal_minor,
    interestMinor: row.interest_minor,
    totalMinor: row.principal_minor + row.interest_minor,
    currency: row.currency,
    interest: row.interest,
    legalDueDate: row.legal_due_date ? isoDate(row.legal_due_date) : null,
    requestedExecutionDate: isoDate(row.requested_execution_date),
    remittanceInfo: row.remittance_info,
    endToEndId: row.end_to_end_id,
    creditor: row.bank_account_id
      ? {
          name: row.creditor_name,
          scheme: row.creditor_scheme,
          masked: maskedCreditor(row),
        }
      : null,
    holdReasons: staff ? row.hold_reasons : [],
    needsSecondApproval: row.needs_second_approval,
    createdBy: staff ? row.created_by : null,
    approvedBy: staff ? row.approved_by : null,
    batchId: staff ? row.batch_id : null,
    reasonCode: row.reason_code,
    settledOn: row.settled_on ? isoDate(row.settled_on) : null,
    version: row.version,
    createdAt: row.created_at.toISOString(),
  };
}

export const RecoveryItemSchema = z
  .object({
    id: z.uuid(),
    recoveryNumber: z.string(),
    claimId: z.uuid(),
    customerId: z.uuid(),
    decisionId: z.uuid().describe('The decision that lowered the amount below what was paid'),
    amountMinor: z.number().int(),
    currency: z.string(),
    status: z.enum(['open', 'recovered', 'waived']),
    note: z.string().nullable(),
    resolvedBy: z.uuid().nullable(),
    resolvedAt: z.string().nullable(),
    version: z.number().int(),
    createdAt: z.string(),
  })
  .meta({ id: 'RecoveryItem' });
export type RecoveryItemView = z.infer<typeof RecoveryItemSchema>;

export function toRecoveryItemView(row: RecoveryItemRow): RecoveryItemView {
  return {
    id: row.id,
    recoveryNumber: row.recovery_number,
    claimId: row.claim_id,
    customerId: row.customer_id,
    decisionId: row.decision_id,
    amountMinor: row.amount_minor,
    currency: row.currency,
    status: row.status,
    note: row.note,
    resolvedBy: row.resolved_by,
    resolvedAt: row.resolved_at?.toISOString() ?? null,
    version: row.version,
    createdAt: row.created_at.toISOString(),
  };
}

export const ReferenceRateSchema = z
  .object({
    country: z.literal('SE'),
    validFrom: z.string().describe('1 January or 1 July: the half-year the rate applies to'),
    ratePercent: z.number(),
    source: z.string(),
    verified: z.boolean(),
  })
  .meta({ id: 'ReferenceRate' });
export type ReferenceRateView = z.infer<typeof ReferenceRateSchema>;

export const ReferenceRateInputSchema = z
  .object({
    country: z.literal('SE').default('SE'),
    validFrom: z
      .string()
      .regex(/^\d{4}-(01|07)-01$/, 'a half-year starts on 1 January or 1 July (YYYY-01-01 / YYYY-07-01)'),
    ratePercent: z
      .number()
      .min(-10)
      .max(50)
      .refine((v) => Math.abs(v * 100 - Math.round(v * 100)) < 1e-9, 'at most two decimals'),
    source: z.string().trim().min(1).max(500).describe('Where it was read, e.g. the Riksbank’s announcement'),
    verified: z.boolean().default(false),
  })
  .strict()
  .meta({ id: 'NewReferenceRate' });
export type ReferenceRateInput = z.input<typeof ReferenceRateInputSchema>;
