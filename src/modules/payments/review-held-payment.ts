import { type Executor, inTransaction } from '../../db/transaction.ts';
import { AppError } from '../../lib/errors.ts';
import { parseInput } from '../../lib/parse-input.ts';
import { recordAuditEvents } from '../audit/index.ts';
import { type Actor, actorId } from '../users/actor.ts';
import { changePaymentStatus } from './change-payment-status.ts';
import { laterDate, requestedExecutionDate } from './execution-date.ts';
import { findPaymentRow, getPayment } from './find-payments.ts';
import { lateInterestFor } from './payment-interest.ts';
import { tellCustomerPaymentScheduled } from './payment-order-notices.ts';
import {
  maskedCreditor,
  type PaymentOrderDetailView,
  type PaymentReviewInput,
  PaymentReviewInputSchema,
} from './payment-schemas.ts';
import { assertPaymentsDesk } from './payments-access.ts';

/**
 * A payments-desk person looks at a held order and releases it to 'ready' (the next batch takes
 * it) or cancels it. Four eyes: the person who decided the claim (created_by) may not release the
 * payment of their own decision (403 four_eyes_required; the table's CHECK refuses the same).
 * Releasing moves a passed execution date to the next banking day and computes the late interest
 * again for that date — with the reference rate an administrator may have added meanwhile; still
 * none for a half-year it covers → 422 reference_rate_missing and nothing changes.
 */
export async function reviewHeldPayment(opts: {
  db: Executor;
  actor: Actor;
  ref: string;
  input: PaymentReviewInput;
  now?: Date;
}): Promise<PaymentOrderDetailView> {
  const { actor } = opts;
  assertPaymentsDesk(actor, 'payments:review');
  const input = parseInput(PaymentReviewInputSchema, opts.input);
  const now = opts.now ?? new Date();
  const reviewer = actorId(actor);
  const paymentId = await inTransaction(opts.db, async (trx) => {
    const payment = await findPaymentRow(trx, actor, opts.ref, { forUpdate: true });
    if (payment.status !== 'held') {
      throw new AppError(
        'payment_transition_not_allowed',
        `Payment ${payment.payment_number} is ${payment.status}, not held: there is nothing to review.`,
        { extra: { status: payment.status } },
      );
    }
    if (payment.version !== input.version) {
      throw new AppError(
        'version_conflict',
        `Payment ${payment.payment_number} is at version ${payment.version}.`,
        {
          extra: { currentVersion: payment.version },
        },
      );
    }
    if (reviewer !== null && reviewer === payment.created_by) {
      throw new AppError(
        'four_eyes_required',
        `You decided the claim of ${payment.payment_number}: another person must review its payment.`,
      );
    }
    if (input.action === 'cancel') {
      const moved = await changePaymentStatus(trx, {
        payment,
        to: 'cancelled',
        source: 'person',
        actor,
        reason: input.note,
        now,
      });
      await recordAuditEvents(trx, payment.customer_id, [moved.event]);
      return payment.id;
    }
    const executionDate = laterDate(
      payment.requested_execution_date,
      requestedExecutionDate(payment.currency, now),
    );
    const interest =
      payment.kind === 'repayment' || payment.legal_due_date === null
        ? null
        : await lateInterestFor(trx, {
            claimId: payment.claim_id,
            principalMinor: payment.principal_minor,
            executionDate,
          });
    if (interest?.rateMissing) {
      throw new AppError(
        'reference_rate_missing',
        `Add the reference rate for every half-year from ${payment.legal_due_date} to ${executionDate} first.`,
      );
    }
    const moved = await changePaymentStatus(trx, {
      payment,
      to: 'ready',
      source: 'person',
      actor,
      reason: input.note,
      now,
      set: {
        approved_by: reviewer,
        approved_at: now,
        requested_execution_date: executionDate,
        ...(interest
          ? {
              interest_minor: interest.interestMinor,
              interest: interest.interest ? JSON.stringify(interest.interest) : null,
            }
          : {}),
      },
    });
    await recordAuditEvents(trx, payment.customer_id, [
      {
        ...moved.event,
        data: { ...moved.event.data, holdReasons: payment.hold_reasons, reviewedBy: reviewer },
      },
    ]);
    await tellCustomerPaymentScheduled(trx, moved.payment, { masked: maskedCreditor(moved.payment) });
    return payment.id;
  });
  return getPayment({ db: opts.db, actor, ref: paymentId });
}
