import { type Executor, inTransaction } from '../../db/transaction.ts';
import { AppError, fieldError } from '../../lib/errors.ts';
import { parseInput } from '../../lib/parse-input.ts';
import { recordAuditEvents } from '../audit/index.ts';
import { assertReaches } from '../referrals/department-reach.ts';
import type { Actor } from '../users/actor.ts';
import { assertCan } from '../users/permissions.ts';
import { resolveCallLinks } from './call-links.ts';
import { type CallUpdate, CallUpdateSchema, type CallView, toCallView } from './call-schemas.ts';
import { findCallRow } from './find-calls.ts';

/**
 * Ends a call, sets its outcome and notes, or links it to a claim or case (the customer's own;
 * a call from a caller identified only now takes the linked record's customer). Two people may
 * have the call open: `version` must be the one read (409 version_conflict otherwise). Sending
 * what the call already says changes nothing and bumps no version.
 */
export async function updateCall(opts: {
  db: Executor;
  actor: Actor;
  id: string;
  input: CallUpdate;
}): Promise<CallView> {
  const { actor } = opts;
  assertCan(actor, 'calls:log');
  const input = parseInput(CallUpdateSchema, opts.input);
  return inTransaction(opts.db, async (trx) => {
    const call = await findCallRow(trx, opts.id, { forUpdate: true });
    await assertReaches(trx, actor, 'call', call.id, 'call');
    if (input.version !== call.version) {
      throw new AppError(
        'version_conflict',
        `The call is at version ${call.version}, not ${input.version}.`,
        {
          extra: { currentVersion: call.version },
        },
      );
    }
    const endedAt =
      input.endedAt === undefined ? call.ended_at : input.endedAt === null ? null : new Date(input.endedAt);
    if (endedAt && endedAt < call.started_at) {
      throw fieldError(
        'validation_failed',
        ['endedAt'],
        'A call cannot end before it started.',
        'before_start',
      );
    }
    const claimId = input.claimId === undefined ? call.claim_id : input.claimId;
    const caseId = input.caseId === undefined ? call.case_id : input.caseId;
    // A department agent links a call only to what a referral to their department reaches.
    if (claimId && claimId !== call.claim_id) await assertReaches(trx, actor, 'claim', claimId, 'claim');
    if (caseId && caseId !== call.case_id) await assertReaches(trx, actor, 'service_case', caseId, 'case');
    const customerId = await resolveCallLinks(trx, { customerId: call.customer_id, claimId, caseId });
    const next = {
      ended_at: endedAt,
      outcome: input.outcome ?? call.outcome,
      notes: input.notes === undefined ? call.notes : input.notes || null,
      claim_id: claimId,
      case_id: caseId,
      customer_id: customerId,
    };
    const changed = (Object.keys(next) as (keyof typeof next)[]).filter(
      (k) => String(next[k]?.valueOf() ?? null) !== String(call[k]?.valueOf() ?? null),
    );
    if (changed.length === 0) return toCallView(call);
    const row = await trx
      .updateTable('calls')
      .set((eb) => ({ ...next, version: eb('version', '+', 1) }))
      .where('id', '=', call.id)
      .returningAll()
      .executeTakeFirstOrThrow();
    await recordAuditEvents(trx, customerId, [
      {
        actor,
        action: call.ended_at === null && row.ended_at !== null ? 'call.ended' : 'call.updated',
        entityType: 'call',
        entityId: row.id,
        customerId,
        data: {
          changed, // the notes' text stays on the call, out of the trail
          endedAt: row.ended_at?.toISOString() ?? null,
          outcome: row.outcome,
          claimId: row.claim_id,
          caseId: row.case_id,
          ...(call.customer_id === null && customerId !== null ? { identifiedCustomerId: customerId } : {}),
        },
      },
    ]);
    return toCallView(row);
  });
}
