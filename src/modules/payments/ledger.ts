import type { PaymentOrderRow, RecoveryItemRow } from '../../db/schema.ts';
import type { Executor } from '../../db/transaction.ts';
import { todayIn } from '../../lib/dates.ts';
import { AppError } from '../../lib/errors.ts';
import type { Actor } from '../users/actor.ts';
import { canSeeCustomer } from '../users/permissions.ts';
import { bankingCalendarOf, bankingTimeZone } from './banking-calendar.ts';
import {
  claimLedger,
  customerLedger,
  type Ledger,
  type LedgerFigures,
  type LedgerMovement,
} from './ledger-rules.ts';
import { assertPaymentsDesk } from './payments-access.ts';

// The ledger views (ledger-rules.ts does the arithmetic): a claim's, and a customer's per currency
// with each claim's figures. A customer reads only their own (404 for anyone else's, never 403).

const CLAIM_NUMBER = /^CLM-\d{4}-\d{6}$/;
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

export type LedgerPayment = {
  id: string;
  paymentNumber: string;
  kind: PaymentOrderRow['kind'];
  instalmentNo: number;
  status: PaymentOrderRow['status'];
  principalMinor: number;
  interestMinor: number;
  requestedExecutionDate: string;
  settledOn: string | null;
  replacesPaymentId: string | null;
  reasonCode: string | null;
};

export type LedgerRecoveryView = {
  id: string;
  recoveryNumber: string;
  amountMinor: number;
  status: RecoveryItemRow['status'];
  resolvedAt: string | null;
};

export type ClaimLedgerView = {
  claimId: string;
  claimNumber: string;
  customerId: string;
  currency: string;
  figures: LedgerFigures;
  movements: LedgerMovement[];
  payments: LedgerPayment[];
  recoveries: LedgerRecoveryView[];
};

export type CustomerLedgerView = {
  customerId: string;
  currencies: {
    currency: string;
    figures: LedgerFigures;
    movements: LedgerMovement[];
    claims: { claimId: string; claimNumber: string; figures: LedgerFigures }[];
  }[];
};

type ClaimRef = { id: string; claim_number: string; customer_id: string; currency: string };

export async function getClaimLedger(opts: {
  db: Executor;
  actor: Actor;
  ref: string;
}): Promise<ClaimLedgerView> {
  // A department agent outside the payments desk sees no payment figures, as for GET /payments.
  assertPaymentsDesk(opts.actor, 'payments:read');
  const wanted = opts.ref.trim().toUpperCase();
  const byNumber = CLAIM_NUMBER.test(wanted);
  if (!byNumber && !UUID.test(wanted)) throw new AppError('not_found', 'No such claim.');
  const claim = await opts.db
    .selectFrom('claims')
    .select(['id', 'claim_number', 'customer_id', 'currency'])
    .where(byNumber ? 'claim_number' : 'id', '=', byNumber ? wanted : wanted.toLowerCase())
    .executeTakeFirst();
  if (!claim || !canSeeCustomer(opts.actor, claim.customer_id))
    throw new AppError('not_found', 'No such claim.');
  const [view] = await loadLedgers(opts.db, [claim], { customerId: claim.customer_id, claimId: claim.id });
  if (!view) throw new Error(`no ledger for claim ${claim.claim_number}`);
  return view;
}

export async function getCustomerLedger(opts: {
  db: Executor;
  actor: Actor;
  customerId: string;
}): Promise<CustomerLedgerView> {
  assertPaymentsDesk(opts.actor, 'payments:read');
  const customer = await opts.db
    .selectFrom('customers')
    .select('id')
    .where('id', '=', opts.customerId)
    .executeTakeFirst();
  if (!customer || !canSeeCustomer(opts.actor, customer.id))
    throw new AppError('not_found', 'No such customer.');
  const claims = await opts.db
    .selectFrom('claims')
    .select(['id', 'claim_number', 'customer_id', 'currency'])
    .where('customer_id', '=', customer.id)
    .orderBy('claim_number')
    .execute();
  const views = await loadLedgers(opts.db, claims, { customerId: customer.id });
  // Claims with nothing approved, ordered or to recover have nothing to show.
  const relevant = views.filter(
    (v) => v.movements.length > 0 || v.payments.length > 0 || v.recoveries.length > 0,
  );
  return {
    customerId: customer.id,
    currencies: customerLedger(
      relevant.map((v) => ({
        claimNumber: v.claimNumber,
        ledger: { figures: v.figures, movements: v.movements },
      })),
    ).map((c) => ({
      ...c,
      claims: relevant
        .filter((v) => v.currency === c.currency)
        .map((v) => ({ claimId: v.claimId, claimNumber: v.claimNumber, figures: v.figures })),
    })),
  };
}

