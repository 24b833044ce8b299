import { type Executor, inTransaction } from '../../db/transaction.ts';
import { AppError, fieldError } from '../../lib/errors.ts';
import { newId } from '../../lib/ids.ts';
import { recordAuditEvent } from '../audit/index.ts';
import type { Actor } from '../users/actor.ts';
import { assertCan } from '../users/permissions.ts';

export type NewPremiumPayment = {
  paidOn: string;
  amountMinor: number;
  currency: string;
  reference?: string | undefined;
};

/**
 * Books a premium payment. A bank reference seen before on the same policy is not booked again
 * (a re-sent bank file must not double-count); the existing payment id is returned instead.
 */
export async function recordPremiumPayment(opts: {
  db: Executor;
  actor: Actor;
  policyId: string;
  payment: NewPremiumPayment;
}): Promise<{ id: string; duplicate: boolean }> {
  assertCan(opts.actor, 'premiums:record');
  const { payment } = opts;
  return inTransaction(opts.db, async (trx) => {
    const policy = await trx
      .selectFrom('policies')
      .select(['id', 'customer_id', 'currency'])
      .where('id', '=', opts.policyId)
      .executeTakeFirst();
    if (!policy) throw new AppError('not_found', 'No such policy.');
    if (payment.currency !== policy.currency) {
      throw fieldError(
        'premium_currency_mismatch',
        ['currency'],
        `The policy is in ${policy.currency}, the payment in ${payment.currency}.`,
      );
    }
    if (payment.reference) {
      const seen = await trx
        .selectFrom('premium_payments')
        .select('id')
        .where('policy_id', '=', policy.id)
        .where('reference', '=', payment.reference)
        .executeTakeFirst();
      if (seen) return { id: seen.id, duplicate: true };
    }
    const id = newId();
    await trx
      .insertInto('premium_payments')
      .values({
        id,
        policy_id: policy.id,
        customer_id: policy.customer_id,
        paid_on: payment.paidOn,
        amount_minor: payment.amountMinor,
        currency: payment.currency,
        reference: payment.reference ?? null,
      })
      .execute();
    await recordAuditEvent(trx, {
      actor: opts.actor,
      action: 'premium.payment_recorded',
      entityType: 'policy',
      entityId: policy.id,
      customerId: policy.customer_id,
      data: {
        paymentId: id,
        paidOn: payment.paidOn,
        amountMinor: payment.amountMinor,
        currency: payment.currency,
      },
    });
    return { id, duplicate: false };
  });
}
