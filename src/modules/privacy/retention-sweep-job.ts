import { enqueueJob } from '../../jobs/enqueue-job.ts';
import type { JobHandler } from '../../jobs/job-types.ts';
import { RETENTION_BATCH, sweepRetentionBatch } from './retention-sweep.ts';

export const RETENTION_SWEEP_JOB = 'retention-sweep';
/**
 * Once a day: periods are counted in years and days, so a record swept a day after its last day
 * kept is on time. Each run starts a chain of batch jobs (below) that ends with a short batch.
 */
export const RETENTION_SWEEP_EVERY_MS = 24 * 60 * 60_000;

/**
 * One batch of the retention sweep per job, at the job's clock. A full batch means more may be
 * due: the job enqueues its continuation in the same transaction, unique per job, so a retried job
 * cannot fork the chain (as the deadline and payment-delay sweeps do). A payload `customerIds`
 * limits a by-hand run to them.
 */
export function retentionSweepJob(batch: number = RETENTION_BATCH): JobHandler {
  return async ({ trx, now, job, log }) => {
    const ids = job.payload.customerIds;
    const customerIds = Array.isArray(ids)
      ? ids.filter((id): id is string => typeof id === 'string')
      : undefined;
    const result = await sweepRetentionBatch(trx, {
      now,
      limit: batch,
      ...(customerIds ? { customerIds } : {}),
    });
    if (result.taken > 0) log.info({ ...result, job: job.id }, 'retention sweep');
    if (result.taken === batch) {
      await enqueueJob(trx, {
        kind: RETENTION_SWEEP_JOB,
        payload: job.payload,
        uniqueKey: `${RETENTION_SWEEP_JOB}:after:${job.id}`,
      });
    }
  };
}
