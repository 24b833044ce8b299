import { z } from 'zod';
import type { ServiceCaseRow } from '../../db/schema.ts';
import { PAYMENT_STATUSES } from '../payments/payment-lifecycle.ts';
import { PremiumStatusSchema } from '../policies/policy-schemas.ts';
import { CASE_STATUSES } from './case-lifecycle.ts';

export const CASE_KINDS = [
  'payment_delay',
  'renewal_problem',
  'account_change',
  'complaint',
  'general_inquiry',
] as const;
export const CONTACT_CHANNELS = ['phone', 'email', 'letter', 'portal', 'in_person', 'api'] as const;

const Text = (max: number) => z.string().trim().min(1).max(max);

export const NewCaseSchema = z
  .object({
    customerId: z
      .uuid()
      .optional()
      .describe('Staff: the customer the case is for (required). Customers: omit (your own) or your own id'),
    kind: z
      .enum(CASE_KINDS)
      .describe(
        'payment_delay needs claimId; renewal_problem needs policyId. account_change is accepted here, ' +
          'but changes of contact details or bank account are normally requested through the account ' +
          'change endpoint, which opens the case itself. complaint is refused (422 case_kind_mismatch): ' +
          'register complaints with POST /complaints',
      ),
    category: z
      .string()
      .trim()
      .min(2)
      .max(60)
      .optional()
      .describe("A configured category of the kind; default: the kind's built-in category"),
    subject: Text(200),
    description: Text(5000),
    channel: z
      .enum(CONTACT_CHANNELS)
      .optional()
      .describe(
        'How the customer came to us. A customer opening in the portal: always portal; staff: default phone',
      ),
    claimId: z
      .uuid()
      .optional()
      .describe('The claim the case is about (payment_delay: the claim whose payment is late)'),
    policyId: z
      .uuid()
      .optional()
      .describe('The policy the case is about (renewal_problem: the policy being renewed)'),
  })
  .strict()
  .meta({ id: 'NewServiceCase' });
export type NewCase = z.input<typeof NewCaseSchema>;

export const CaseStatusChangeSchema = z
  .object({
    to: z
      .enum(['in_progress', 'awaiting_customer', 'resolved', 'closed', 'withdrawn'])
      .describe('awaiting_department is set by a referral to a department, not here'),
    reason: Text(2000).describe('Why, in words: kept in the case history'),
    resolution: Text(5000)
      .optional()
      .describe('Required for resolved: how the problem was solved (sent to the customer)'),
    version: z
      .number()
      .int()
      .min(1)
      .describe("The case's version you saw (409 version_conflict when it changed)"),
  })
  .strict()
  .meta({ id: 'CaseStatusChange' });
export type CaseStatusChange = z.input<typeof CaseStatusChangeSchema>;

export const NewCaseMessageSchema = z
  .object({
    body: Text(10_000),
    visibility: z
      .enum(['customer', 'internal'])
      .default('customer')
      .describe(
        "customer: seen by the customer (a customer's own messages always are); internal: a staff note",
      ),
    documentIds: z
      .array(z.uuid())
      .max(20)
      .default([])
      .describe('Documents already uploaded for the same customer'),
    awaitingCustomer: z
      .boolean()
      .default(false)
      .describe('Staff: the message asks the customer something; the case waits (its answer clock pauses)'),
    version: z.number().int().min(1).optional().describe("The case's version you saw; checked when given"),
  })
  .strict()
  .meta({ id: 'NewCaseMessage' });
export type NewCaseMessage = z.input<typeof NewCaseMessageSchema>;

export const CaseAssignmentSchema = z
  .object({
    userId: z.uuid().nullable().describe('null puts it back in the team queue'),
    version: z.number().int().min(1).describe("The work item's version you saw"),
  })
  .strict()
  .meta({ id: 'CaseAssignment' });

export const CaseListQuerySchema = z
  .object({
    customerId: z.uuid().optional(),
    status: z.enum(CASE_STATUSES).optional(),
    kind: z.enum(CASE_KINDS).optional(),
    limit: z.coerce.number().int().min(1).max(200).default(50),
    cursor: z.string().max(200).optional().describe('nextCursor of the previous page'),
  })
  .strict();

export const CaseSummarySchema = z
  .object({
    id: z.uuid(),
    caseNumber: z.string().describe('CASE-YYYY-NNNNNN'),
    customerId: z.uuid(),
    kind: z.enum(CASE_KINDS),
    category: z.string(),
    status: z.enum(CASE_STATUSES),
    subject: z.string(),
    description: z.string(),
    channel: z.enum(CONTACT_CHANNELS),
    claimId: z.uuid().nullable(),
    policyId: z.uuid().nullable(),
    paymentId: z.uuid().nullable(),
    language: z.enum(['sv', 'it', 'en']),
    resolution: z.string().nullable(),
    resolvedAt: z.string().nullable(),
    closedAt: z.string().nullable(),
    statusChangedAt: z.string(),
    createdAt: z.string(),
    updatedAt: z.string(),
    version: z.number().int(),
  })
  .meta({ id: 'ServiceCaseSummary' });
export type CaseSummary = z.infer<typeof CaseSummarySchema>;

const CaseMessageSchema = z.object({
  id: z.uuid(),
  authorKind: z.enum(['customer', 'staff', 'system']),
  authorUserId: z.uuid().nullable().describe('Shown to staff only'),
  visibility: z.enum(['customer', 'internal']),
  body: z.string(),
  documentIds: z.array(z.uuid()),
  createdAt: z.string(),
});

