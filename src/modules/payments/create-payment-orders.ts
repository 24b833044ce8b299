import { sql, type Transaction } from 'kysely';
import { nextNumber } from '../../db/numbers.ts';
import type { ClaimDecisionRow, DB, PaymentKind, PaymentOrderRow, RecoveryItemRow } from '../../db/schema.ts';
import { newId } from '../../lib/ids.ts';
import type { AuditInput } from '../audit/index.ts';
import { customerContact } from '../notifications/index.ts';
import type { Actor } from '../users/actor.ts';
import { bankingCalendarOf } from './banking-calendar.ts';
import { changePaymentStatus, recordInitialPaymentStatus } from './change-payment-status.ts';
import { requestedExecutionDate } from './execution-date.ts';
import { oneLiveOrderPerDecision } from './one-live-order.ts';
import { lateInterestFor } from './payment-interest.ts';
import { tellCustomerAwaitingAccount, tellCustomerPaymentScheduled } from './payment-order-notices.ts';
import {
  endToEndIdOf,
  holdReasonsFor,
  type Instalment,
  instalmentSchedule,
  remittanceText,
  settleAgainstPaid,
} from './payment-order-rules.ts';
import { currencySettings } from './payment-settings.ts';
import { creditorColumns, payableAccount } from './ready-waiting-payments.ts';
import { openRecoveryItem } from './recovery-items.ts';

// A decision becomes money (docs/payments.md): one order per approved decision — or monthly
// instalments for a daily benefit of a benefit programme — to the customer's current, re-checked
// bank account, on the next banking day of the currency's calendar, with Swedish late-payment
// interest when the legal payment date has passed. Runs in the decision's transaction (which holds
// the claim row lock); the partial unique index on (decision_id, instalment_no) is the last line of
// defence, so a retry or a race never makes a second live order.
//
// An appeal's new decision settles against what already went to the bank for the claim:
// - orders of earlier decisions not yet with the bank (awaiting_account, held, ready) are cancelled;
// - 'batched' ones are left in their batch and count as paid: the batch's count and control sum
//   may already carry a second person's approval, and we do not change an approved batch behind
//   the approver's back. If the new decision is lower, the recovery item covers it;
// - paid = principal of batched, sent and settled orders of the claim (interest is owed for the
//   delay, not part of the decided amount) minus recovery items already recovered;
// - more than paid → an order for the difference; less → a recovery item; never a negative payment.

const UNSENT = ['awaiting_account', 'held', 'ready'] as const;
const PAID = ['batched', 'sent', 'settled'] as const;

type Plan = {
  kind: PaymentKind;
  instalmentNo: number;
  of: number;
  principalMinor: number;
  executionDate: string;
};

