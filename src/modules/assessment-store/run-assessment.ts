import type { Transaction } from 'kysely';
import type { AssessmentTrigger, ClaimAssessmentRow, ClaimDecisionRow, DB } from '../../db/schema.ts';
import { type Assessment, assessClaim } from '../assessment/index.ts';
import type { AuditInput } from '../audit/index.ts';
import { transitionClaim } from '../claims/claim-lifecycle.ts';
import type { ProductConfig } from '../products/product-config-schema.ts';
import { applyStraightThroughDecision } from './apply-decision.ts';
import { ASSESSMENT_ACTOR, assessedEvent } from './assessment-events.ts';
import { loadAssessmentContext } from './load-assessment-context.ts';
import { lockPolicyAccumulators, storeAssessment } from './store-assessment.ts';

export type AssessmentRun = {
  stored: ClaimAssessmentRow;
  result: Assessment;
  /** The configuration of the product version the assessment used (information-request terms…). */
  productConfig: ProductConfig;
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
  const assessed = assessedEvent({
    claimId: opts.claimId,
    customerId: input.claim.customerId,
    assessmentId: stored.id,
    seq: stored.seq,
    trigger: opts.trigger,
    result,
  });
  if (result.straightThrough) {
    const { decision, events } = await applyStraightThroughDecision(trx, { input, result, stored });
    return { stored, result, productConfig: input.product.config, decision, events: [assessed, ...events] };
  }
  const moved = await transitionClaim(trx, opts.claimId, 'in_review', {
    actor: ASSESSMENT_ACTOR,
    reason: `Assessed (${result.recommendation}): needs a person's review.`,
    bumpVersion: false,
  });
  return {
    stored,
    result,
    productConfig: input.product.config,
    decision: null,
    events: moved ? [assessed, moved] : [assessed],
  };
}
