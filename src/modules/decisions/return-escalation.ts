import { type Executor, inTransaction } from '../../db/transaction.ts';
import { parseInput } from '../../lib/parse-input.ts';
import type { AuditInput } from '../audit/index.ts';
import { recordAuditEvents } from '../audit/index.ts';
import { transitionClaim } from '../claims/claim-lifecycle.ts';
import type { ClaimView } from '../claims/claim-schemas.ts';
import { findClaimRow } from '../claims/find-claims.ts';
import { loadClaimView } from '../claims/load-claim-views.ts';
import { notify } from '../notifications/index.ts';
import type { Actor } from '../users/actor.ts';
import { assertCan } from '../users/permissions.ts';
import { clearClaimWorkEscalation } from '../work/claim-work.ts';
import { workItemOf } from '../work/work-item-store.ts';
import { assertClaimVersion, assertStatusIn } from './decision-guards.ts';
import { type EscalationView, type ReturnInput, ReturnInputSchema } from './decision-schemas.ts';
import { openEscalationOf, resolveEscalation } from './escalation-store.ts';
import { escalationView } from './find-escalations.ts';

/**
 * The supervisor sends the escalated claim back to its representative with a comment (more to
 * check, a different proposal). It goes back to 'in_review' — also an appeal's escalation: the
 * representative's next decision supersedes the appealed one whatever status it is reached from.
 */
export async function returnEscalation(opts: {
  db: Executor;
  actor: Actor;
  ref: string;
  input: ReturnInput;
}): Promise<{ claim: ClaimView; escalation: EscalationView | null }> {
  const { actor } = opts;
  assertCan(actor, 'escalations:resolve');
  const input = parseInput(ReturnInputSchema, opts.input);
  return inTransaction(opts.db, async (trx) => {
    const claim = await findClaimRow(trx, actor, opts.ref, { forUpdate: true });
    assertStatusIn(claim, ['escalated'], 'in_review');
    assertClaimVersion(claim, input.version);
    const open = await openEscalationOf(trx, claim.id);
    const resolved = open
      ? await resolveEscalation(trx, { escalation: open, actor, status: 'returned', comment: input.comment })
      : null;
    const events: AuditInput[] = [
      {
        actor,
        action: 'claim.escalation_returned',
        entityType: 'claim',
        entityId: claim.id,
        customerId: claim.customer_id,
        reason: input.comment,
        data: { claimNumber: claim.claim_number, escalationId: resolved?.id ?? null },
      },
    ];
    const moved = await transitionClaim(trx, claim.id, 'in_review', {
      actor,
      reason: `Returned by the supervisor: ${input.comment}`,
      data: { escalationId: resolved?.id ?? null },
    });
    if (moved) events.push(moved);
    events.push(
      ...(await clearClaimWorkEscalation(trx, { claimId: claim.id, actor, reason: input.comment })),
    );
    const owner = (await workItemOf(trx, 'claim', claim.id))?.owner_id ?? resolved?.escalated_by ?? null;
    if (owner) {
      const user = await trx
        .selectFrom('users')
        .select('locale')
        .where('id', '=', owner)
        .executeTakeFirstOrThrow();
      await notify(trx, {
        audience: 'staff',
        userId: owner,
        customerId: claim.customer_id,
        kind: 'escalation.returned',
        language: user.locale,
        params: {
          reference: claim.claim_number,
          by: actor.kind === 'user' ? actor.displayName : actor.name,
          comment: input.comment,
        },
        entityType: 'claim',
        entityId: claim.id,
        dedupeKey: `returned:${resolved?.id ?? `${claim.id}:${claim.version}`}`,
      });
    }
    await recordAuditEvents(trx, claim.customer_id, events);
    return {
      claim: await loadClaimView(trx, await findClaimRow(trx, actor, claim.id)),
      escalation: resolved ? await escalationView(trx, resolved) : null,
    };
  });
}
