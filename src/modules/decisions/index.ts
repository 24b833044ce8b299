export { appealClaim } from './appeal-claim.ts';
export {
  type AuthorityEscalationReason,
  type AuthorityLimit,
  type AuthorityVerdict,
  applicableLimit,
  checkAuthority,
} from './authority-rules.ts';
export { type DecideClaimResult, decideClaim } from './decide-claim.ts';
export { type DecisionInput, DecisionInputSchema, type DecisionResult } from './decision-schemas.ts';
export { escalateClaim } from './escalate-claim.ts';
export { listClaimEscalations, listOpenEscalations } from './find-escalations.ts';
export { returnEscalation } from './return-escalation.ts';
export { decisionRoutes } from './routes.ts';
export { withdrawClaim } from './withdraw-claim.ts';
