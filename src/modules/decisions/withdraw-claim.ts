import { type Executor, inTransaction } from '../../db/transaction.ts';
import { parseInput } from '../../lib/parse-input.ts';
import type { AuditInput } from '../audit/index.ts';
import { recordAuditEvents } from '../audit/index.ts';
import { assertTransition, transitionClaim } from '../claims/claim-lifecycle.ts';
import type { ClaimView } from '../claims/claim-schemas.ts';
import { findClaimRow } from '../claims/find-claims.ts';
import { loadClaimView } from '../claims/load-claim-views.ts';
import type { Actor } from '../users/actor.ts';
import { assertCan } from '../users/permissions.ts';
import { closeClaimWork } from '../work/claim-work.ts';
import { assertClaimVersion, assertNotDecided } from './decision-guards.ts';
import { type ReasonInput, ReasonInputSchema } from './decision-schemas.ts';
import { openEscalationOf, resolveEscalation } from './escalation-store.ts';

/**
 * The customer (or the desk for them) withdraws an undecided claim. Whatever was waiting on it is
 * closed with it: the open information request is cancelled (no reminders to a withdrawn claim), an
 * open escalation is returned (nothing left for the supervisor to decide) and the work item leaves
 * every queue. A decided claim is not withdrawn (409 claim_already_decided): it can be appealed.
 */
export async function withdrawClaim(opts: {
  db: Executor;
  actor: Actor;
  ref: string;
  input: ReasonInput;
}): Promise<ClaimView> {
  const { actor } = opts;
  assertCan(actor, 'claims:withdraw');
  const input = parseInput(ReasonInputSchema, opts.input);
  return inTransaction(opts.db, async (trx) => {
    const claim = await findClaimRow(trx, actor, opts.ref, { forUpdate: true });
    assertNotDecided(claim);
    assertTransition(claim.status, 'withdrawn'); // the lifecycle table says from where
    assertClaimVersion(claim, input.version);
    const moved = await transitionClaim(trx, claim.id, 'withdrawn', {
      actor,
      reason: `Withdrawn: ${input.reason}`,
    });
    const cancelled = await trx
      .updateTable('information_requests')
      .set({ status: 'cancelled' })
      .where('claim_id', '=', claim.id)
      .where('status', '=', 'open')
      .returning('id')
      .execute();
    const escalation = await openEscalationOf(trx, claim.id);
    if (escalation) {
      await resolveEscalation(trx, {
        escalation,
        actor,
        status: 'returned',
        comment: `Claim withdrawn: ${input.reason}`,
      });
    }
    const events: AuditInput[] = [
      {
        actor,
        action: 'claim.withdrawn',
        entityType: 'claim',
        entityId: claim.id,
        customerId: claim.customer_id,
        reason: input.reason,
        data: {
          claimNumber: claim.claim_number,
          from: claim.status,
          cancelledInformationRequests: cancelled.map((r) => r.id),
          returnedEscalation: escalation?.id ?? null,
        },
      },
      ...(moved ? [moved] : []),
      ...(await closeClaimWork(trx, { claimId: claim.id, actor, reason: 'Withdrawn' })),
    ];
    await recordAuditEvents(trx, claim.customer_id, events);
    return loadClaimView(trx, await findClaimRow(trx, actor, claim.id));
  });
}
