import type { CallRow } from '../../db/schema.ts';
import type { Executor } from '../../db/transaction.ts';
import { AppError } from '../../lib/errors.ts';
import {
  decodeKeysetCursor,
  encodeKeysetCursor,
  isDateText,
  isUuidText,
  keysetPage,
} from '../../lib/keyset-cursor.ts';
import { assertCustomerExists } from '../customers/find-customers.ts';
import { assertCustomerWideView, assertReaches } from '../referrals/department-reach.ts';
import type { Actor } from '../users/actor.ts';
import { assertCan } from '../users/permissions.ts';
import { type CallView, toCallView } from './call-schemas.ts';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

export async function findCallRow(
  db: Executor,
  id: string,
  opts: { forUpdate?: boolean } = {},
): Promise<CallRow> {
  if (!UUID.test(id)) throw new AppError('not_found', 'No such call.');
  let q = db.selectFrom('calls').selectAll().where('id', '=', id.toLowerCase());
  if (opts.forUpdate) q = q.forUpdate();
  const row = await q.executeTakeFirst();
  if (!row) throw new AppError('not_found', 'No such call.');
  return row;
}

export async function getCall(opts: { db: Executor; actor: Actor; id: string }): Promise<CallView> {
  assertCan(opts.actor, 'calls:read');
  const row = await findCallRow(opts.db, opts.id);
  await assertReaches(opts.db, opts.actor, 'call', row.id, 'call');
  return toCallView(row);
}

/**
 * A customer's calls, newest first, a keyset page at a time (calls_customer_idx): `before` is the
 * `nextCursor` of the previous page.
 */
export async function listCustomerCalls(opts: {
  db: Executor;
  actor: Actor;
  customerId: string;
  limit: number;
  before?: string | undefined;
}): Promise<{ items: CallView[]; nextCursor: string | null }> {
  assertCan(opts.actor, 'calls:read');
  assertCustomerWideView(opts.actor);
  await assertCustomerExists(opts.db, opts.customerId);
  const cursor = opts.before ? decodeCursor(opts.before) : null;
  let q = opts.db.selectFrom('calls').selectAll().where('customer_id', '=', opts.customerId);
  if (cursor) {
    q = q.where((eb) => eb(eb.refTuple('started_at', 'id'), '<', eb.tuple(cursor.startedAt, cursor.id)));
  }
  const rows = await q
    .orderBy('started_at', 'desc')
    .orderBy('id', 'desc')
    .limit(opts.limit + 1)
    .execute();
  return keysetPage(rows, opts.limit, toCallView, (last) =>
    encodeKeysetCursor([last.started_at.toISOString(), last.id]),
  );
}

function decodeCursor(raw: string): { startedAt: Date; id: string } {
  const [startedAt, id] = decodeKeysetCursor(raw, [isDateText, isUuidText], 'before');
  return { startedAt: new Date(startedAt), id };
}
