import { createHash, timingSafeEqual } from 'node:crypto';
import { type Kysely, sql } from 'kysely';
import { collectDefaultMetrics, Gauge, Histogram, Registry } from 'prom-client';
import type { DB } from '../db/schema.ts';

// The Prometheus metrics of one server process (docs/operations.md explains each and suggests
// alerts). HTTP metrics are counted in memory per process; the work, deadline and job figures are
// read from the database at scrape time, so every process reports the same totals: aggregate them
// with max(), not sum().

/** Seconds; fine at the low end, where the p99 ≤ 25 ms objective lives. */
const LATENCY_BUCKETS = [0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10];

export type Metrics = {
  registry: Registry;
  /** One finished request: `route` is the route pattern (never the raw URL, which holds ids). */
  observeRequest(method: string, route: string | undefined, statusCode: number, elapsedMs: number): void;
  /** Reads the database figures and renders the text exposition format. */
  render(): Promise<string>;
  contentType: string;
};

/** "2xx", "4xx"…: the class keeps the label set small; the code is in the logs. */
export function statusClass(statusCode: number): string {
  return `${Math.floor(statusCode / 100)}xx`;
}

/** Requests that matched no route share one label value, so probing random URLs adds no series. */
export function routeLabel(route: string | undefined): string {
  return route ?? 'unmatched';
}

/** Constant-time comparison of the presented bearer token with the configured one. */
export function metricsTokenMatches(authorization: string | undefined, expected: string): boolean {
  if (!authorization?.startsWith('Bearer ')) return false;
  const digest = (s: string) => createHash('sha256').update(s).digest();
  return timingSafeEqual(digest(authorization.slice(7).trim()), digest(expected));
}

export function createMetrics(db: Kysely<DB>): Metrics {
  const registry = new Registry();
  collectDefaultMetrics({ register: registry });

  const requestDuration = new Histogram({
    name: 'claimdesk_http_request_duration_seconds',
    help: 'HTTP requests by method, route pattern and status class: _count is the request rate, buckets the latency',
    labelNames: ['method', 'route', 'status_class'] as const,
    buckets: LATENCY_BUCKETS,
    registers: [registry],
  });
  const workItems = new Gauge({
    name: 'claimdesk_work_items_open',
    help: 'Open work items (queue depth) by kind, team, department, whether someone owns it and whether escalated',
    labelNames: ['kind', 'team', 'department', 'assigned', 'escalated'] as const,
    registers: [registry],
  });
  const deadlines = new Gauge({
    name: 'claimdesk_deadlines_live',
    help: 'Running or paused legal deadlines by policy and state (on_track, warning, breached, paused)',
    labelNames: ['policy', 'state'] as const,
    registers: [registry],
  });
  const jobs = new Gauge({
    name: 'claimdesk_jobs',
    help: 'Background jobs: runnable (due, waiting for a worker), scheduled (due later), running, lease_expired (running past its lease: a lost worker)',
    labelNames: ['state'] as const,
    registers: [registry],
  });
  const jobLag = new Gauge({
    name: 'claimdesk_jobs_oldest_runnable_age_seconds',
    help: 'How long the oldest due job has waited for a worker (0 when none waits): the job lag',
    registers: [registry],
  });
  const failedJobs = new Gauge({
    name: 'claimdesk_jobs_failed',
    help: 'Jobs that failed for good (attempts spent), by kind; kept until someone looks',
    labelNames: ['kind'] as const,
    registers: [registry],
  });
  const databaseUp = new Gauge({
    name: 'claimdesk_database_up',
    help: '1 when the database answered the scrape-time queries, 0 when it did not',
    registers: [registry],
  });

  async function sampleDatabase(): Promise<void> {
    const [items, clocks, queue, failed] = await Promise.all([
      // Each query reads one partial index (work_items … WHERE open, deadlines_live_policy_idx,
      // jobs_claim_idx, jobs_failed_idx): cheap however long the history grows.
      db
        .selectFrom('work_items')
        .where('open', '=', true)
        .select((eb) => [
          'kind',
          sql<string>`coalesce(team, '')`.as('team'),
          sql<string>`coalesce(department, '')`.as('department'),
          sql<boolean>`owner_id IS NOT NULL`.as('assigned'),
          sql<boolean>`escalated_to IS NOT NULL`.as('escalated'),
          eb.fn.countAll<number>().as('n'),
        ])
        .groupBy(['kind', 'team', 'department', sql`owner_id IS NOT NULL`, sql`escalated_to IS NOT NULL`])
        .execute(),
      db
        .selectFrom('deadlines')
        .where('status', 'in', ['running', 'paused'])
        .select((eb) => ['policy_code', 'state', eb.fn.countAll<number>().as('n')])
        .groupBy(['policy_code', 'state'])
        .execute(),
      sql<{
        runnable: number;
        scheduled: number;
        running: number;
        lease_expired: number;
        oldest: string | null;
      }>`SELECT
          count(*) FILTER (WHERE status = 'queued' AND run_at <= now()) AS runnable,
          count(*) FILTER (WHERE status = 'queued' AND run_at > now()) AS scheduled,
          count(*) FILTER (WHERE status = 'running') AS running,
          count(*) FILTER (WHERE status = 'running' AND locked_until < now()) AS lease_expired,
          extract(epoch FROM now() - min(run_at) FILTER (WHERE status = 'queued' AND run_at <= now())) AS oldest
        FROM jobs WHERE status IN ('queued', 'running')`.execute(db),
      db
        .selectFrom('jobs')
        .where('status', '=', 'failed')
        .select((eb) => ['kind', eb.fn.countAll<number>().as('n')])
        .groupBy('kind')
        .execute(),
    ]);
    // Reset first: a queue that emptied must vanish, not keep its last value.
    workItems.reset();
    for (const r of items) {
      workItems.set(
        {
          kind: r.kind,
          team: r.team,
          department: r.department,
          assigned: String(r.assigned),
          escalated: String(r.escalated),
        },
        Number(r.n),
      );
    }
    deadlines.reset();
    for (const r of clocks) deadlines.set({ policy: r.policy_code, state: r.state }, Number(r.n));
    const q = queue.rows[0];
    for (const state of ['runnable', 'scheduled', 'running', 'lease_expired'] as const) {
      jobs.set({ state }, Number(q?.[state] ?? 0));
    }
    jobLag.set(Math.max(0, Number(q?.oldest ?? 0)));
    failedJobs.reset();
    for (const r of failed) failedJobs.set({ kind: r.kind }, Number(r.n));
  }

  // Two scrapes at once share one sampling instead of racing on reset().
  let sampling: Promise<void> | undefined;
  async function refresh(): Promise<void> {
    sampling ??= sampleDatabase()
      .then(() => databaseUp.set(1))
      .catch(() => databaseUp.set(0))
      .finally(() => {
        sampling = undefined;
      });
    await sampling;
  }

  return {
    registry,
    contentType: registry.contentType,
    observeRequest(method, route, statusCode, elapsedMs) {
      requestDuration.observe(
        { method, route: routeLabel(route), status_class: statusClass(statusCode) },
        elapsedMs / 1000,
      );
    },
    async render() {
      await refresh();
      return registry.metrics();
    },
  };
}
