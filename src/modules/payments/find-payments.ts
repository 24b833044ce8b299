import type { PaymentOrderRow } from '../../db/schema.ts';
import type { Executor } from '../../db/transaction.ts';
import { AppError } from '../../lib/errors.ts';
import { decodeKeysetCursor, encodeKeysetCursor, isUuidText, keysetPage } from '../../lib/keyset-cursor.ts';
import type { Actor } from '../users/actor.ts';
import { canSeeCustomer } from '../users/permissions.ts';
import {
  type PaymentListQuery,
  type PaymentOrderDetailView,
  type PaymentOrderView,
  toPaymentOrderView,
} from './payment-schemas.ts';
import { assertPaymentsDesk } from './payments-access.ts';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** By id or by payment number (PAY-2026-000123). Another customer's payment is 404, never 403. */
export async function findPaymentRow(
  db: Executor,
  actor: Actor,
  ref: string,
  opts: { forUpdate?: boolean } = {},
): Promise<PaymentOrderRow> {
  const value = ref.trim();
  let q = db.selectFrom('payment_orders').selectAll();
  q = UUID.test(value)
    ? q.where('id', '=', value.toLowerCase())
    : q.where('payment_number', '=', value.toUpperCase());
  if (opts.forUpdate) q = q.forUpdate();
  const row = await q.executeTakeFirst();
  if (!row || !canSeeCustomer(actor, row.customer_id)) throw new AppError('not_found', 'No such payment.');
  return row;
}

/** One payment with its status history, oldest change first. */
export async function getPayment(opts: {
  db: Executor;
  actor: Actor;
  ref: string;
}): Promise<PaymentOrderDetailView> {
  assertPaymentsDesk(opts.actor, 'payments:read');
  const row = await findPaymentRow(opts.db, opts.actor, opts.ref);
  const changes = await opts.db
    .selectFrom('payment_status_changes')
    .selectAll()
    .where('payment_id', '=', row.id)
    .orderBy('at')
    .orderBy('id')
    .execute();
  const staff = opts.actor.role !== 'customer';
  return {
    ...toPaymentOrderView(row, opts.actor),
    history: changes.map((c) => ({
      from: c.from_status,
      to: c.to_status,
      source: c.source,
      reasonCode: c.reason_code,
      note: staff ? c.note : null,
      actorId: staff ? c.actor_id : null,
      at: c.at.toISOString(),
    })),
  };
}

/**
 * Payments newest first, a keyset page at a time, filtered by status, claim and customer. A
 * customer gets only their own whatever filter they send.
 */
export async function listPayments(opts: {
  db: Executor;
  actor: Actor;
  query: PaymentListQuery;
}): Promise<{ items: PaymentOrderView[]; nextCursor: string | null }> {
  const { actor, query } = opts;
  assertPaymentsDesk(actor, 'payments:read');
  let q = opts.db.selectFrom('payment_orders').selectAll();
  if (actor.kind === 'user' && actor.role === 'customer')
    q = q.where('customer_id', '=', actor.customerId ?? '');
  if (query.customer) q = q.where('customer_id', '=', query.customer);
  if (query.status) q = q.where('status', '=', query.status);
  if (query.claim) {
    const claim = query.claim.trim();
    const claimIds = opts.db
      .selectFrom('claims')
      .select('id')
      .where(
        UUID.test(claim) ? 'id' : 'claim_number',
        '=',
        UUID.test(claim) ? claim.toLowerCase() : claim.toUpperCase(),
      );
    q = q.where('claim_id', 'in', claimIds);
  }
  if (query.before) {
    const [id] = decodeKeysetCursor(query.before, [isUuidText], 'before');
    q = q.where('id', '<', id);
  }
  const rows = await q
    .orderBy('id', 'desc')
    .limit(query.limit + 1)
    .execute();
  return keysetPage(
    rows,
    query.limit,
    (row) => toPaymentOrderView(row, actor),
    (last) => encodeKeysetCursor([last.id]),
  );
}
