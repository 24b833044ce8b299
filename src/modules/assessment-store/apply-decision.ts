import type { Transaction } from 'kysely';
import type { ClaimAssessmentRow, ClaimDecisionRow, DB, DecisionOutcome } from '../../db/schema.ts';
import { newId } from '../../lib/ids.ts';
import type { Assessment, AssessmentInput } from '../assessment/assessment-types.ts';
import type { AuditInput } from '../audit/index.ts';
import { transitionClaim } from '../claims/claim-lifecycle.ts';
import { createPaymentOrdersForDecision } from '../payments/index.ts';
import { ASSESSMENT_ACTOR, decidedEvent, mergeDeltas } from './assessment-events.ts';

/**
 * Decides a claim the engine may decide alone: the decision row, the claim's status and the
 * accumulators (`used = used + delta`), all in the caller's transaction. Returns the decision and
 * its 'claim.decided' and 'claim.status_changed' audit events for the caller to append with its own events.
 */
export async function applyStraightThroughDecision(
  trx: Transaction<DB>,
  opts: { input: AssessmentInput; result: Assessment; stored: ClaimAssessmentRow },
): Promise<{ decision: ClaimDecisionRow; events: AuditInput[] }> {
  const { input, result, stored } = opts;
  const outcome: DecisionOutcome = result.recommendation === 'partial' ? 'partially_approved' : 'approved';
  const decision = await trx
    .insertInto('claim_decisions')
    .values({
      id: newId(),
      claim_id: input.claim.id,
      customer_id: input.claim.customerId,
      outcome,
      amount_minor: result.totals.benefitMinor,
      currency: result.currency,
      decided_by: null,
      assessment_id: stored.id,
      straight_through: true,
      accumulator_deltas: JSON.stringify(mergeDeltas(result.accumulatorDeltas)),
    })
    .returningAll()
    .executeTakeFirstOrThrow();
  const moved = await transitionClaim(trx, input.claim.id, outcome, {
    actor: ASSESSMENT_ACTOR,
    reason: 'Decided straight through: a clean claim under the product threshold.',
    data: { decisionId: decision.id },
    bumpVersion: false,
  });
  const deltas = mergeDeltas(result.accumulatorDeltas);
  if (deltas.length > 0) {
    await trx
      .insertInto('benefit_accumulators')
      .values(
        deltas.map((d) => ({
          key: d.key,
          policy_id: input.policy.id,
          customer_id: input.claim.customerId,
          used: d.amountMinor,
        })),
      )
      .onConflict((oc) =>
        oc.column('key').doUpdateSet((eb) => ({
          used: eb('benefit_accumulators.used', '+', eb.ref('excluded.used')),
          updated_at: new Date(),
        })),
      )
      .execute();
  }
  const event = decidedEvent({
    claimId: input.claim.id,
    customerId: input.claim.customerId,
    assessmentId: stored.id,
    decisionId: decision.id,
    outcome,
    amountMinor: decision.amount_minor,
    currency: decision.currency,
    deltas,
  });
  // The payment order of a straight-through decision, in the same transaction (issue 7): created_by
  // is NULL (the system decided), so any person of the payments desk may review a held one.
  const payments = await createPaymentOrdersForDecision(trx, { decision, actor: ASSESSMENT_ACTOR });
  return { decision, events: [event, ...(moved ? [moved] : []), ...payments.events] };
}
