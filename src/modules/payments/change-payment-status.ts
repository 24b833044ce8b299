import type { Transaction, Updateable } from 'kysely';
import type {
  DB,
  PaymentChangeSource,
  PaymentOrderRow,
  PaymentOrdersTable,
  PaymentStatus,
} from '../../db/schema.ts';
import { newId } from '../../lib/ids.ts';
import type { AuditInput } from '../audit/index.ts';
import { type Actor, actorId } from '../users/actor.ts';
import { assertPaymentTransition } from './payment-lifecycle.ts';

/**
 * Moves one payment order to `to` in the caller's transaction: checks the transition, writes the
 * status (with any other columns in `set`), bumps the version, records the change in
 * payment_status_changes (the ledger and the case view read it) and returns the
 * 'payment.status_changed' audit event for the caller to append. The caller holds the row lock
 * (SELECT … FOR UPDATE) or otherwise knows `payment` is current; the UPDATE also matches the
 * version, so a stale row is an error, never a lost update.
 */
export async function changePaymentStatus(
  trx: Transaction<DB>,
  opts: {
    payment: PaymentOrderRow;
    to: PaymentStatus;
    source: PaymentChangeSource;
    actor: Actor;
    reason: string;
    reasonCode?: string | null;
    bankNotificationId?: string | null;
    set?: Omit<Updateable<PaymentOrdersTable>, 'status' | 'version' | 'status_changed_at' | 'updated_at'>;
    now?: Date;
  },
): Promise<{ payment: PaymentOrderRow; event: AuditInput }> {
  const { payment, to, actor } = opts;
  const now = opts.now ?? new Date();
  assertPaymentTransition(payment.payment_number, payment.status, to);
  const updated = await trx
    .updateTable('payment_orders')
    .set((eb) => ({
      ...opts.set,
      status: to,
      status_changed_at: now,
      updated_at: now,
      version: eb('version', '+', 1),
    }))
    .where('id', '=', payment.id)
    .where('version', '=', payment.version)
    .returningAll()
    .executeTakeFirst();
  if (!updated) throw new Error(`payment ${payment.payment_number} changed under a held lock`);
  await trx
    .insertInto('payment_status_changes')
    .values({
      id: newId(),
      payment_id: payment.id,
      customer_id: payment.customer_id,
      from_status: payment.status,
      to_status: to,
      source: opts.source,
      reason_code: opts.reasonCode ?? null,
      note: opts.reason,
      bank_notification_id: opts.bankNotificationId ?? null,
      actor_id: actorId(actor),
      at: now,
    })
    .execute();
  return {
    payment: updated,
    event: {
      actor,
      action: 'payment.status_changed',
      entityType: 'payment',
      entityId: payment.id,
      customerId: payment.customer_id,
      reason: opts.reason,
      data: {
        paymentNumber: payment.payment_number,
        claimId: payment.claim_id,
        from: payment.status,
        to,
        source: opts.source,
        reasonCode: opts.reasonCode ?? null,
        amountMinor: updated.principal_minor + updated.interest_minor,
        currency: updated.currency,
      },
    },
  };
}

/** Records the first status of a new order (from_status NULL) in payment_status_changes. */
export async function recordInitialPaymentStatus(
  trx: Transaction<DB>,
  opts: { payment: PaymentOrderRow; source: PaymentChangeSource; actor: Actor; reason: string; now?: Date },
): Promise<void> {
  await trx
    .insertInto('payment_status_changes')
    .values({
      id: newId(),
      payment_id: opts.payment.id,
      customer_id: opts.payment.customer_id,
      from_status: null,
      to_status: opts.payment.status,
      source: opts.source,
      note: opts.reason,
      actor_id: actorId(opts.actor),
      at: opts.now ?? new Date(),
    })
    .execute();
}
