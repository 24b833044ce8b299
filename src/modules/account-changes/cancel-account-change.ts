import type { Executor } from '../../db/transaction.ts';
import { inTransaction } from '../../db/transaction.ts';
import { AppError } from '../../lib/errors.ts';
import { parseInput } from '../../lib/parse-input.ts';
import { recordAuditEvents } from '../audit/index.ts';
import { type Actor, actorId } from '../users/actor.ts';
import { assertCan } from '../users/permissions.ts';
import { type AccountChangeView, type VersionInput, VersionInputSchema } from './account-change-schemas.ts';
import { endPendingChange } from './end-pending-change.ts';

/** The person who asked for a pending change takes it back; nobody else can (403). */
export async function cancelAccountChange(opts: {
  db: Executor;
  actor: Actor;
  id: string;
  input: VersionInput;
  now?: Date;
}): Promise<AccountChangeView> {
  const { actor } = opts;
  assertCan(actor, 'account_changes:request');
  const input = parseInput(VersionInputSchema, opts.input);
  return inTransaction(opts.db, async (trx) => {
    const { view, events, customerId } = await endPendingChange(trx, {
      id: opts.id,
      actor,
      version: input.version,
      status: 'cancelled',
      reason: null,
      resolution: 'The account change was cancelled by the person who asked for it; nothing was changed.',
      mayEnd: (request) => {
        if (request.requested_by !== actorId(actor)) {
          throw new AppError(
            'forbidden',
            'Only the person who asked for the change can cancel it; staff reject it.',
          );
        }
      },
      now: opts.now ?? new Date(),
    });
    await recordAuditEvents(trx, customerId, events);
    return view;
  });
}
