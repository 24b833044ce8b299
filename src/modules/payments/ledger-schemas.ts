import { z } from 'zod';

// Response schemas of the ledger and the batch reconciliation (money in integer minor units).

const Minor = z.number().int();

const LedgerFiguresSchema = z
  .object({
    currency: z.string(),
    approvedMinor: Minor.describe("The current decision's approved amount"),
    scheduledMinor: Minor.describe('Orders not sent yet (waiting for an account, held, ready, batched)'),
    inTransitMinor: Minor.describe('Sent to the bank, not yet confirmed'),
    paidPrincipalMinor: Minor.describe('Settled principal, re-payments included'),
    paidInterestMinor: Minor.describe('Late-payment interest paid with settled orders (not in the balance)'),
    repaidMinor: Minor.describe('Of the paid principal: re-payments of returned or rejected orders'),
    returnedMinor: Minor,
    rejectedMinor: Minor,
    cancelledMinor: Minor,
    orderedMinor: Minor.describe('= scheduled + inTransit + paidPrincipal + returned + rejected + cancelled'),
    recoveries: z.object({
      openMinor: Minor,
      recoveredMinor: Minor,
      waivedMinor: Minor,
      totalMinor: Minor.describe('= open + recovered + waived'),
    }),
    outstandingMinor: Minor.describe(
      'What is still owed: approved − paidPrincipal + recovered + waived; negative: the customer owes',
    ),
    unscheduledMinor: Minor.describe('= outstanding − scheduled − inTransit: owed but in no live order'),
  })
  .meta({ id: 'LedgerFigures' });

const LedgerMovementSchema = z.object({
  date: z.string(),
  kind: z.enum([
    'decision',
    'payment_settled',
    'repayment_settled',
    'payment_returned',
    'payment_rejected',
    'recovery_recovered',
    'recovery_waived',
  ]),
  reference: z.string().describe('Decision number, payment number or recovery number'),
  amountMinor: Minor.describe('Effect on the balance owed: + more owed, − paid'),
  interestMinor: Minor.describe('Interest paid out (+) or come back (−) with it; not in the balance'),
  balanceMinor: Minor.describe('The running balance owed after this movement'),
  reasonCode: z.string().nullable().describe("The bank's reason for a return or rejection"),
  claimNumber: z.string().optional().describe('On a customer ledger: the claim'),
});

export const ClaimLedgerSchema = z
  .object({
    claimId: z.uuid(),
    claimNumber: z.string(),
    customerId: z.uuid(),
    currency: z.string(),
    figures: LedgerFiguresSchema,
    movements: z
      .array(LedgerMovementSchema)
      .describe('Oldest first; the last balance equals outstandingMinor'),
    payments: z.array(
      z.object({
        id: z.uuid(),
        paymentNumber: z.string(),
        kind: z.enum(['claim_payment', 'benefit_instalment', 'repayment']),
        instalmentNo: z.number().int(),
        status: z.string(),
        principalMinor: Minor,
        interestMinor: Minor,
        requestedExecutionDate: z.string(),
        settledOn: z.string().nullable(),
        replacesPaymentId: z.uuid().nullable(),
        reasonCode: z.string().nullable(),
      }),
    ),
    recoveries: z.array(
      z.object({
        id: z.uuid(),
        recoveryNumber: z.string(),
        amountMinor: Minor,
        status: z.enum(['open', 'recovered', 'waived']),
        resolvedAt: z.string().nullable(),
      }),
    ),
  })
  .meta({ id: 'ClaimLedger' });

export const CustomerLedgerSchema = z
  .object({
    customerId: z.uuid(),
    currencies: z
      .array(
        z.object({
          currency: z.string(),
          figures: LedgerFiguresSchema.describe("The sum of the claims' figures"),
          movements: z.array(LedgerMovementSchema).describe('Every claim’s movements in one running balance'),
          claims: z.array(
            z.object({ claimId: z.uuid(), claimNumber: z.string(), figures: LedgerFiguresSchema }),
          ),
        }),
      )
      .describe('One ledger per currency; claims with nothing approved, ordered or to recover are left out'),
  })
  .meta({ id: 'CustomerLedger' });

const CountAndSum = z.object({ count: z.number().int(), sumMinor: Minor });

export const BatchReconciliationSchema = z
  .object({
    batchId: z.uuid(),
    batchNumber: z.string(),
    messageId: z.string(),
    status: z.enum(['awaiting_approval', 'approved', 'released', 'cancelled']),
    currency: z.string(),
    requestedExecutionDate: z.string(),
    releasedAt: z.string().nullable(),
    declared: CountAndSum.describe('Number of payments and control sum recorded on the batch'),
    file: CountAndSum.nullable().describe(
      'NbOfTxs and CtrlSum read back from the pain.001 file as sent; null before release or if unreadable',
    ),
    orders: CountAndSum.describe("Σ principal + interest of the batch's orders"),
    balanced: z.boolean().describe('declared, file and orders agree'),
    byStatus: z
      .object({
        settled: CountAndSum,
        returned: CountAndSum,
        rejected: CountAndSum,
        sent: CountAndSum,
        other: CountAndSum,
      })
      .describe('Where the orders stand now; adds up to `orders`'),
    notifications: z
      .array(
        z.object({
          notificationId: z.uuid(),
          messageId: z.string(),
          importedAt: z.string(),
          entries: z.number().int(),
          amountMinor: Minor,
          settled: z.number().int(),
          returned: z.number().int(),
          rejected: z.number().int(),
        }),
      )
      .describe("The camt.054 files that reported on this batch's orders, and what each said"),
  })
  .meta({ id: 'PaymentBatchReconciliation' });
