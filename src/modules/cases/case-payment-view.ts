import type { Kysely } from 'kysely';
import type { ClaimStatus, DB, Language } from '../../db/schema.ts';
// A leaf of pure texts, imported by path: the payments module's index imports this module's.
import { returnReasonText } from '../payments/iso20022/camt054-reason-texts.ts';
import type { CaseView } from './case-schemas.ts';
import { paymentStateOfClaim, paymentStateOfOrders } from './claim-payment-state.ts';

// The real payment on a payment-delay case, so the representative can say "sent on the 2nd, the
// bank returned it on the 5th: account closed". The orders shown are those of one decision: the
// case's own payment's (with its re-payments and sibling instalments), else the claim's current
// decision's. Customers see the same facts without the desk's notes and hold reasons (a hold for a
// recently changed account is a fraud check, not something to announce).

const MAX_ORDERS = 50;

type PaymentView = NonNullable<CaseView['paymentDelay']>['payment'];

export async function casePaymentView(
  db: Kysely<DB>,
  opts: {
    claimStatus: ClaimStatus;
    paymentId: string | null;
    decisionId: string | null;
    customer: boolean;
    language: Language;
  },
): Promise<PaymentView> {
  const linked = opts.paymentId
    ? await db
        .selectFrom('payment_orders')
        .select('decision_id')
        .where('id', '=', opts.paymentId)
        .executeTakeFirst()
    : undefined;
  const decisionId = linked?.decision_id ?? opts.decisionId;
  const rows = decisionId
    ? (
        await db
          .selectFrom('payment_orders')
          .selectAll()
          .where('decision_id', '=', decisionId)
          .orderBy('created_at', 'desc')
          .orderBy('id', 'desc')
          .limit(MAX_ORDERS)
          .execute()
      ).reverse()
    : [];
  const changes =
    rows.length === 0
      ? []
      : await db
          .selectFrom('payment_status_changes')
          .select(['payment_id', 'from_status', 'to_status', 'source', 'reason_code', 'note', 'at'])
          .where(
            'payment_id',
            'in',
            rows.map((r) => r.id),
          )
          .orderBy('at')
          .orderBy('id')
          .execute();
  const state = paymentStateOfOrders(
    rows.map((r) => ({ id: r.id, status: r.status, replacesPaymentId: r.replaces_payment_id })),
  );
  return {
    state: state ?? paymentStateOfClaim(opts.claimStatus),
    source: state ? 'payment_orders' : 'claim_status',
    orders: rows.map((r) => ({
      id: r.id,
      paymentNumber: r.payment_number,
      kind: r.kind,
      instalmentNo: r.instalment_no,
      linked: r.id === opts.paymentId,
      status: r.status,
      principalMinor: r.principal_minor,
      interestMinor: r.interest_minor,
      amountMinor: r.principal_minor + r.interest_minor,
      currency: r.currency,
      requestedExecutionDate: r.requested_execution_date,
      sentAt: r.sent_at?.toISOString() ?? null,
      settledOn: r.settled_on,
      bankReference: r.bank_reference,
      reason:
        r.reason_code || r.reason_text
          ? {
              code: r.reason_code,
              text: r.reason_code ? returnReasonText(r.reason_code, opts.language) : (r.reason_text ?? ''),
            }
          : null,
      replacesPaymentId: r.replaces_payment_id,
      delayStage: r.delay_stage,
      holdReasons: opts.customer ? [] : r.hold_reasons,
      history: changes
        .filter((c) => c.payment_id === r.id)
        .map((c) => ({
          from: c.from_status,
          to: c.to_status,
          source: c.source,
          reasonCode: c.reason_code,
          note: opts.customer ? null : c.note,
          at: c.at.toISOString(),
        })),
    })),
  };
}