/** Reads the decisions, orders and recoveries of the claims with one statement each. */
async function loadLedgers(
  db: Executor,
  claims: readonly ClaimRef[],
  scope: { customerId: string; claimId?: string },
): Promise<ClaimLedgerView[]> {
  if (claims.length === 0) return [];
  const claimId = scope.claimId;
  const [decisions, orders, recoveries] = await Promise.all([
    db
      .selectFrom('claim_decisions')
      .select(['claim_id', 'decision_no', 'outcome', 'amount_minor', 'currency', 'decided_at'])
      .where('customer_id', '=', scope.customerId)
      .$if(claimId !== undefined, (q) => q.where('claim_id', '=', claimId as string))
      .execute(),
    db
      .selectFrom('payment_orders')
      .selectAll()
      .where('customer_id', '=', scope.customerId)
      .$if(claimId !== undefined, (q) => q.where('claim_id', '=', claimId as string))
      .orderBy('created_at')
      .orderBy('id')
      .execute(),
    db
      .selectFrom('recovery_items')
      .selectAll()
      .where('customer_id', '=', scope.customerId)
      .$if(claimId !== undefined, (q) => q.where('claim_id', '=', claimId as string))
      .orderBy('created_at')
      .execute(),
  ]);
  return claims.map((claim) => {
    // Dates are the days on the currency's banking calendar's clock, like the bank's booking dates.
    const zone = bankingTimeZone(bankingCalendarOf(claim.currency));
    const mine = <T extends { claim_id: string }>(rows: readonly T[]) =>
      rows.filter((r) => r.claim_id === claim.id);
    const claimOrders = mine(orders);
    const claimRecoveries = mine(recoveries);
    const ledger: Ledger = claimLedger({
      currency: claim.currency,
      decisions: mine(decisions).map((d) => ({
        decisionNo: d.decision_no,
        outcome: d.outcome,
        amountMinor: d.amount_minor,
        currency: d.currency,
        decidedOn: todayIn(zone, d.decided_at),
      })),
      orders: claimOrders.map((o) => ({
        id: o.id,
        paymentNumber: o.payment_number,
        kind: o.kind,
        status: o.status,
        principalMinor: o.principal_minor,
        interestMinor: o.interest_minor,
        currency: o.currency,
        replacesPaymentId: o.replaces_payment_id,
        settledOn: o.settled_on,
        statusChangedOn: todayIn(zone, o.status_changed_at),
        reasonCode: o.reason_code,
      })),
      recoveries: claimRecoveries.map((r) => ({
        recoveryNumber: r.recovery_number,
        amountMinor: r.amount_minor,
        currency: r.currency,
        status: r.status,
        resolvedOn: r.resolved_at ? todayIn(zone, r.resolved_at) : null,
      })),
    });
    return {
      claimId: claim.id,
      claimNumber: claim.claim_number,
      customerId: claim.customer_id,
      currency: claim.currency,
      ...ledger,
      payments: claimOrders.map((o) => ({
        id: o.id,
        paymentNumber: o.payment_number,
        kind: o.kind,
        instalmentNo: o.instalment_no,
        status: o.status,
        principalMinor: o.principal_minor,
        interestMinor: o.interest_minor,
        requestedExecutionDate: o.requested_execution_date,
        settledOn: o.settled_on,
        replacesPaymentId: o.replaces_payment_id,
        reasonCode: o.reason_code,
      })),
      recoveries: claimRecoveries.map((r) => ({
        id: r.id,
        recoveryNumber: r.recovery_number,
        amountMinor: r.amount_minor,
        status: r.status,
        resolvedAt: r.resolved_at?.toISOString() ?? null,
      })),
    };
  });
}