const CaseWorkItemSchema = z.object({
  id: z.uuid(),
  ownerId: z.uuid().nullable(),
  team: z.string().nullable(),
  open: z.boolean(),
  dueAt: z.string().nullable().describe('The nearest running deadline; null: none running (e.g. paused)'),
  timeLeftMs: z.number().nullable(),
  deadlineState: z.enum(['none', 'on_track', 'warning', 'breached', 'paused']),
  escalatedTo: z.uuid().nullable(),
  version: z.number().int().describe('Send it back when reassigning'),
});

const CasePaymentOrderSchema = z.object({
  id: z.uuid(),
  paymentNumber: z.string().describe('PAY-YYYY-NNNNNN'),
  kind: z.enum(['claim_payment', 'benefit_instalment', 'repayment']),
  instalmentNo: z.number().int(),
  linked: z.boolean().describe('The payment this case is about (service case paymentId)'),
  status: z.enum(PAYMENT_STATUSES),
  principalMinor: z.number().int(),
  interestMinor: z.number().int().describe('Late-payment interest paid with it'),
  amountMinor: z.number().int().describe('principal + interest: what the bank was asked to pay'),
  currency: z.string(),
  requestedExecutionDate: z.string(),
  sentAt: z.string().nullable().describe('When its bank file was released'),
  settledOn: z.string().nullable().describe("The bank's booking date"),
  bankReference: z.string().nullable(),
  reason: z
    .object({ code: z.string().nullable(), text: z.string() })
    .nullable()
    .describe("The bank's reason for a return or rejection (ISO code and its meaning)"),
  replacesPaymentId: z.uuid().nullable().describe('A re-payment: the returned order it replaces'),
  delayStage: z.number().int().describe('0 on time; 1 the payments desk was warned; 2 a delay case opened'),
  holdReasons: z.array(z.string()).describe('Staff only (empty for customers)'),
  history: z
    .array(
      z.object({
        from: z.string().nullable(),
        to: z.string(),
        source: z.enum(['system', 'person', 'batch', 'bank_file', 'manual']),
        reasonCode: z.string().nullable(),
        note: z.string().nullable().describe('Staff only (null for customers)'),
        at: z.string(),
      }),
    )
    .describe('Every status change, oldest first'),
});

const PaymentDelaySchema = z.object({
  claim: z.object({
    id: z.uuid(),
    claimNumber: z.string(),
    status: z.string(),
    currency: z.string(),
    totalClaimedMinor: z.number().int(),
  }),
  decision: z
    .object({
      outcome: z.enum(['approved', 'partially_approved', 'denied']),
      payableMinor: z.number().int(),
      currency: z.string(),
      decidedAt: z.string(),
    })
    .nullable()
    .describe('The current (not superseded) decision; null while undecided'),
  payment: z
    .object({
      state: z
        .enum(['not_due', 'awaiting_account', 'awaiting_payment', 'sent', 'paid', 'returned', 'rejected'])
        .describe(
          'The most pressing state of the payment orders (returned, rejected, awaiting_account, sent, ' +
            'awaiting_payment, then paid when all are settled); a returned order a re-payment replaces no ' +
            'longer counts. Without orders: from the claim (approved → awaiting_payment, paid → paid, else not_due)',
        ),
      source: z
        .enum(['claim_status', 'payment_orders'])
        .describe('payment_orders when the claim has payment orders, claim_status otherwise'),
      orders: z
        .array(CasePaymentOrderSchema)
        .describe(
          "The case's payment and the other orders of its decision (re-payments, instalments), else the " +
            "orders of the claim's current decision; oldest first, at most 50",
        ),
    })
    .describe('Where the money is: the payment orders with their status history'),
});

const RenewalSchema = z.object({
  policy: z.object({
    id: z.uuid(),
    policyNumber: z.string(),
    status: z.enum(['active', 'cancelled', 'expired']),
    startsOn: z.string(),
    endsOn: z.string().describe('Exclusive end of the period'),
    renewalDate: z.string().describe('The day the next period would start (= endsOn)'),
    currency: z.string(),
  }),
  premiumStatus: PremiumStatusSchema.describe(
    "The premium rules' verdict as of today in the customer's zone",
  ),
  latestPayments: z
    .array(
      z.object({
        paidOn: z.string(),
        amountMinor: z.number().int(),
        currency: z.string(),
        reference: z.string().nullable(),
      }),
    )
    .describe('The latest premium payments, newest first (at most 10)'),
});

export const CaseViewSchema = CaseSummarySchema.extend({
  messages: z.array(CaseMessageSchema).describe('Oldest first; customers never see internal notes'),
  workItem: CaseWorkItemSchema.nullable().describe(
    'Staff only (null for customers): owner, due date, deadline state',
  ),
  paymentDelay: PaymentDelaySchema.nullable().describe('payment_delay cases: the claim and its payment'),
  renewal: RenewalSchema.nullable().describe(
    'renewal_problem cases: the policy period and its premium state',
  ),
}).meta({ id: 'ServiceCase' });
export type CaseView = z.infer<typeof CaseViewSchema>;

export const CasePageSchema = z.object({
  items: z.array(CaseSummarySchema),
  nextCursor: z.string().nullable(),
});

export function toCaseSummary(row: ServiceCaseRow): CaseSummary {
  return {
    id: row.id,
    caseNumber: row.case_number,
    customerId: row.customer_id,
    kind: row.kind,
    category: row.category,
    status: row.status,
    subject: row.subject,
    description: row.description,
    channel: row.channel,
    claimId: row.claim_id,
    policyId: row.policy_id,
    paymentId: row.payment_id,
    language: row.language,
    resolution: row.resolution,
    resolvedAt: row.resolved_at?.toISOString() ?? null,
    closedAt: row.closed_at?.toISOString() ?? null,
    statusChangedAt: row.status_changed_at.toISOString(),
    createdAt: row.created_at.toISOString(),
    updatedAt: row.updated_at.toISOString(),
    version: row.version,
  };
}
