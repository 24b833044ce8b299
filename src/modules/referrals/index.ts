export { acceptReferral } from './accept-referral.ts';
export { answerReferral } from './answer-referral.ts';
export { cancelReferral } from './cancel-referral.ts';
export {
  findReferralRow,
  getReferral,
  listCaseReferrals,
  referralView,
  referralViews,
} from './find-referrals.ts';
export { type ReferCaseResult, referCase } from './refer-case.ts';
export {
  assertReferralTransition,
  canTransitionReferral,
  LIVE_REFERRAL_STATUSES,
  REFERRAL_STATUSES,
  REFERRAL_TRANSITIONS,
  referralPolicyCode,
} from './referral-lifecycle.ts';
export { type NewReferral, ReferralSchema, type ReferralView } from './referral-schemas.ts';
export { returnReferral } from './return-referral.ts';
export { referralRoutes } from './routes.ts';
