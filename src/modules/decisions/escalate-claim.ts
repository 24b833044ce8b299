import { type Executor, inTransaction } from '../../db/transaction.ts';
import { parseInput } from '../../lib/parse-input.ts';
import { recordAuditEvents } from '../audit/index.ts';
import type { ClaimView } from '../claims/claim-schemas.ts';
import { findClaimRow } from '../claims/find-claims.ts';
import { loadClaimView } from '../claims/load-claim-views.ts';
import type { Actor } from '../users/actor.ts';
import { assertCan } from '../users/permissions.ts';
import { assertClaimVersion, assertNotDecided, assertStatusIn } from './decision-guards.ts';
import { type EscalationView, type ReasonInput, ReasonInputSchema } from './decision-schemas.ts';
import { openEscalation } from './escalation-store.ts';
import { escalationView } from './find-escalations.ts';

/**
 * The representative hands the claim to their supervisor by choice (a hard case, a complaint, a
 * suspicion), saying why. Same effects as an automatic escalation, without a proposal.
 */
export async function escalateClaim(opts: {
  db: Executor;
  actor: Actor;
  ref: string;
  input: ReasonInput;
}): Promise<{ claim: ClaimView; escalation: EscalationView }> {
  const { actor } = opts;
  assertCan(actor, 'claims:escalate');
  const input = parseInput(ReasonInputSchema, opts.input);
  return inTransaction(opts.db, async (trx) => {
    const claim = await findClaimRow(trx, actor, opts.ref, { forUpdate: true });
    assertNotDecided(claim);
    assertStatusIn(claim, ['in_review', 'appealed'], 'escalated');
    assertClaimVersion(claim, input.version);
    const { escalation, events } = await openEscalation(trx, {
      claim,
      actor,
      reason: 'manual',
      comment: input.reason,
      proposal: null,
    });
    await recordAuditEvents(trx, claim.customer_id, events);
    return {
      claim: await loadClaimView(trx, await findClaimRow(trx, actor, claim.id)),
      escalation: await escalationView(trx, escalation),
    };
  });
}
