export type { CaseKind, CaseStatus, ContactChannel, ServiceCaseRow } from '../../db/schema.ts';
export { caseOwner } from '../work/case-work.ts';
export { caseDeadlinePolicyCodes, caseJurisdiction, requiredCaseLink } from './case-deadline-policies.ts';
export {
  assertCaseTransition,
  CASE_STATUSES,
  CASE_TRANSITIONS,
  canTransitionCase,
  LIVE_CASE_STATUSES,
} from './case-lifecycle.ts';
export { acknowledgeCase, excerpt, notifyCustomerOfCase } from './case-notices.ts';
export {
  CASE_KINDS,
  type CaseSummary,
  CaseSummarySchema,
  type CaseView,
  CaseViewSchema,
  CONTACT_CHANNELS,
  toCaseSummary,
} from './case-schemas.ts';
export { changeCaseStatus } from './change-case-status.ts';
export { type ClaimPaymentState, paymentStateOfClaim, paymentStateOfOrders } from './claim-payment-state.ts';
export { isCaseRef, isCustomerActor, loadCaseByRef } from './find-cases.ts';
export { getCase, listCases } from './list-cases.ts';
export { loadCaseView } from './load-case-view.ts';
export { openCase } from './open-case.ts';
export { type OpenServiceCaseOptions, openServiceCaseInTransaction } from './open-service-case.ts';
export { postCaseMessage } from './post-case-message.ts';
export { reassignCase } from './reassign-case.ts';
export { caseRoutes } from './routes.ts';
export { PAYMENT_SETTLED_RESOLUTION, settlePaymentDelayCases } from './settle-payment-delay-cases.ts';
export { type TransitionCaseOptions, transitionCaseInTransaction } from './transition-case.ts';
