import type { PaymentBatchRow } from '../../db/schema.ts';
import type { Executor } from '../../db/transaction.ts';
import { AppError } from '../../lib/errors.ts';
import type { Actor } from '../users/actor.ts';
import type { Permission } from '../users/permissions.ts';
import { assertPaymentsDesk } from './payments-access.ts';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/**
 * Batches hold many customers' payments: only the payments desk sees them. A customer gets 403
 * here (never a batch's existence by id): there is nothing of theirs to scope to.
 */
export function assertBatchDesk(actor: Actor, permission: Permission): void {
  if (actor.kind === 'user' && actor.role === 'customer') {
    throw new AppError('forbidden', 'Payment batches are for the payments desk.');
  }
  assertPaymentsDesk(actor, permission);
}

/** Every column but the file, which can be 60 MB: read only by GET …/file. */
export const BATCH_COLUMNS = [
  'id',
  'batch_number',
  'message_id',
  'currency',
  'requested_execution_date',
  'debtor_name',
  'debtor_iban',
  'debtor_bic',
  'payment_count',
  'control_sum_minor',
  'status',
  'needs_second_approval',
  'created_by',
  'approved_by',
  'approved_at',
  'released_by',
  'released_at',
  'file_sha256',
  'version',
  'created_at',
] as const;

/**
 * A batch by id or PBT number (locked FOR UPDATE when asked), or 404. `file_xml` is null unless
 * `withFile`.
 */
export async function loadPaymentBatch(
  db: Executor,
  ref: string,
  opts: { forUpdate?: boolean; withFile?: boolean } = {},
): Promise<PaymentBatchRow> {
  let query = db
    .selectFrom('payment_batches')
    .select([...BATCH_COLUMNS, ...(opts.withFile ? (['file_xml'] as const) : [])])
    .where(UUID.test(ref) ? 'id' : 'batch_number', '=', ref);
  if (opts.forUpdate) query = query.forUpdate();
  const row = await query.executeTakeFirst();
  if (!row) throw new AppError('not_found', `No payment batch ${ref}.`);
  return { ...row, file_xml: 'file_xml' in row ? (row.file_xml as string | null) : null };
}

export function assertBatchVersion(batch: PaymentBatchRow, version: number): void {
  if (batch.version !== version) {
    throw new AppError(
      'version_conflict',
      `Batch ${batch.batch_number} is at version ${batch.version}, not ${version}; reload it.`,
      { extra: { currentVersion: batch.version } },
    );
  }
}
