import type { Kysely } from 'kysely';
import type { DB } from '../../db/schema.ts';
import { inTransaction } from '../../db/transaction.ts';
import { AppError } from '../../lib/errors.ts';
import { parseInput } from '../../lib/parse-input.ts';
import type { Actor } from '../users/actor.ts';
import { assertCan } from '../users/permissions.ts';
import type { QueueItem } from '../work/list-queue.ts';
import { reassignWorkItem } from '../work/reassign-work.ts';
import { workItemOf } from '../work/work-item-store.ts';
import { CaseAssignmentSchema } from './case-schemas.ts';
import { loadCaseByRef } from './find-cases.ts';

/**
 * Gives a case's work item to a person (or back to the team queue), by the same rules as claims:
 * a supervisor reassigns anything; a representative may take an unassigned case of their own team
 * for themselves. `version` is the work item's version (409 when stale).
 */
export async function reassignCase(opts: {
  db: Kysely<DB>;
  actor: Actor;
  ref: string;
  input: { userId: string | null; version: number };
}): Promise<QueueItem> {
  assertCan(opts.actor, 'cases:handle');
  const input = parseInput(CaseAssignmentSchema, opts.input);
  return inTransaction(opts.db, async (trx) => {
    const serviceCase = await loadCaseByRef(trx, opts.ref, opts.actor);
    const item = await workItemOf(trx, 'service_case', serviceCase.id);
    if (!item?.open) {
      throw new AppError('work_item_not_found', `Case ${serviceCase.case_number} is in no work queue.`);
    }
    return reassignWorkItem(trx, { actor: opts.actor, item, input });
  });
}
