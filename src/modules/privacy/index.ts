export { type ErasureReport, eraseCustomer } from './erase-customer.ts';
export { type CustomerExport, EXPORT_FORMAT, exportCustomerData } from './export-customer-data.ts';
export { RETENTION_RULES, type RetentionRule, retainedUntil, retentionRuleOf } from './retention-rules.ts';
export {
  countDueForRetention,
  RETENTION_SWEEP_ACTOR,
  type RetentionSweepReport,
  runRetentionSweep,
  sweepRetentionBatch,
} from './retention-sweep.ts';
export {
  RETENTION_FILES_JOB,
  removeUnreferencedFiles,
  retentionFilesJob,
} from './retention-sweep-files.ts';
export {
  RETENTION_SWEEP_EVERY_MS,
  RETENTION_SWEEP_JOB,
  retentionSweepJob,
} from './retention-sweep-job.ts';
export { SWEEP_PLANS, type SweptKind } from './retention-sweep-rules.ts';
export { privacyRoutes } from './routes.ts';
