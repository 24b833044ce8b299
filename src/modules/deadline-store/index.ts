export {
  calendarFor,
  claimDeadlinePolicyCodes,
  type ProductForDeadlines,
} from './claim-deadline-policies.ts';
export { pauseClocks, resumeClocks, startClaimClocks, startClocks, stopClocks } from './clocks.ts';
export {
  type AlertItem,
  alertRecipient,
  itemSupervisor,
  type Org,
  supervisorIn,
} from './escalation-target.ts';
export {
  NO_DEADLINE,
  refreshWorkItemDeadline,
  refreshWorkItemDeadlines,
} from './refresh-work-item-deadline.ts';
export { SWEEP_ACTOR, type SweepResult, sweepDeadlines } from './sweep-deadlines.ts';
export {
  DEADLINE_SWEEP_JOB,
  SWEEP_BATCH,
  SWEEP_BATCH_BY_ENGINE,
  SWEEP_EVERY_MS,
  sweepDeadlinesJob,
} from './sweep-job.ts';
