import type { Executor } from '../../db/transaction.ts';
import { inTransaction } from '../../db/transaction.ts';
import { AppError } from '../../lib/errors.ts';
import { parseInput } from '../../lib/parse-input.ts';
import { recordAuditEvents } from '../audit/index.ts';
import { type Actor, actorId } from '../users/actor.ts';
import { assertCan } from '../users/permissions.ts';
import { type AccountChangeView, type RejectInput, RejectInputSchema } from './account-change-schemas.ts';
import { endPendingChange } from './end-pending-change.ts';

/**
 * Staff refuse a pending bank-account change (the caller could not prove who they are, the
 * account holder is someone else, …). The reason stays internal: told "suspected fraud", a
 * fraudster learns what to try next; the customer hears only that nothing changed.
 */
export async function rejectAccountChange(opts: {
  db: Executor;
  actor: Actor;
  id: string;
  input: RejectInput;
  now?: Date;
}): Promise<AccountChangeView> {
  const { actor } = opts;
  assertCan(actor, 'account_changes:approve');
  if (actorId(actor) === null) throw new AppError('forbidden', 'A change is rejected by a named person.');
  const input = parseInput(RejectInputSchema, opts.input);
  return inTransaction(opts.db, async (trx) => {
    const { view, events, customerId } = await endPendingChange(trx, {
      id: opts.id,
      actor,
      version: input.version,
      status: 'rejected',
      reason: input.reason,
      resolution: 'The account change was rejected; nothing was changed.',
      now: opts.now ?? new Date(),
    });
    await recordAuditEvents(trx, customerId, events);
    return view;
  });
}
