import type { Kysely } from 'kysely';
import type { DB } from '../db/schema.ts';
import { enqueueJob } from './enqueue-job.ts';
import type { PeriodicJob } from './job-types.ts';

/**
 * Every worker offers each periodic job once per time bucket under the key `kind@<bucket start>`;
 * the unique key lets exactly one of them in, however many workers run. A bucket missed while no
 * worker ran is not caught up: the next one runs, and sweeps handle everything due by then.
 */
export function periodicScheduler(db: Kysely<DB>, jobs: readonly PeriodicJob[], clock: () => Date) {
  const kinds = new Set<string>();
  for (const p of jobs) {
    if (!Number.isInteger(p.everyMs) || p.everyMs < 1) throw new Error(`periodic job ${p.kind}: bad everyMs`);
    if (kinds.has(p.kind)) throw new Error(`periodic job ${p.kind} is listed twice`);
    kinds.add(p.kind);
  }
  // Buckets this worker has already offered, so an idle worker does not insert every tick.
  const offered = new Map<string, number>();
  return async function schedulePeriodicJobs(): Promise<number> {
    const now = clock().getTime();
    let inserted = 0;
    for (const p of jobs) {
      const bucket = Math.floor(now / p.everyMs) * p.everyMs;
      if (offered.get(p.kind) === bucket) continue;
      const at = new Date(bucket);
      const added = await enqueueJob(db, {
        kind: p.kind,
        payload: p.payload,
        runAt: at,
        uniqueKey: periodicJobKey(p.kind, at),
      });
      offered.set(p.kind, bucket);
      if (added) inserted++;
    }
    return inserted;
  };
}

export function periodicJobKey(kind: string, bucketStart: Date): string {
  return `${kind}@${bucketStart.toISOString()}`;
}
