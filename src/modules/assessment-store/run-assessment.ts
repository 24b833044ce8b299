import type { Transaction } from 'kysely';
import type { AssessmentTrigger, ClaimAssessmentRow, ClaimDecisionRow, DB } from '../../db/schema.ts';
import { assessClaim } from '../assessment/index.ts';
import type { AuditInput } from '../audit/index.ts';
import { ASSESSMENT_ACTOR, applyStraightThroughDecision } from './apply-decision.ts';
import { loadAssessmentContext } from './load-assessment-context.ts';
import { lockPolicyAccumulators, storeAssessment } from './store-assessment.ts';

export type AssessmentRun = {
  stored: ClaimAssessmentRow;
  decision: ClaimDecisionRow | null;
  /** 'claim.assessed' and, when decided, 'claim.decided': for the caller to append with its own. */
  events: AuditInput[];
};

/**
 * Assesses an undecided claim inside the caller's transaction and acts on the result: a claim the
 * product lets the engine decide is decided (accumulators updated in the same transaction);
 * anything else goes to the representatives' queue ('in_review') with the recommendation.
 */
export async function runAssessment(
  trx: Transaction<DB>,
  opts: { claimId: string; policyId: string; trigger: AssessmentTrigger },
): Promise<AssessmentRun> {
  await lockPolicyAccumulators(trx, opts.policyId);
  const input = await loadAssessmentContext(trx, opts.claimId);
  const result = assessClaim(input);
  const stored = await storeAssessment(trx, { input, result, trigger: opts.trigger });
  const assessed: AuditInput = {
    actor: ASSESSMENT_ACTOR,
    action: 'claim.assessed',
    entityType: 'claim',
    entityId: opts.claimId,
    customerId: input.claim.customerId,
    data: {
      assessmentId: stored.id,
      seq: stored.seq,
      trigger: opts.trigger,
      recommendation: result.recommendation,
      straightThrough: result.straightThrough,
      benefitMinor: result.totals.benefitMinor,
      currency: result.currency,
      engineVersion: result.engineVersion,
      productVersionId: result.productVersionId,
      missing: result.missing.map((m) => m.document),
      riskFlags: result.riskFlags.map((f) => f.code),
    },
  };
  if (result.straightThrough) {
    const { decision, event } = await applyStraightThroughDecision(trx, { input, result, stored });
    return { stored, decision, events: [assessed, event] };
  }
  await trx.updateTable('claims').set({ status: 'in_review' }).where('id', '=', opts.claimId).execute();
  return { stored, decision: null, events: [assessed] };
}
