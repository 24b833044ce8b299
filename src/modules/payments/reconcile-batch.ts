import { sql } from 'kysely';
import type { PaymentBatchRow, PaymentStatus } from '../../db/schema.ts';
import type { Executor } from '../../db/transaction.ts';
import { AppError } from '../../lib/errors.ts';
import type { Actor } from '../users/actor.ts';
import { decimalToMinor } from './iso20022/pain001-amounts.ts';
import { assertPaymentsDesk } from './payments-access.ts';

// The reconciliation of one batch: what its pain.001 file declared (number of transactions and
// control sum, read back from the file as sent), what the batch row recorded, and what its orders
// add up to — the three must agree — then where those orders stand now (settled, returned,
// rejected, still sent) and what each imported camt.054 file said about them. All sums are exact
// integers; the per-status figures must add up to the orders' totals (checked, never assumed).

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

export type CountAndSum = { count: number; sumMinor: number };

export type BatchReconciliation = {
  batchId: string;
  batchNumber: string;
  messageId: string;
  status: PaymentBatchRow['status'];
  currency: string;
  requestedExecutionDate: string;
  releasedAt: string | null;
  /** As recorded on the batch when it was made. */
  declared: CountAndSum;
  /** GrpHdr NbOfTxs and CtrlSum of the file as sent; null before release or when unreadable. */
  file: CountAndSum | null;
  /** Σ principal + interest of the batch's orders. */
  orders: CountAndSum;
  /** declared, file (when there is one) and orders agree. */
  balanced: boolean;
  byStatus: Record<'settled' | 'returned' | 'rejected' | 'sent' | 'other', CountAndSum>;
  notifications: {
    notificationId: string;
    messageId: string;
    importedAt: string;
    entries: number;
    amountMinor: number;
    settled: number;
    returned: number;
    rejected: number;
  }[];
};

const BUCKET: Partial<Record<PaymentStatus, keyof BatchReconciliation['byStatus']>> = {
  settled: 'settled',
  returned: 'returned',
  rejected: 'rejected',
  sent: 'sent',
};

export async function reconcileBatch(opts: {
  db: Executor;
  actor: Actor;
  ref: string;
}): Promise<BatchReconciliation> {
  // The insurer's own books: the payments desk and other staff, never a customer.
  if (opts.actor.kind === 'user' && opts.actor.role === 'customer') {
    throw new AppError('forbidden', 'Batch reconciliation is for staff.');
  }
  assertPaymentsDesk(opts.actor, 'payments:read');
  const { db } = opts;
  const ref = opts.ref.trim();
  const batch = await db
    .selectFrom('payment_batches')
    .selectAll()
    .$if(UUID.test(ref), (q) => q.where('id', '=', ref.toLowerCase()))
    .$if(!UUID.test(ref), (q) => q.where('batch_number', '=', ref.toUpperCase()))
    .executeTakeFirst();
  if (!batch) throw new AppError('not_found', 'No such payment batch.');

  const [statusRows, notificationRows] = await Promise.all([
    db
      .selectFrom('payment_orders')
      .select((eb) => [
        'status',
        eb.fn.countAll<string>().as('n'),
        sql<string>`coalesce(sum(principal_minor + interest_minor), 0)`.as('total'),
      ])
      .where('batch_id', '=', batch.id)
      .groupBy('status')
      .execute(),
    db
      .selectFrom('bank_notification_entries as e')
      .innerJoin('payment_orders as o', 'o.id', 'e.payment_id')
      .innerJoin('bank_notifications as n', 'n.id', 'e.notification_id')
      .select((eb) => [
        'n.id',
        'n.message_id',
        'n.imported_at',
        eb.fn.countAll<string>().as('entries'),
        sql<string>`coalesce(sum(e.amount_minor), 0)`.as('amount'),
        sql<string>`count(*) FILTER (WHERE e.outcome = 'settled')`.as('settled'),
        sql<string>`count(*) FILTER (WHERE e.outcome = 'returned')`.as('returned'),
        sql<string>`count(*) FILTER (WHERE e.outcome = 'rejected')`.as('rejected'),
      ])
      .where('o.batch_id', '=', batch.id)
      .groupBy(['n.id', 'n.message_id', 'n.imported_at'])
      .orderBy('n.imported_at')
      .orderBy('n.id')
      .execute(),
  ]);

  const byStatus: BatchReconciliation['byStatus'] = {
    settled: zero(),
    returned: zero(),
    rejected: zero(),
    sent: zero(),
    other: zero(),
  };
  const orders = zero();
  for (const row of statusRows) {
    const bucket = byStatus[BUCKET[row.status] ?? 'other'];
    bucket.count += Number(row.n);
    bucket.sumMinor += Number(row.total);
    orders.count += Number(row.n);
    orders.sumMinor += Number(row.total);
  }
  const parts = Object.values(byStatus);
  if (
    parts.reduce((s, p) => s + p.count, 0) !== orders.count ||
    parts.reduce((s, p) => s + p.sumMinor, 0) !== orders.sumMinor ||
    !Number.isSafeInteger(orders.sumMinor)
  ) {
    throw new Error(`batch ${batch.batch_number}: the status figures do not add up`);
  }
  const declared = { count: batch.payment_count, sumMinor: batch.control_sum_minor };
  const file = batch.file_xml ? fileTotals(batch.file_xml, batch.currency) : null;
  const same = (a: CountAndSum, b: CountAndSum) => a.count === b.count && a.sumMinor === b.sumMinor;
  return {
    batchId: batch.id,
    batchNumber: batch.batch_number,
    messageId: batch.message_id,
    status: batch.status,
    currency: batch.currency,
    requestedExecutionDate: batch.requested_execution_date,
    releasedAt: batch.released_at?.toISOString() ?? null,
    declared,
    file,
    orders,
    balanced: same(declared, orders) && (file === null ? batch.file_xml === null : same(file, orders)),
    byStatus,
    notifications: notificationRows.map((n) => ({
      notificationId: n.id,
      messageId: n.message_id,
      importedAt: n.imported_at.toISOString(),
      entries: Number(n.entries),
      amountMinor: Number(n.amount),
      settled: Number(n.settled),
      returned: Number(n.returned),
      rejected: Number(n.rejected),
    })),
  };
}

function zero(): CountAndSum {
  return { count: 0, sumMinor: 0 };
}

// The group header comes first in a pain.001 document: read it without parsing a file that may
// hold 100,000 transactions.
const GROUP_HEADER =
  /<(?:\w+:)?GrpHdr>[\s\S]*?<(?:\w+:)?NbOfTxs>\s*(\d+)\s*<\/(?:\w+:)?NbOfTxs>[\s\S]*?<(?:\w+:)?CtrlSum>\s*([\d.]+)\s*<\/(?:\w+:)?CtrlSum>/;

/** NbOfTxs and CtrlSum of the file's group header; null when the file has none (not a pain.001). */
export function fileTotals(xml: string, currency: string): CountAndSum | null {
  const m = GROUP_HEADER.exec(xml.slice(0, 64 * 1024));
  if (!m?.[1] || !m[2]) return null;
  try {
    return { count: Number(m[1]), sumMinor: Number(decimalToMinor(m[2], currency)) };
  } catch {
    return null;
  }
}
