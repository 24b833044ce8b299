export {
  type BusinessCalendar,
  businessCalendar,
  type CalendarCode,
  type CalendarOverrides,
  type ClosedDay,
  configureAdminClosedDays,
  isBusinessDay,
  localDate,
  nextBusinessDay,
  type OfficeHours,
  type Weekday,
} from './business-calendar.ts';
export {
  addBusinessDays,
  addBusinessHours,
  businessMsBetween,
  type TimeInterval,
} from './business-time.ts';
export {
  type Clock,
  type DeadlineState,
  deadlineDay,
  deadlineStatus,
  deadlineTimeline,
  type Pause,
  type Threshold,
  type ThresholdKind,
} from './deadline-clock.ts';
export {
  configureAdminDeadlineClocks,
  configureDeadlinePolicies,
  configuredDeadlinePolicies,
  DEADLINE_POLICIES,
  type DeadlinePolicy,
  DeadlinePolicyConfigError,
  DeadlinePolicySchema,
  deadlinePoliciesInForce,
  deadlinePolicy,
  deadlinePolicyShipped,
  parseDeadlinePolicy,
  resetDeadlinePolicies,
} from './deadline-policies.ts';
export {
  type InterestPeriod,
  lateInterestMinor,
  type ReferenceRate,
  SWEDISH_REFERENCE_RATES,
} from './late-interest.ts';
