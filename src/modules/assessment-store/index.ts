export { ASSESSMENT_ACTOR, applyStraightThroughDecision } from './apply-decision.ts';
export { loadAssessmentContext } from './load-assessment-context.ts';
export { type AssessmentRun, runAssessment } from './run-assessment.ts';
export { lockPolicyAccumulators, storeAssessment } from './store-assessment.ts';
