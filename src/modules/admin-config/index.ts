export type { AuthorityLimitView } from './authority-limit-schemas.ts';
export { listAuthorityLimits, updateAuthorityLimit } from './authority-limits.ts';
export { type BusinessCalendarView, businessCalendarView } from './business-calendar-view.ts';
export { type DeadlinePolicyView, listDeadlinePolicies } from './deadline-policies-view.ts';
export { adminConfigRoutes } from './routes.ts';
