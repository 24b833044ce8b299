import { type Executor, inTransaction } from '../../db/transaction.ts';
import { parseInput } from '../../lib/parse-input.ts';
import { recordAuditEvents } from '../audit/index.ts';
import { transitionClaim } from '../claims/claim-lifecycle.ts';
import type { ClaimView } from '../claims/claim-schemas.ts';
import { findClaimRow } from '../claims/find-claims.ts';
import { loadClaimView } from '../claims/load-claim-views.ts';
import { notify } from '../notifications/index.ts';
import type { Actor } from '../users/actor.ts';
import { assertCan } from '../users/permissions.ts';
import { openClaimWork } from '../work/claim-work.ts';
import { workItemOf } from '../work/work-item-store.ts';
import { assertClaimVersion, assertStatusIn } from './decision-guards.ts';
import { type ReasonInput, ReasonInputSchema } from './decision-schemas.ts';

const APPEALABLE = ['approved', 'partially_approved', 'denied', 'paid', 'closed'] as const;

/**
 * The customer (or the desk on their behalf) appeals a decision: the claim reopens in a queue as
 * 'appealed'. The decision stays current until the new one is made, which supersedes it (kept, with
 * its accumulators given back): history is never rewritten. A customer appealing someone else's
 * claim is told it does not exist (404).
 */
export async function appealClaim(opts: {
  db: Executor;
  actor: Actor;
  ref: string;
  input: ReasonInput;
}): Promise<ClaimView> {
  const { actor } = opts;
  assertCan(actor, 'claims:appeal');
  const input = parseInput(ReasonInputSchema, opts.input);
  return inTransaction(opts.db, async (trx) => {
    const claim = await findClaimRow(trx, actor, opts.ref, { forUpdate: true });
    assertStatusIn(claim, APPEALABLE, 'appealed');
    assertClaimVersion(claim, input.version);
    const moved = await transitionClaim(trx, claim.id, 'appealed', {
      actor,
      reason: `Appealed: ${input.reason}`,
    });
    const events = [
      {
        actor,
        action: 'claim.appealed',
        entityType: 'claim',
        entityId: claim.id,
        customerId: claim.customer_id,
        reason: input.reason,
        data: { claimNumber: claim.claim_number, from: claim.status },
      },
      ...(moved ? [moved] : []),
      ...(await openClaimWork(trx, { claimId: claim.id, actor, reason: 'Appealed' })),
    ];
    const item = await workItemOf(trx, 'claim', claim.id);
    if (item?.owner_id) {
      const owner = await trx
        .selectFrom('users')
        .select('locale')
        .where('id', '=', item.owner_id)
        .executeTakeFirstOrThrow();
      await notify(trx, {
        audience: 'staff',
        userId: item.owner_id,
        customerId: claim.customer_id,
        kind: 'claim.appealed',
        language: owner.locale,
        params: { reference: claim.claim_number, reason: input.reason },
        entityType: 'claim',
        entityId: claim.id,
        // One notice per appeal: the claim's version after this change names it.
        dedupeKey: `appealed:${claim.id}:${claim.version + 1}`,
      });
    }
    await recordAuditEvents(trx, claim.customer_id, events);
    return loadClaimView(trx, await findClaimRow(trx, actor, claim.id));
  });
}
