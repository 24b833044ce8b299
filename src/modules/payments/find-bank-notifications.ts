import type { Executor } from '../../db/transaction.ts';
import { AppError } from '../../lib/errors.ts';
import { decodeKeysetCursor, encodeKeysetCursor, isUuidText } from '../../lib/keyset-cursor.ts';
import type { Actor } from '../users/actor.ts';
import type { BankNotificationReport, BankNotificationSummary } from './bank-notification-report.ts';
import { assertPaymentsDesk } from './payments-access.ts';

// Imported bank notifications, newest first (ids are UUIDv7: time-ordered), for staff who follow
// payments. They are the bank's account of the insurer's own account, not a customer's record.

function assertStaffReader(actor: Actor): void {
  // The payments desk, as for payment orders and batches: an agent of another department (medical,
  // legal) has no business reading the insurer's bank account (route-matrix test found this open).
  assertPaymentsDesk(actor, 'payments:read');
  if (actor.kind === 'user' && actor.role === 'customer') {
    throw new AppError('forbidden', 'Bank notifications are for the payments desk.');
  }
}

export async function listBankNotifications(opts: {
  db: Executor;
  actor: Actor;
  limit: number;
  cursor?: string | undefined;
}): Promise<{ items: BankNotificationSummary[]; nextCursor: string | null }> {
  assertStaffReader(opts.actor);
  let q = opts.db
    .selectFrom('bank_notifications')
    .selectAll()
    .orderBy('id', 'desc')
    .limit(opts.limit + 1);
  if (opts.cursor) {
    const [id] = decodeKeysetCursor(opts.cursor, [isUuidText]);
    q = q.where('id', '<', id);
  }
  const rows = await q.execute();
  const page = rows.slice(0, opts.limit);
  const last = page.at(-1);
  return {
    items: page.map((r) => ({
      id: r.id,
      messageId: r.message_id,
      fileSha256: r.file_sha256,
      importedAt: r.imported_at.toISOString(),
      importedBy: r.imported_by,
      entries: r.entries_total,
      applied: r.applied,
      ignored: r.ignored,
      unknown: r.unknown,
      mismatched: r.entries_total - r.applied - r.ignored - r.unknown,
    })),
    nextCursor: rows.length > opts.limit && last ? encodeKeysetCursor([last.id]) : null,
  };
}

export async function getBankNotificationReport(opts: {
  db: Executor;
  actor: Actor;
  id: string;
}): Promise<BankNotificationReport> {
  assertStaffReader(opts.actor);
  const row = await opts.db
    .selectFrom('bank_notifications')
    .select('report')
    .where('id', '=', opts.id)
    .executeTakeFirst();
  if (!row) throw new AppError('not_found', `No bank notification ${opts.id}.`);
  return row.report as BankNotificationReport;
}