export async function createPaymentOrdersForDecision(
  trx: Transaction<DB>,
  opts: { decision: ClaimDecisionRow; actor: Actor; now?: Date },
): Promise<{ orders: PaymentOrderRow[]; recovery: RecoveryItemRow | null; events: AuditInput[] }> {
  const { decision, actor } = opts;
  const now = opts.now ?? new Date();
  const events: AuditInput[] = [];
  const claim = await trx
    .selectFrom('claims')
    .innerJoin('policies', 'policies.id', 'claims.policy_id')
    .innerJoin('products', 'products.id', 'policies.product_id')
    .select(['claims.id', 'claims.claim_number', 'claims.customer_id', 'products.kind as productKind'])
    .where('claims.id', '=', decision.claim_id)
    .executeTakeFirstOrThrow();

  const mine = await trx
    .selectFrom('payment_orders')
    .selectAll()
    .where('decision_id', '=', decision.id)
    .execute();
  if (mine.length > 0) return { orders: mine, recovery: null, events };

  const earlier = await trx
    .selectFrom('payment_orders')
    .selectAll()
    .where('claim_id', '=', claim.id)
    .where('decision_id', '!=', decision.id)
    .orderBy('id')
    .forUpdate()
    .execute();
  for (const order of earlier.filter((o) => (UNSENT as readonly string[]).includes(o.status))) {
    const moved = await changePaymentStatus(trx, {
      payment: order,
      to: 'cancelled',
      source: 'system',
      actor,
      reason: `Replaced by decision ${decision.decision_no} on appeal; not sent to the bank.`,
      now,
    });
    events.push(moved.event);
  }
  const recovered = await trx
    .selectFrom('recovery_items')
    .select((eb) => eb.fn.coalesce(eb.fn.sum<number>('amount_minor'), sql<number>`0`).as('n'))
    .where('claim_id', '=', claim.id)
    .where('status', '=', 'recovered')
    .executeTakeFirstOrThrow();
  const paidMinor =
    earlier
      .filter((o) => (PAID as readonly string[]).includes(o.status))
      .reduce((s, o) => s + o.principal_minor, 0) - Number(recovered.n);
  const decidedMinor = decision.outcome === 'denied' ? 0 : decision.amount_minor;
  const { payMinor, recoverMinor } = settleAgainstPaid({ decidedMinor, paidMinor });

  let recovery: RecoveryItemRow | null = null;
  if (recoverMinor > 0) {
    const opened = await openRecoveryItem(trx, {
      decision,
      amountMinor: recoverMinor,
      actor,
      paidMinor,
      now,
    });
    recovery = opened.item;
    events.push(...opened.events);
  }
  if (payMinor === 0) return { orders: [], recovery, events };

  const firstDate = requestedExecutionDate(decision.currency, now);
  let plans: Plan[] = [
    { kind: 'claim_payment', instalmentNo: 1, of: 1, principalMinor: payMinor, executionDate: firstDate },
  ];
  if (claim.productKind === 'benefit_programme' && earlier.length === 0) {
    const schedule = await benefitSchedule(trx, claim.id, payMinor, firstDate, decision.currency);
    if (schedule.length > 0) {
      plans = schedule.map((i) => ({
        kind: 'benefit_instalment',
        instalmentNo: i.instalmentNo,
        of: schedule.length,
        principalMinor: i.principalMinor,
        executionDate: i.executionDate,
      }));
    }
  }

  const payable = await payableAccount(trx, claim.customer_id, now);
  // One message per event: a decision that goes out by email or letter states its payment itself
  // (amount, date, account, interest — or that we need an account), so only a customer who reads
  // us in the portal, where the decision is a one-line notice, gets the payment notice beside it.
  const announce = (await customerContact(trx, claim.customer_id)).channel === 'portal';
  const orders: PaymentOrderRow[] = [];
  for (const plan of plans) {
    const created = await createOrder(trx, { decision, claim, plan, payable, actor, now, announce });
    orders.push(created.order);
    events.push(...created.events);
  }
  return { orders, recovery, events };
}

/** Daily-benefit lines (a start date and a number of days) of the claim, cut into monthly instalments. */
async function benefitSchedule(
  trx: Transaction<DB>,
  claimId: string,
  totalMinor: number,
  earliest: string,
  currency: string,
): Promise<Instalment[]> {
  const lines = await trx
    .selectFrom('claim_lines')
    .select(['service_date', 'days'])
    .where('claim_id', '=', claimId)
    .where('days', '>', 0)
    .execute();
  return instalmentSchedule({
    totalMinor,
    periods: lines.map((l) => ({ startDate: String(l.service_date).slice(0, 10), days: l.days ?? 0 })),
    earliest,
    calendar: bankingCalendarOf(currency),
  });
}

