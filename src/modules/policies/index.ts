export { createPolicy } from './create-policy.ts';
export { getPolicy, listCustomerPolicies } from './find-policies.ts';
export { type NewPolicy, NewPolicySchema, type PolicyView } from './policy-schemas.ts';
export { installmentsDue, type PremiumSchedule } from './premium-schedule.ts';
export { derivePremiumStatus, isCoverInForce, type PremiumStatus } from './premium-status.ts';
export { type NewPremiumPayment, recordPremiumPayment } from './record-premium-payment.ts';
export { policyRoutes } from './routes.ts';
