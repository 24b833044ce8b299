export { applyStraightThroughDecision } from './apply-decision.ts';
export { ASSESSMENT_ACTOR, assessedEvent, decidedEvent, mergeDeltas } from './assessment-events.ts';
export { loadAssessmentContext, loadPolicyTerms, loadPriorClaims } from './load-assessment-context.ts';
export { type AssessmentRun, runAssessment } from './run-assessment.ts';
export { lockPolicyAccumulators, storeAssessment } from './store-assessment.ts';
