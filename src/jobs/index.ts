export { enqueueJob, type NewJob } from './enqueue-job.ts';
export { PERIODIC_JOBS, productionJobHandlers } from './handlers.ts';
export type { JobContext, JobHandler, JobHandlers, JobLogger, PeriodicJob } from './job-types.ts';
export { periodicJobKey } from './schedule-periodic-jobs.ts';
export { createWorker, type Worker, type WorkerOptions } from './worker.ts';