async function createOrder(
  trx: Transaction<DB>,
  o: {
    decision: ClaimDecisionRow;
    claim: { id: string; claim_number: string; customer_id: string };
    plan: Plan;
    payable: Awaited<ReturnType<typeof payableAccount>>;
    actor: Actor;
    now: Date;
    announce: boolean;
  },
): Promise<{ order: PaymentOrderRow; events: AuditInput[] }> {
  const { decision, claim, plan, payable, now } = o;
  const interest =
    plan.kind === 'claim_payment'
      ? await lateInterestFor(trx, {
          claimId: claim.id,
          principalMinor: plan.principalMinor,
          executionDate: plan.executionDate,
        })
      : null;
  const account = payable !== null && !('invalid' in payable) ? payable : null;
  const holds = holdReasonsFor({
    accountRecentlyChanged: account?.recentlyChanged ?? false,
    totalMinor: plan.principalMinor + (interest?.interestMinor ?? 0),
    singleApprovalLimitMinor: currencySettings(decision.currency)?.singleApprovalLimitMinor ?? null,
    interestRateMissing: interest?.rateMissing ?? false,
  });
  const status = account === null ? 'awaiting_account' : holds.holdReasons.length > 0 ? 'held' : 'ready';
  const paymentNumber = await nextNumber(trx, 'PAY', now.getUTCFullYear());
  const inserted = await trx
    .insertInto('payment_orders')
    .values({
      id: newId(),
      payment_number: paymentNumber,
      kind: plan.kind,
      claim_id: claim.id,
      decision_id: decision.id,
      instalment_no: plan.instalmentNo,
      customer_id: claim.customer_id,
      ...(account ? creditorColumns(account.account) : { bank_account_id: null }),
      principal_minor: plan.principalMinor,
      interest_minor: interest?.interestMinor ?? 0,
      currency: decision.currency,
      interest: interest?.interest ? JSON.stringify(interest.interest) : null,
      legal_due_date: interest?.legalDueDate ?? null,
      remittance_info: remittanceText({
        claimNumber: claim.claim_number,
        instalment: { no: plan.instalmentNo, of: plan.of },
      }),
      end_to_end_id: endToEndIdOf(paymentNumber),
      requested_execution_date: plan.executionDate,
      status,
      // Hold reasons wait for the account when there is none: they are judged against it.
      hold_reasons: account ? holds.holdReasons : [],
      needs_second_approval: account ? holds.needsSecondApproval : false,
      created_by: decision.decided_by,
      created_at: now,
      updated_at: now,
      status_changed_at: now,
    })
    // The partial unique index: one live order per decision and instalment, whatever the code does.
    .onConflict(oneLiveOrderPerDecision)
    .returningAll()
    .executeTakeFirst();
  if (!inserted) {
    const existing = await trx
      .selectFrom('payment_orders')
      .selectAll()
      .where('decision_id', '=', decision.id)
      .where('instalment_no', '=', plan.instalmentNo)
      .where('status', 'not in', ['returned', 'rejected', 'cancelled'])
      .executeTakeFirstOrThrow();
    return { order: existing, events: [] };
  }
  const reason =
    status === 'awaiting_account'
      ? payable !== null && 'invalid' in payable
        ? `The current bank account fails its check (${payable.invalid.join('; ')}): waiting for a valid one.`
        : 'No bank account: waiting for the customer to give one.'
      : status === 'held'
        ? `Held for review: ${holds.holdReasons.join(', ')}`
        : 'Ready for the next batch.';
  await recordInitialPaymentStatus(trx, { payment: inserted, source: 'system', actor: o.actor, reason, now });
  if (o.announce && status === 'ready' && account)
    await tellCustomerPaymentScheduled(trx, inserted, account.account);
  if (o.announce && status === 'awaiting_account') await tellCustomerAwaitingAccount(trx, inserted);
  return {
    order: inserted,
    events: [
      {
        actor: o.actor,
        action: 'payment.created',
        entityType: 'payment',
        entityId: inserted.id,
        customerId: inserted.customer_id,
        reason,
        data: {
          paymentNumber: inserted.payment_number,
          kind: inserted.kind,
          claimId: claim.id,
          claimNumber: claim.claim_number,
          decisionId: decision.id,
          instalmentNo: inserted.instalment_no,
          status,
          principalMinor: inserted.principal_minor,
          interestMinor: inserted.interest_minor,
          currency: inserted.currency,
          requestedExecutionDate: inserted.requested_execution_date,
          legalDueDate: inserted.legal_due_date,
          holdReasons: inserted.hold_reasons,
          bankAccountId: inserted.bank_account_id,
        },
      },
    ],
  };
}
