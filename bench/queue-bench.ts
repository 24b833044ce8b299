import { type ChildProcess, spawn } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import path from 'node:path';
import { createInterface } from 'node:readline';
import { Kysely, PostgresDialect, sql } from 'kysely';
import pg from 'pg';
import { type Database, openDatabase } from '../src/db/connection.ts';
import { migrate } from '../src/db/migrate.ts';
import type { DB } from '../src/db/schema.ts';
import { enqueueJob } from '../src/jobs/enqueue-job.ts';
import { clockColumns, clockOf } from '../src/modules/deadline-store/clock-state.ts';
import {
  DEADLINE_SWEEP_JOB,
  SWEEP_BATCH_BY_ENGINE,
  sweepDeadlines,
} from '../src/modules/deadline-store/index.ts';

/** What the sweep job uses on a PostgreSQL server. */
const SWEEP_BATCH = SWEEP_BATCH_BY_ENGINE.postgres;

import {
  deadlinePolicy,
  deadlineStatus,
  deadlineTimeline,
  type Threshold,
} from '../src/modules/deadlines/index.ts';
import type { Actor } from '../src/modules/users/actor.ts';
import { listQueue } from '../src/modules/work/list-queue.ts';
import { decodeCursor } from '../src/modules/work/queue-cursor.ts';
import { startThrowawayPostgres, type ThrowawayPostgres } from './e2e-postgres.ts';
import { describeMachine, type Figure, mergeFigures, writeDocSection } from './results.ts';

// Benchmark 3 — work queues and deadlines (issue 4), on a throw-away PostgreSQL 15 server:
//
//  0. set-up (not timed): a template database, migrated, with 4 teams, 20 representatives, 4
//     supervisors and 2 department heads (manager_id chain rep → supervisor → head), customers
//     (one per 10 items) with a few audit events each; then ITEMS open work items with one running
//     deadline each, generated set-based in SQL (INSERT … SELECT FROM generate_series). The clock
//     columns come from the pure engine: a few thousand (policy, calendar, started_at) templates are
//     computed in JS with `clockColumns` / `deadlineTimeline` and joined in SQL (see makeTemplates);
//  1. personal queue page: representative rep-0 (≈ 4.5 % of the items) reads pages through
//     `listQueue` at 200 depths spread over the whole queue, following nextCursor; peer: the same
//     page by LIMIT/OFFSET with the same ORDER BY (plain Kysely). p50/p95 each, ratio of the p95s;
//  2. sweep: at the sweep instant T0, 1 % of the clocks have just crossed a warning threshold and
//     0.1 % their breach; one complete pass of `sweepDeadlines` (batches of SWEEP_BATCH, each its
//     own transaction, until it finds nothing), then a no-op pass; peer: a naive pass that reads
//     every running clock (keyset batches of 5 000) and evaluates `deadlineStatus` in JS, no writes.
//     Exactly once: the alerts, notifications, audit events and escalations equal what is due;
//  3. two worker processes (`node src/cli/main.ts worker`) over TIMERS fresh clocks each due for
//     its breach, in a second database made from the same template: two `deadlines.sweep` jobs
//     start two chains; when no clock is due and no sweep job is pending the workers are stopped
//     (SIGTERM) and exactly TIMERS breach alerts and TIMERS escalated items are asserted.

export type QueueBenchOptions = {
  quick?: boolean;
  /** Open work items (default 1 000 000; 20 000 with quick). */
  items?: number;
  /** Due timers for the two workers (default 100 000; 5 000 with quick). */
  timers?: number;
  /** Worker processes (default 2, as the issue asks; 1 to see how the sweep scales). */
  workers?: number;
  write?: boolean;
  log?: (line: string) => void;
};

export type QueueBenchResult = {
  failures: string[];
  figures: Figure[];
};

const FULL_ITEMS = 1_000_000;
const FULL_TIMERS = 100_000;
const QUICK_ITEMS = 20_000;
const QUICK_TIMERS = 5_000;
const PAGE = 50; // the API's default page size (src/modules/work/routes.ts)
const SAMPLES = 200;
const PEER_SWEEP_BATCH = 5_000;
const AUDIT_EVENTS_PER_CUSTOMER = 5;
const DAY = 86_400_000;
const ROOT = path.join(import.meta.dirname, '..');

const TARGET_PAGE_P95_MS = 20;
const TARGET_SWEEP_S = 2;

type Calendar = 'SE' | 'IT';
type Cls = 'quiet' | 'warn' | 'breach';

/** The policies a claim's clock runs on, per calendar (claimDeadlinePolicyCodes, motor products added). */
const POLICIES: Record<Calendar, string[]> = {
  SE: ['se.fal.claim_payment', 'se.fl.six_months', 'internal.claim_decision'],
  IT: ['internal.claim_decision', 'it.cap148.joint_form', 'it.cap148.property', 'it.cap148.injury'],
};

export async function runQueueBench(opts: QueueBenchOptions = {}): Promise<QueueBenchResult> {
  const log = opts.log ?? ((line: string) => console.log(line));
  const started = performance.now();
  const loadAtStart = describeMachine().loadAverage;
  const quick = opts.quick === true;
  const items = opts.items ?? (quick ? QUICK_ITEMS : FULL_ITEMS);
  const timers = opts.timers ?? (quick ? QUICK_TIMERS : FULL_TIMERS);
  const customers = Math.max(1000, Math.round(items / 10 / 2) * 2);
  const failures: string[] = [];
  const check = (ok: boolean, what: string) => {
    if (!ok) failures.push(what);
    return ok;
  };
  log(
    `queues: ${items} open work items, ${timers} due timers for ${opts.workers ?? 2} workers, ${customers} customers`,
  );

  const server = await startThrowawayPostgres({ log });
  try {
    // 0. Template database: schema, organisation, customers.
    let t = performance.now();
    const admin = new pg.Client({ connectionString: server.url() });
    await admin.connect();
    await admin.query('CREATE DATABASE base');
    {
      const base = await openDatabase({ databaseUrl: server.url('base'), dataDir: '' });
      try {
        await migrate(base);
        await loadOrganisation(base.db, customers);
      } finally {
        await base.close();
      }
    }
    await admin.query('CREATE DATABASE queues TEMPLATE base');
    await admin.query('CREATE DATABASE workers TEMPLATE base');
    await admin.end();
    log(
      `  migrated; organisation and ${customers} customers loaded; two databases made from it (${secs(t)} s)`,
    );

    const database = await openDatabase({ databaseUrl: server.url('queues'), dataDir: '' });
    let queue: QueueResult;
    let sweep: SweepBenchResult;
    let data: DataSummary;
    try {
      const db = database.db;
      // The sweep instant: now, to the second. Clocks started over the past ten weeks.
      const t0 = new Date(Math.floor(Date.now() / 1000) * 1000);
      t = performance.now();
      const templates = makeTemplates(t0, { quiet: 2000, warn: 200, breach: 50 }, 0x5eed);
      log(`  ${templates.length} clock templates computed with the engine (${secs(t)} s)`);
      t = performance.now();
      data = await generateItems(db, {
        count: items,
        customers,
        templates,
        classOf: sql`CASE WHEN g % 100 = 0 THEN 'warn' WHEN g % 1000 = 7 THEN 'breach' ELSE 'quiet' END`,
      });
      log(
        `  ${items} work items + running deadlines generated in SQL (${secs(t)} s): ${data.describe}; ` +
          `rep-0 owns ${data.rep0Items}`,
      );

      queue = await measureQueue(db, data.rep0Items, t0, log, check);
      sweep = await measureSweep(db, server.url('queues'), t0, data, log, check);
    } finally {
      await database.close();
    }

    const workers = await measureWorkers(
      server,
      { timers, customers, quick, workers: opts.workers ?? 2 },
      log,
      check,
    );

    const durationSeconds = (performance.now() - started) / 1000;
    const measuredAt = new Date().toISOString();
    const figures = makeFigures({ queue, sweep, workers, data, items, timers, measuredAt });
    printTable(figures, log);
    log(
      `queues: ${failures.length === 0 ? 'all correctness checks passed' : `${failures.length} check(s) FAILED`}; ` +
        `${durationSeconds.toFixed(0)} s in all`,
    );
    if ((opts.write ?? true) && failures.length === 0) {
      mergeFigures(figures);
      writeDocSection(
        'queues',
        markdown({
          queue,
          sweep,
          workers,
          data,
          items,
          timers,
          customers,
          durationSeconds,
          measuredAt,
          loadAverage: { start: loadAtStart, end: describeMachine().loadAverage },
        }),
      );
      log('  wrote bench/results/latest.json and the queues section of docs/performance.md');
    }
    return { failures, figures };
  } finally {
    server.stop();
  }
}

// ---------------------------------------------------------------------------------------------
// Organisation and customers

const userId = (key: string) => sql`md5(${`bench-user-${key}`})::uuid`;

async function loadOrganisation(db: Kysely<DB>, customers: number): Promise<void> {
  await sql`INSERT INTO teams (code, name, department, country, product_codes)
    SELECT 'team-' || t, 'Claims team ' || t, CASE WHEN t < 2 THEN 'claims-se' ELSE 'claims-it' END,
      CASE WHEN t < 2 THEN 'SE' ELSE 'IT' END, '{}'
    FROM generate_series(0, 3) AS t`.execute(db);
  // Department heads (no manager), one supervisor per team (manager: the head), five
  // representatives per team (manager: the team's supervisor). rep-r is in team-(r / 5).
  await sql`INSERT INTO users (id, email, display_name, password_hash, role, team, department, locale, manager_id)
    SELECT md5('bench-user-head-' || d)::uuid, 'head-' || d || '@bench.example', 'Head ' || d, 'x',
      'supervisor', NULL, 'claims-' || d, CASE WHEN d = 'se' THEN 'sv' ELSE 'it' END, NULL
    FROM unnest(ARRAY['se', 'it']) AS d`.execute(db);
  await sql`INSERT INTO users (id, email, display_name, password_hash, role, team, department, locale, manager_id)
    SELECT md5('bench-user-sup-' || t)::uuid, 'sup-' || t || '@bench.example', 'Supervisor ' || t, 'x',
      'supervisor', 'team-' || t, CASE WHEN t < 2 THEN 'claims-se' ELSE 'claims-it' END,
      CASE WHEN t < 2 THEN 'sv' ELSE 'it' END,
      md5('bench-user-head-' || CASE WHEN t < 2 THEN 'se' ELSE 'it' END)::uuid
    FROM generate_series(0, 3) AS t`.execute(db);
  await sql`INSERT INTO users (id, email, display_name, password_hash, role, team, department, locale, manager_id)
    SELECT md5('bench-user-rep-' || r)::uuid, 'rep-' || r || '@bench.example', 'Representative ' || r, 'x',
      'representative', 'team-' || (r / 5), CASE WHEN r < 10 THEN 'claims-se' ELSE 'claims-it' END,
      CASE WHEN r < 10 THEN 'sv' ELSE 'it' END, md5('bench-user-sup-' || (r / 5))::uuid
    FROM generate_series(0, 19) AS r`.execute(db);
  // Customer i: Swedish when i is even, Italian when odd.
  await sql`INSERT INTO customers (id, customer_number, given_name, family_name, preferred_language, country,
      national_id, national_id_country, birth_date, time_zone)
    SELECT md5('bench-cust-' || i)::uuid, 'CUS-B-' || i, 'Bench', 'Customer ' || i,
      CASE WHEN i % 2 = 0 THEN 'sv' ELSE 'it' END, CASE WHEN i % 2 = 0 THEN 'SE' ELSE 'IT' END,
      'B' || i, CASE WHEN i % 2 = 0 THEN 'SE' ELSE 'IT' END, DATE '1980-01-01' + (i % 15000),
      CASE WHEN i % 2 = 0 THEN 'Europe/Stockholm' ELSE 'Europe/Rome' END
    FROM generate_series(0, ${customers - 1}) AS i`.execute(db);
  // A short history on every customer's audit chain, so the sweep's chain-head lookups are not
  // on empty chains. Placeholder hashes (these chains do not verify; the database is thrown away).
  await sql`INSERT INTO audit_events (id, chain, occurred_at, actor_role, action, entity_type, entity_id,
      customer_id, data, prev_hash, hash)
    SELECT gen_random_uuid(), c.id::text, now() - (k || ' days')::interval, 'system', 'bench.history',
      'customer', c.id, c.id, '{}', repeat('0', 64), md5(c.id::text || '/' || k) || md5(k || '/' || c.id::text)
    FROM customers c, generate_series(1, ${AUDIT_EVENTS_PER_CUSTOMER}) AS k
    ORDER BY c.id, k`.execute(db);
}

// ---------------------------------------------------------------------------------------------
// Clock templates: (policy, calendar, started_at) → the stored columns, from the pure engine

type Template = {
  cls: Cls;
  calendar: Calendar;
  policy: string;
  startedAt: Date;
  /** When the row was last written (its columns are clockColumns at this instant). */
  writtenAt: Date;
  dueAt: Date | null;
  nextCheckAt: Date | null;
  state: string;
  stageReached: number;
  /** Thresholds past at T0 the row has not acted on: the alerts a sweep at T0 must write. */
  expectedAlerts: number;
  expectedBreaches: number;
  escalationLevel: number;
};

function mulberry32(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let x = a;
    x = Math.imul(x ^ (x >>> 15), x | 1);
    x ^= x + Math.imul(x ^ (x >>> 7), x | 61);
    return ((x ^ (x >>> 14)) >>> 0) / 4294967296;
  };
}

function thresholdsOf(policy: string, calendar: Calendar, startMs: number): Threshold[] {
  const timeline = deadlineTimeline(
    clockOf({ policy_code: policy, calendar, started_at: new Date(startMs), pauses: [] }),
  );
  if (!timeline) throw new Error('a clock without pauses always has a timeline');
  return timeline.thresholds;
}

function breachStage(policy: string): number {
  return deadlinePolicy(policy).warnAtShares.length + 1;
}

/**
 * Templates for clocks as they stand at `t0`:
 * - quiet: started uniformly over the past 10 weeks; every threshold past at t0 already acted on
 *   (stage_reached), so next_check_at is the next threshold after t0 (or none) — not due;
 * - warn / breach: started so that one warning threshold (warn: the first or a later one) or the
 *   breach passed within the 30 minutes before t0 (business-hour clocks: at the latest office-hours
 *   instant before that), and not yet acted on — due at t0, exactly one alert each.
 * Each row's columns are `clockColumns` at the instant it was last written: t0 for quiet ones, one
 * second before the pending threshold for due ones (so next_check_at is that threshold).
 */
function makeTemplates(
  t0: Date,
  counts: Partial<Record<Cls, number>>,
  seed: number,
  window = { minMs: 0, maxMs: 30 * 60_000 },
): Template[] {
  const random = mulberry32(seed);
  const T0 = t0.getTime();
  const out: Template[] = [];
  for (const calendar of ['SE', 'IT'] as const) {
    const policies = POLICIES[calendar];
    for (let i = 0; i < (counts.quiet ?? 0); i++) {
      const policy = policies[i % policies.length] as string;
      const start = Math.floor((T0 - random() * 70 * DAY) / 1000) * 1000;
      const th = thresholdsOf(policy, calendar, start);
      const stage = th.filter((x) => x.at.getTime() <= T0).length;
      const fields = {
        policy_code: policy,
        calendar,
        started_at: new Date(start),
        pauses: [],
        stage_reached: stage,
      };
      const c = clockColumns(fields, t0);
      if (c.next_check_at !== null && c.next_check_at.getTime() <= T0)
        throw new Error('quiet template is due');
      const b = breachStage(policy);
      out.push({
        cls: 'quiet',
        calendar,
        policy,
        startedAt: new Date(start),
        writtenAt: t0,
        dueAt: c.due_at,
        nextCheckAt: c.next_check_at,
        state: c.state,
        stageReached: stage,
        expectedAlerts: 0,
        expectedBreaches: 0,
        escalationLevel: stage > b ? 2 : stage === b ? 1 : 0,
      });
    }
    for (const cls of ['warn', 'breach'] as const) {
      let made = 0;
      let tries = 0;
      while (made < (counts[cls] ?? 0)) {
        if (++tries > 100 * (counts[cls] ?? 0) + 100)
          throw new Error(`cannot make ${cls} templates for ${calendar}`);
        const policy = policies[Math.floor(random() * policies.length)] as string;
        const b = breachStage(policy);
        const stage = cls === 'breach' ? b : 1 + Math.floor(random() * (b - 1));
        const target = T0 - window.minMs - random() * (window.maxMs - window.minMs);
        // The latest start whose threshold `stage` is at or before `target` (monotone in the start).
        let lo = T0 - 400 * DAY;
        let hi = T0;
        const at = (s: number) => (thresholdsOf(policy, calendar, s)[stage - 1] as Threshold).at.getTime();
        while (hi - lo > 1000) {
          const mid = Math.floor((lo + hi) / 2);
          if (at(mid) <= target) lo = mid;
          else hi = mid;
        }
        const start = Math.floor(lo / 1000) * 1000;
        const th = thresholdsOf(policy, calendar, start);
        const pending = th[stage - 1] as Threshold;
        const after = th[stage];
        if (pending.at.getTime() > T0 - window.minMs || pending.at.getTime() < T0 - 7 * DAY) continue;
        // The next threshold must stay ahead of t0 (by an hour: the workers run after t0).
        if (after && after.at.getTime() <= T0 + 3_600_000) continue;
        const writtenAt = new Date(Math.max(start, pending.at.getTime() - 1000));
        const fields = {
          policy_code: policy,
          calendar,
          started_at: new Date(start),
          pauses: [],
          stage_reached: stage - 1,
        };
        const c = clockColumns(fields, writtenAt);
        if (c.next_check_at?.getTime() !== pending.at.getTime())
          throw new Error('due template: next check is not its threshold');
        const passed = th.filter((x) => x.stage > stage - 1 && x.at.getTime() <= T0);
        out.push({
          cls,
          calendar,
          policy,
          startedAt: new Date(start),
          writtenAt,
          dueAt: c.due_at,
          nextCheckAt: c.next_check_at,
          state: c.state,
          stageReached: stage - 1,
          expectedAlerts: passed.length,
          expectedBreaches: passed.filter((x) => x.kind === 'breach').length,
          escalationLevel: 0,
        });
        made++;
      }
    }
  }
  return out;
}

// ---------------------------------------------------------------------------------------------
// Work items and deadlines, set-based

type DataSummary = {
  items: number;
  rep0Items: number;
  due: { clocks: number; alerts: number; breaches: number; warnings: number };
  states: Record<string, number>;
  unassigned: number;
  templates: number;
  describe: string;
};

/**
 * `count` open work items, each with one running deadline from a template. Row g: representative
 * hash(g) % 20 (10 % of rows unassigned, in that representative's team), its calendar from the
 * team's country, class from `classOf` (a SQL expression of g), template hash'(g) among that
 * class's templates for the calendar; customer of the same country; priority 1–5.
 * work_items.due_at/deadline_state are what refreshWorkItemDeadlines sets for one running clock.
 */
async function generateItems(
  db: Kysely<DB>,
  o: { count: number; customers: number; templates: Template[]; classOf: ReturnType<typeof sql> },
  trx?: Kysely<DB>,
): Promise<DataSummary> {
  const ex = trx ?? db;
  const tp = o.templates;
  const idx = new Map<string, number>();
  const groupIdx = tp.map((x) => {
    const key = `${x.cls}/${x.calendar}`;
    const i = idx.get(key) ?? 0;
    idx.set(key, i + 1);
    return i;
  });
  const iso = (d: Date | null) => (d ? d.toISOString() : null);
  await sql`DROP TABLE IF EXISTS bench_tmpl, bench_gen`.execute(ex);
  await sql`CREATE UNLOGGED TABLE bench_tmpl AS
    SELECT * FROM unnest(
      ${tp.map((_, i) => i)}::int[], ${tp.map((x) => x.cls)}::text[], ${tp.map((x) => x.calendar)}::text[],
      ${groupIdx}::int[], ${tp.map((x) => x.policy)}::text[], ${tp.map((x) => iso(x.startedAt))}::timestamptz[],
      ${tp.map((x) => iso(x.writtenAt))}::timestamptz[], ${tp.map((x) => iso(x.dueAt))}::timestamptz[],
      ${tp.map((x) => iso(x.nextCheckAt))}::timestamptz[], ${tp.map((x) => x.state)}::text[],
      ${tp.map((x) => x.stageReached)}::smallint[], ${tp.map((x) => x.expectedAlerts)}::int[],
      ${tp.map((x) => x.expectedBreaches)}::int[], ${tp.map((x) => x.escalationLevel)}::smallint[]
    ) AS t(id, cls, calendar, idx, policy_code, started_at, written_at, due_at, next_check_at, state,
      stage_reached, expected_alerts, expected_breaches, escalation_level)`.execute(ex);
  const half = Math.floor(o.customers / 2);
  await sql`CREATE UNLOGGED TABLE bench_gen AS
    WITH base AS (
      SELECT g, ${o.classOf} AS cls,
        ((hashint8(g::bigint) & 2147483647) % 20)::int AS rep,
        ((hashint8(g::bigint + 1000000000000) & 2147483647) % 10 = 0) AS unassigned,
        (hashint8(-g::bigint) & 2147483647)::bigint AS h,
        (hashint8(g::bigint + 3000000000000) & 2147483647)::bigint AS h2
      FROM generate_series(1, ${o.count}) AS g
    ), n AS (SELECT cls, calendar, count(*) AS n FROM bench_tmpl GROUP BY cls, calendar)
    SELECT b.g, b.rep, b.unassigned, b.h2, t.id AS tmpl,
      md5('bench-cust-' || (2 * (b.h2 % ${half}) + CASE WHEN b.rep < 10 THEN 0 ELSE 1 END))::uuid AS customer_id
    FROM base b
    JOIN n ON n.cls = b.cls AND n.calendar = CASE WHEN b.rep < 10 THEN 'SE' ELSE 'IT' END
    JOIN bench_tmpl t ON t.cls = b.cls AND t.calendar = n.calendar AND t.idx = b.h % n.n`.execute(ex);
  await sql`INSERT INTO work_items (id, kind, subject_id, customer_id, reference, summary, subject_status, open,
      owner_id, team, department, escalated_to, escalation_level, priority, due_at, deadline_state, language,
      product_code, amount_minor, currency, version, created_at, updated_at)
    SELECT md5('bench-wi-' || x.g)::uuid, 'claim', md5('bench-claim-' || x.g)::uuid, x.customer_id,
      'CLM-B-' || lpad(x.g::text, 7, '0'), 'Synthetic claim ' || x.g, 'in_review', true,
      CASE WHEN x.unassigned THEN NULL ELSE md5('bench-user-rep-' || x.rep)::uuid END,
      'team-' || (x.rep / 5), CASE WHEN x.rep < 10 THEN 'claims-se' ELSE 'claims-it' END,
      CASE t.escalation_level WHEN 1 THEN md5('bench-user-sup-' || (x.rep / 5))::uuid
        WHEN 2 THEN md5('bench-user-head-' || CASE WHEN x.rep < 10 THEN 'se' ELSE 'it' END)::uuid END,
      t.escalation_level, (1 + (x.h2 / 7) % 5)::smallint, t.due_at, t.state,
      CASE WHEN x.rep < 10 THEN 'sv' ELSE 'it' END, CASE WHEN x.rep < 10 THEN 'TRAVEL-SE' ELSE 'MOTOR-IT' END,
      5000 + (x.h2 / 11) % 2000000, CASE WHEN x.rep < 10 THEN 'SEK' ELSE 'EUR' END, 1, t.started_at, t.written_at
    FROM bench_gen x JOIN bench_tmpl t ON t.id = x.tmpl
    ORDER BY x.g`.execute(ex);
  await sql`INSERT INTO deadlines (id, work_item_id, customer_id, policy_code, calendar, started_at, pauses,
      status, due_at, next_check_at, stage_reached, state, version, created_at)
    SELECT md5('bench-dl-' || x.g)::uuid, md5('bench-wi-' || x.g)::uuid, x.customer_id, t.policy_code,
      t.calendar, t.started_at, '[]', 'running', t.due_at, t.next_check_at, t.stage_reached, t.state, 1, t.started_at
    FROM bench_gen x JOIN bench_tmpl t ON t.id = x.tmpl
    ORDER BY x.g`.execute(ex);
  if (!trx) await sql`VACUUM ANALYZE`.execute(db);
  const one = async <T>(q: ReturnType<typeof sql<T>>) => (await q.execute(ex)).rows[0] as T;
  const due = await one(sql<{ clocks: string; alerts: string; breaches: string }>`
    SELECT count(*) FILTER (WHERE t.expected_alerts > 0) AS clocks, coalesce(sum(t.expected_alerts), 0) AS alerts,
      coalesce(sum(t.expected_breaches), 0) AS breaches
    FROM bench_gen x JOIN bench_tmpl t ON t.id = x.tmpl`);
  const rep0 = await one(sql<{ n: string }>`
    SELECT count(*) AS n FROM work_items WHERE open AND owner_id = ${userId('rep-0')}`);
  const unassigned = await one(sql<{ n: string }>`SELECT count(*) AS n FROM bench_gen WHERE unassigned`);
  const states = (
    await sql<{ state: string; n: string }>`
      SELECT t.state, count(*) AS n FROM bench_gen x JOIN bench_tmpl t ON t.id = x.tmpl GROUP BY 1 ORDER BY 1`.execute(
      ex,
    )
  ).rows;
  const s = {
    items: o.count,
    rep0Items: Number(rep0.n),
    due: {
      clocks: Number(due.clocks),
      alerts: Number(due.alerts),
      breaches: Number(due.breaches),
      warnings: Number(due.alerts) - Number(due.breaches),
    },
    states: Object.fromEntries(states.map((r) => [r.state, Number(r.n)])),
    unassigned: Number(unassigned.n),
    templates: tp.length,
    describe: '',
  };
  s.describe =
    `clock states ${states.map((r) => `${r.state} ${r.n}`).join(', ')}; ` +
    `due at T0: ${s.due.clocks} clocks (${s.due.warnings} warnings, ${s.due.breaches} breaches)`;
  return s;
}

// ---------------------------------------------------------------------------------------------
// 1. Personal queue page: keyset (listQueue) vs LIMIT/OFFSET

type Stats = { p50: number; p95: number; p99: number; max: number; mean: number; n: number };

type QueueResult = {
  items: number;
  pages: number;
  walkSeconds: number;
  ours: Stats;
  peer: Stats;
  oursFirst: number;
  peerFirst: number;
  oursDeepest: Stats;
  peerDeepest: Stats;
  plan: string;
};

function stats(values: readonly number[]): Stats {
  const s = [...values].sort((a, b) => a - b);
  const q = (p: number) => s[Math.min(s.length - 1, Math.max(0, Math.ceil(p * s.length) - 1))] ?? Number.NaN;
  return {
    p50: q(0.5),
    p95: q(0.95),
    p99: q(0.99),
    max: s.at(-1) ?? Number.NaN,
    mean: s.reduce((a, b) => a + b, 0) / Math.max(1, s.length),
    n: s.length,
  };
}

type UserActor = Extract<Actor, { kind: 'user' }>;

const rep0Actor: UserActor = {
  kind: 'user',
  userId: '',
  role: 'representative',
  displayName: 'Representative 0',
  customerId: null,
  team: 'team-0',
  department: 'claims-se',
  locale: 'sv',
};

async function measureQueue(
  db: Kysely<DB>,
  expected: number,
  now: Date,
  log: (line: string) => void,
  check: (ok: boolean, what: string) => boolean,
): Promise<QueueResult> {
  const idRow = (await sql<{ id: string }>`SELECT ${userId('rep-0')} AS id`.execute(db)).rows[0];
  const actor: UserActor = { ...rep0Actor, userId: idRow?.id as string };
  // The walk: every page, following nextCursor (also the warm-up). Checks order and completeness.
  const t = performance.now();
  const cursors: (string | undefined)[] = [];
  const seen = new Set<string>();
  let cursor: string | undefined;
  let previous: [number, number, string] | null = null;
  let ordered = true;
  do {
    cursors.push(cursor);
    const page = await listQueue({ db, actor, queue: 'personal', limit: PAGE, cursor, now });
    for (const item of page.items) {
      const key: [number, number, string] = [
        Date.parse(item.dueAt ?? '9999-12-31T00:00:00Z'),
        item.priority,
        item.id,
      ];
      if (previous && compareKey(previous, key) >= 0) ordered = false;
      previous = key;
      seen.add(item.id);
    }
    cursor = page.nextCursor ?? undefined;
  } while (cursor);
  const walkSeconds = (performance.now() - t) / 1000;
  const pages = cursors.length;
  check(
    seen.size === expected,
    `queue walk: ${seen.size} distinct items over ${pages} pages, expected ${expected}`,
  );
  check(ordered, 'queue walk: pages not in (due_at, priority, id) order');
  log(
    `  queue: rep-0's ${expected} items walked in ${pages} pages of ${PAGE} (${walkSeconds.toFixed(1)} s, untimed warm-up)`,
  );

  const offsetPage = (depth: number) =>
    db
      .selectFrom('work_items')
      .selectAll()
      .where('open', '=', true)
      .where('owner_id', '=', actor.userId)
      .orderBy('due_at')
      .orderBy('priority')
      .orderBy('id')
      .limit(PAGE + 1)
      .offset(depth * PAGE)
      .execute();
  const depths = Array.from({ length: SAMPLES }, (_, i) => Math.round((i * (pages - 1)) / (SAMPLES - 1)));
  // Peer warm-up (ours was warmed by the walk).
  for (const d of depths.slice(0, 20)) await offsetPage(d);
  const ours: number[] = [];
  const peer: number[] = [];
  let mismatches = 0;
  for (const [i, depth] of depths.entries()) {
    const runOurs = async () => {
      const a = performance.now();
      const page = await listQueue({
        db,
        actor,
        queue: 'personal',
        limit: PAGE,
        cursor: cursors[depth],
        now,
      });
      ours[i] = performance.now() - a;
      return page.items.map((x) => x.id);
    };
    const runPeer = async () => {
      const a = performance.now();
      const rows = await offsetPage(depth);
      peer[i] = performance.now() - a;
      return rows.slice(0, PAGE).map((r) => r.id);
    };
    // Alternate which goes first, so neither always finds the other's pages in the cache.
    const [x, y] =
      i % 2 === 0 ? [await runOurs(), await runPeer()] : [await runPeer(), await runOurs()].reverse();
    if (x?.join() !== y?.join()) mismatches++;
  }
  check(mismatches === 0, `queue: ${mismatches} of ${SAMPLES} pages differ between keyset and LIMIT/OFFSET`);
  const deepFrom = Math.floor(SAMPLES * 0.9);
  // The plan of the deepest keyset page, for the report.
  const deepest = cursors[depths.at(-1) as number];
  const key = deepest
    ? decodeCursor(deepest)
    : { dueAt: '1970-01-01T00:00:00Z', priority: 0, id: '00000000-0000-0000-0000-000000000000' };
  const plan = (
    await sql<{ 'QUERY PLAN': string }>`EXPLAIN (ANALYZE, BUFFERS, COSTS OFF, TIMING OFF)
      SELECT * FROM work_items WHERE open = true AND owner_id = ${actor.userId}
        AND (due_at, priority, id) > (${new Date(key.dueAt)}::timestamptz, ${key.priority}, ${key.id}::uuid)
      ORDER BY due_at, priority, id LIMIT ${PAGE + 1}`.execute(db)
  ).rows
    .map((r) => r['QUERY PLAN'])
    .join('\n');
  const r: QueueResult = {
    items: expected,
    pages,
    walkSeconds,
    ours: stats(ours),
    peer: stats(peer),
    oursFirst: ours[0] as number,
    peerFirst: peer[0] as number,
    oursDeepest: stats(ours.slice(deepFrom)),
    peerDeepest: stats(peer.slice(deepFrom)),
    plan,
  };
  log(
    `  queue page (${SAMPLES} pages at depths 0…${pages - 1}): keyset p50 ${ms(r.ours.p50)} / p95 ${ms(r.ours.p95)} ms; ` +
      `LIMIT/OFFSET p50 ${ms(r.peer.p50)} / p95 ${ms(r.peer.p95)} ms; deepest 10 %: ${ms(r.oursDeepest.p95)} vs ${ms(r.peerDeepest.p95)} ms`,
  );
  return r;
}

function compareKey(a: [number, number, string], b: [number, number, string]): number {
  return a[0] - b[0] || a[1] - b[1] || (a[2] < b[2] ? -1 : a[2] > b[2] ? 1 : 0);
}

// ---------------------------------------------------------------------------------------------
// 2. The sweep at T0: our pass vs a naive read-everything pass

type SweepBenchResult = {
  passSeconds: number;
  batches: number;
  batchMs: Stats;
  clocks: number;
  alerts: number;
  escalations: number;
  noopMs: Stats;
  peerSeconds: number;
  peerRead: number;
  peerDue: number;
  written: {
    alerts: number;
    breaches: number;
    notifications: number;
    auditEvents: number;
    escalatedItems: number;
  };
};

async function measureSweep(
  db: Kysely<DB>,
  url: string,
  t0: Date,
  data: DataSummary,
  log: (line: string) => void,
  check: (ok: boolean, what: string) => boolean,
): Promise<SweepBenchResult> {
  // Peer first (it writes nothing, so it sees the same due clocks).
  let t = performance.now();
  let last = '00000000-0000-0000-0000-000000000000';
  let peerRead = 0;
  let peerDue = 0;
  for (;;) {
    const rows = await db
      .selectFrom('deadlines')
      .selectAll()
      .where('status', '=', 'running')
      .where('id', '>', last)
      .orderBy('id')
      .limit(PEER_SWEEP_BATCH)
      .execute();
    if (rows.length === 0) break;
    for (const row of rows) {
      const status = deadlineStatus(clockOf(row), t0);
      if (status.stageReached > row.stage_reached) peerDue++;
    }
    peerRead += rows.length;
    last = (rows.at(-1) as { id: string }).id;
  }
  const peerSeconds = (performance.now() - t) / 1000;
  check(peerDue === data.due.clocks, `naive sweep found ${peerDue} due clocks, expected ${data.due.clocks}`);
  log(
    `  naive sweep (peer): read ${peerRead} running clocks, ${peerDue} due, in ${peerSeconds.toFixed(2)} s`,
  );

  // Ours: one complete pass. QUEUE_BENCH_PROFILE=prefix: a CPU profile of the pass
  // (prefix-sweep.cpuprofile) and the database time per statement (a logging Kysely; diagnostics).
  const profile = await startProfile(url);
  const sweepDb = profile?.db ?? db;
  const batchMs: number[] = [];
  let clocks = 0;
  let alerts = 0;
  let escalations = 0;
  t = performance.now();
  for (;;) {
    const a = performance.now();
    const r = await sweepDb
      .transaction()
      .execute((trx) => sweepDeadlines(trx, { now: t0, limit: SWEEP_BATCH }));
    batchMs.push(performance.now() - a);
    clocks += r.clocks;
    alerts += r.alerts;
    escalations += r.escalations;
    if (r.clocks === 0) break;
  }
  const passSeconds = (performance.now() - t) / 1000;
  if (profile) await profile.stop(log);
  log(
    `  sweep pass: ${clocks} clocks, ${alerts} alerts, ${escalations} escalations in ${batchMs.length} transactions, ` +
      `${passSeconds.toFixed(2)} s (batch p50 ${ms(stats(batchMs).p50)} ms, max ${ms(stats(batchMs).max)} ms)`,
  );
  // A pass with nothing due.
  const noop: number[] = [];
  for (let i = 0; i < 21; i++) {
    const a = performance.now();
    const r = await db.transaction().execute((trx) => sweepDeadlines(trx, { now: t0, limit: SWEEP_BATCH }));
    noop.push(performance.now() - a);
    check(r.clocks === 0, `no-op sweep pass found ${r.clocks} clocks`);
  }
  const noopMs = stats(noop);

  // Exactly once.
  const w = (
    await sql<{
      alerts: string;
      breaches: string;
      dups: string;
      notifications: string;
      audit: string;
      escalated: string;
    }>`
      SELECT
        (SELECT count(*) FROM deadline_alerts) AS alerts,
        (SELECT count(*) FROM deadline_alerts WHERE kind = 'breach') AS breaches,
        (SELECT count(*) FROM (SELECT 1 FROM deadline_alerts GROUP BY deadline_id, stage HAVING count(*) > 1) d) AS dups,
        (SELECT count(*) FROM notifications WHERE kind LIKE 'deadline.%') AS notifications,
        (SELECT count(*) FROM audit_events WHERE entity_type = 'deadline') AS audit,
        (SELECT count(*) FROM bench_gen x JOIN bench_tmpl t ON t.id = x.tmpl
           JOIN work_items w ON w.id = md5('bench-wi-' || x.g)::uuid
           WHERE t.expected_breaches > 0 AND w.escalation_level >= 1 AND w.escalated_to IS NOT NULL) AS escalated`.execute(
      db,
    )
  ).rows[0];
  const written = {
    alerts: Number(w?.alerts),
    breaches: Number(w?.breaches),
    notifications: Number(w?.notifications),
    auditEvents: Number(w?.audit),
    escalatedItems: Number(w?.escalated),
  };
  check(clocks === data.due.clocks, `sweep took ${clocks} clocks, ${data.due.clocks} were due`);
  check(
    alerts === data.due.alerts && written.alerts === data.due.alerts,
    `sweep: ${alerts} alerts reported, ${written.alerts} stored, expected ${data.due.alerts}`,
  );
  check(
    written.breaches === data.due.breaches,
    `sweep: ${written.breaches} breach alerts, expected ${data.due.breaches}`,
  );
  check(Number(w?.dups) === 0, `sweep: ${w?.dups} duplicate (deadline, stage) alerts`);
  check(
    written.notifications === data.due.alerts,
    `sweep: ${written.notifications} notifications, expected ${data.due.alerts}`,
  );
  check(
    written.auditEvents === data.due.alerts,
    `sweep: ${written.auditEvents} audit events, expected ${data.due.alerts}`,
  );
  check(
    written.escalatedItems === data.due.breaches,
    `sweep: ${written.escalatedItems} items escalated, expected ${data.due.breaches}`,
  );
  log(
    `  exactly once: ${written.alerts} alerts (${written.breaches} breaches), ${written.notifications} notifications, ` +
      `${written.auditEvents} audit events, ${written.escalatedItems} items escalated; no-op pass p50 ${ms(noopMs.p50)} ms`,
  );
  return {
    passSeconds,
    batches: batchMs.length,
    batchMs: stats(batchMs),
    clocks,
    alerts,
    escalations,
    noopMs,
    peerSeconds,
    peerRead,
    peerDue,
    written,
  };
}

/** Diagnostics for the sweep pass (QUEUE_BENCH_PROFILE=prefix): CPU profile and time per statement. */
async function startProfile(url: string) {
  const prefix = process.env.QUEUE_BENCH_PROFILE;
  if (!prefix) return null;
  const byStatement = new Map<string, { n: number; ms: number }>();
  const db = new Kysely<DB>({
    dialect: new PostgresDialect({ pool: new pg.Pool({ connectionString: url, max: 2 }) }),
    log(event) {
      const key = event.query.sql.replace(/\s+/g, ' ').trim().slice(0, 90);
      const e = byStatement.get(key) ?? { n: 0, ms: 0 };
      e.n++;
      e.ms += event.queryDurationMillis;
      byStatement.set(key, e);
    },
  });
  const session = new (await import('node:inspector/promises')).Session();
  session.connect();
  await session.post('Profiler.enable');
  await session.post('Profiler.start');
  return {
    db,
    async stop(log: (line: string) => void) {
      const { profile } = await session.post('Profiler.stop');
      writeFileSync(`${prefix}-sweep.cpuprofile`, JSON.stringify(profile));
      session.disconnect();
      await db.destroy();
      log(
        `  profile: ${prefix}-sweep.cpuprofile; database time per statement (round trip as seen by the client):`,
      );
      for (const [k, v] of [...byStatement].sort((a, b) => b[1].ms - a[1].ms)) {
        log(`    ${v.ms.toFixed(0).padStart(6)} ms  ${String(v.n).padStart(4)}×  ${k}`);
      }
    },
  };
}

// ---------------------------------------------------------------------------------------------
// 3. Two worker processes over due timers

type WorkerRun = {
  timers: number;
  seconds: number;
  perSecond: number;
  perWorker: { id: string; jobs: number; alerts: number }[];
  sweepJobs: number;
  breachAlerts: number;
  duplicates: number;
  escalatedItems: number;
  notifications: number;
  failedJobs: number;
  timedOut: boolean;
  /** Mean over the polls: worker backends active, and of those waiting on an advisory lock (audit chain) / any lock. */
  backends: { active: number; advisoryWait: number; lockWait: number; samples: number };
};

type WorkerProcess = {
  id: string;
  child: ChildProcess;
  started: Promise<void>;
  exited: Promise<number | null>;
};

function startWorker(
  id: string,
  url: string,
  onLine: (id: string, line: Record<string, unknown>) => void,
): WorkerProcess {
  const child = spawn(process.execPath, [path.join(ROOT, 'src', 'cli', 'main.ts'), 'worker', '--id', id], {
    cwd: ROOT,
    env: { ...process.env, DATABASE_URL: url, LOG_LEVEL: 'info', NODE_ENV: 'production' },
    stdio: ['ignore', 'ignore', 'pipe'],
  });
  let resolveStarted: () => void = () => {};
  let rejectStarted: (e: Error) => void = () => {};
  const started = new Promise<void>((resolve, reject) => {
    resolveStarted = resolve;
    rejectStarted = reject;
  });
  const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
  exited.then((code) => rejectStarted(new Error(`worker ${id} exited (${code}) before it started`)));
  if (child.stderr) {
    createInterface({ input: child.stderr }).on('line', (text) => {
      let line: Record<string, unknown>;
      try {
        line = JSON.parse(text) as Record<string, unknown>;
      } catch {
        line = { level: 50, msg: text };
      }
      if (line.msg === 'job worker started') resolveStarted();
      onLine(id, line);
    });
  }
  return { id, child, started, exited };
}

async function measureWorkers(
  server: ThrowawayPostgres,
  o: { timers: number; customers: number; quick: boolean; workers: number },
  log: (line: string) => void,
  check: (ok: boolean, what: string) => boolean,
): Promise<WorkerRun> {
  const url = server.url('workers');
  const database: Database = await openDatabase({ databaseUrl: url, dataDir: '' });
  const db = database.db;
  const perWorker = new Map<string, { id: string; jobs: number; alerts: number }>();
  const errors: string[] = [];
  const onLine = (id: string, line: Record<string, unknown>) => {
    const w = perWorker.get(id) ?? { id, jobs: 0, alerts: 0 };
    perWorker.set(id, w);
    if (line.msg === 'deadline sweep') {
      w.jobs++;
      w.alerts += Number(line.alerts ?? 0);
    }
    if (Number(line.level ?? 0) >= 40)
      errors.push(`${id}: ${String(line.msg)} ${JSON.stringify(line.err ?? '')}`);
  };
  const workers = ['worker-a', 'worker-b', 'worker-c', 'worker-d']
    .slice(0, o.workers)
    .map((id) => startWorker(id, url, onLine));
  const killAll = () => {
    for (const w of workers) if (w.child.exitCode === null) w.child.kill('SIGKILL');
  };
  process.once('exit', killAll);
  const timeoutMs = o.quick ? 40_000 : 180_000;
  let timedOut = false;
  try {
    await withTimeout(Promise.all(workers.map((w) => w.started)), 30_000, 'workers did not start');
    // Let their first periodic sweep (on no clocks) finish, so the run starts with idle workers.
    await waitFor(db, 10_000, async () => (await pendingSweepJobs(db)) === 0);

    // The timers: each clock passed its breach 1–30 minutes ago and nothing acted on it yet.
    const t4 = new Date(Math.floor(Date.now() / 1000) * 1000);
    const templates = makeTemplates(t4, { breach: 100 }, 0xbeef, { minMs: 60_000, maxMs: 30 * 60_000 });
    let t = performance.now();
    let data: DataSummary | undefined;
    await db.transaction().execute(async (trx) => {
      data = await generateItems(
        db,
        { count: o.timers, customers: o.customers, templates, classOf: sql`'breach'` },
        trx,
      );
      // Two chains, one per worker (each job enqueues its continuation while its batch is full).
      await enqueueJob(trx, { kind: DEADLINE_SWEEP_JOB, uniqueKey: 'bench:chain-1' });
      await enqueueJob(trx, { kind: DEADLINE_SWEEP_JOB, uniqueKey: 'bench:chain-2' });
    });
    log(
      `  workers: ${o.timers} due timers inserted and two sweep jobs enqueued in one transaction (${secs(t)} s)`,
    );
    check(
      data?.due.breaches === o.timers,
      `workers: ${data?.due.breaches} breaches due, expected ${o.timers}`,
    );
    t = performance.now();
    const samples = { n: 0, active: 0, advisory: 0, locks: 0 };
    try {
      // EXISTS, not count(*): counting 100 000 due rows every 50 ms would itself load the server.
      // Each poll also samples what the workers' backends are doing (lock waits: audit chains).
      await waitFor(db, timeoutMs, async () => {
        const activity = (
          await sql<{ active: string; advisory: string; locks: string }>`
            SELECT count(*) AS active,
              count(*) FILTER (WHERE wait_event_type = 'Lock' AND wait_event = 'advisory') AS advisory,
              count(*) FILTER (WHERE wait_event_type = 'Lock') AS locks
            FROM pg_stat_activity
            WHERE datname = current_database() AND pid <> pg_backend_pid() AND state = 'active'`.execute(db)
        ).rows[0];
        samples.n++;
        samples.active += Number(activity?.active);
        samples.advisory += Number(activity?.advisory);
        samples.locks += Number(activity?.locks);
        const r = (
          await sql<{ due: boolean }>`
            SELECT EXISTS (SELECT 1 FROM deadlines WHERE status = 'running' AND next_check_at <= now()) AS due`.execute(
            db,
          )
        ).rows[0];
        return r?.due === false && (await pendingSweepJobs(db)) === 0;
      });
    } catch {
      timedOut = true;
    }
    const seconds = (performance.now() - t) / 1000;
    // Stop them: SIGTERM (they finish the job in flight), SIGKILL after 15 s.
    for (const w of workers) w.child.kill('SIGTERM');
    await withTimeout(Promise.all(workers.map((w) => w.exited)), 15_000, 'workers did not stop').catch(() =>
      killAll(),
    );
    check(!timedOut, `workers: not done after ${timeoutMs / 1000} s`);

    const r = (
      await sql<{
        breaches: string;
        dups: string;
        escalated: string;
        notifications: string;
        jobs: string;
        failed: string;
      }>`
        SELECT
          (SELECT count(*) FROM deadline_alerts WHERE kind = 'breach') AS breaches,
          (SELECT count(*) FROM (SELECT 1 FROM deadline_alerts GROUP BY deadline_id, stage HAVING count(*) > 1) d) AS dups,
          (SELECT count(*) FROM work_items WHERE escalation_level >= 1 AND escalated_to IS NOT NULL) AS escalated,
          (SELECT count(*) FROM notifications WHERE kind = 'deadline.breached') AS notifications,
          (SELECT count(*) FROM jobs WHERE kind = ${DEADLINE_SWEEP_JOB} AND status = 'done') AS jobs,
          (SELECT count(*) FROM jobs WHERE status = 'failed') AS failed`.execute(db)
    ).rows[0];
    const run: WorkerRun = {
      timers: o.timers,
      seconds,
      perSecond: Number(r?.breaches) / seconds,
      perWorker: [...perWorker.values()].sort((a, b) => (a.id < b.id ? -1 : 1)),
      sweepJobs: Number(r?.jobs),
      breachAlerts: Number(r?.breaches),
      duplicates: Number(r?.dups),
      escalatedItems: Number(r?.escalated),
      notifications: Number(r?.notifications),
      failedJobs: Number(r?.failed),
      timedOut,
      backends: {
        active: samples.active / Math.max(1, samples.n),
        advisoryWait: samples.advisory / Math.max(1, samples.n),
        lockWait: samples.locks / Math.max(1, samples.n),
        samples: samples.n,
      },
    };
    check(
      run.breachAlerts === o.timers,
      `workers: ${run.breachAlerts} breach alerts, expected exactly ${o.timers}`,
    );
    check(run.duplicates === 0, `workers: ${run.duplicates} duplicate (deadline, stage) alerts`);
    check(
      run.escalatedItems === o.timers,
      `workers: ${run.escalatedItems} items escalated, expected exactly ${o.timers}`,
    );
    check(
      run.notifications === o.timers,
      `workers: ${run.notifications} breach notifications, expected ${o.timers}`,
    );
    check(run.failedJobs === 0, `workers: ${run.failedJobs} failed jobs`);
    const logged = run.perWorker.reduce((s, w) => s + w.alerts, 0);
    check(
      logged === run.breachAlerts,
      `workers: their logs report ${logged} alerts, the database has ${run.breachAlerts}`,
    );
    if (errors.length > 0) log(`  worker warnings/errors:\n    ${errors.slice(0, 10).join('\n    ')}`);
    log(
      `  workers: ${run.breachAlerts} breach alerts / ${run.escalatedItems} escalated items in ${seconds.toFixed(2)} s ` +
        `(${Math.round(run.perSecond)} escalations/s) by ${run.sweepJobs} sweep jobs; ` +
        run.perWorker.map((w) => `${w.id} ${w.alerts} in ${w.jobs} jobs`).join(', '),
    );
    log(
      `  workers' backends over ${run.backends.samples} polls: ${run.backends.active.toFixed(2)} active on average, ` +
        `${run.backends.lockWait.toFixed(2)} waiting on a lock (${run.backends.advisoryWait.toFixed(2)} on an advisory lock: audit chains)`,
    );
    return run;
  } finally {
    killAll();
    process.removeListener('exit', killAll);
    await database.close();
  }
}

async function pendingSweepJobs(db: Kysely<DB>): Promise<number> {
  const r = (
    await sql<{ n: string }>`SELECT count(*) AS n FROM jobs WHERE kind = ${DEADLINE_SWEEP_JOB}
      AND (status = 'running' OR (status = 'queued' AND run_at <= now()))`.execute(db)
  ).rows[0];
  return Number(r?.n);
}

async function waitFor(db: Kysely<DB>, timeoutMs: number, done: () => Promise<boolean>): Promise<void> {
  void db;
  const until = performance.now() + timeoutMs;
  while (!(await done())) {
    if (performance.now() > until) throw new Error('timed out');
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

async function withTimeout<T>(p: Promise<T>, ms: number, what: string): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  try {
    return await Promise.race([
      p,
      new Promise<never>((_, reject) => {
        timer = setTimeout(() => reject(new Error(what)), ms);
      }),
    ]);
  } finally {
    clearTimeout(timer);
  }
}

// ---------------------------------------------------------------------------------------------
// Report

function makeFigures(r: {
  queue: QueueResult;
  sweep: SweepBenchResult;
  workers: WorkerRun;
  data: DataSummary;
  items: number;
  timers: number;
  measuredAt: string;
}): Figure[] {
  const { queue, sweep, workers } = r;
  const n = (x: number) => x.toLocaleString('en-US');
  return [
    {
      name: 'queues.personal_page.p95',
      value: round2(queue.ours.p95),
      unit: 'ms',
      peer: 'LIMIT/OFFSET, same query and order (PostgreSQL 15)',
      peer_value: round2(queue.peer.p95),
      ratio: round2(queue.ours.p95 / queue.peer.p95),
      better: 'lower',
      target: `≤ ${TARGET_PAGE_P95_MS} ms`,
      met: queue.ours.p95 <= TARGET_PAGE_P95_MS,
      note: `listQueue personal, ${PAGE} items a page, ${SAMPLES} pages at depths 0–${queue.pages - 1} of a ${n(queue.items)}-item queue, ${n(r.items)} open items in all`,
      measured_at: r.measuredAt,
    },
    {
      name: 'queues.personal_page.p50',
      value: round2(queue.ours.p50),
      unit: 'ms',
      peer: 'LIMIT/OFFSET, same query and order (PostgreSQL 15)',
      peer_value: round2(queue.peer.p50),
      ratio: round2(queue.ours.p50 / queue.peer.p50),
      better: 'lower',
      measured_at: r.measuredAt,
    },
    {
      name: 'queues.sweep.pass',
      value: round2(sweep.passSeconds),
      unit: 's',
      peer: 'naive sweep: read every running clock, deadlineStatus in JS, no writes',
      peer_value: round2(sweep.peerSeconds),
      ratio: round2(sweep.passSeconds / sweep.peerSeconds),
      better: 'lower',
      target: `≤ ${TARGET_SWEEP_S} s`,
      met: sweep.passSeconds <= TARGET_SWEEP_S,
      note: `${n(r.items)} running clocks, ${n(sweep.clocks)} due (${n(r.data.due.warnings)} warnings, ${n(r.data.due.breaches)} breaches), ${sweep.batches} transactions of ≤ ${SWEEP_BATCH}; exactly once checked`,
      measured_at: r.measuredAt,
    },
    {
      name: 'queues.sweep.noop_pass',
      value: round2(sweep.noopMs.p50),
      unit: 'ms',
      better: 'lower',
      note: `a sweep pass with nothing due over ${n(r.items)} running clocks (median of 21)`,
      measured_at: r.measuredAt,
    },
    {
      name: 'queues.workers.escalations',
      value: Math.round(workers.perSecond),
      unit: 'escalations/s',
      better: 'higher',
      target: `exactly ${n(r.timers)} escalations from two workers`,
      met:
        workers.breachAlerts === r.timers && workers.escalatedItems === r.timers && workers.duplicates === 0,
      note: `${n(workers.breachAlerts)} breach alerts, ${n(workers.escalatedItems)} items escalated in ${workers.seconds.toFixed(1)} s; ${workers.perWorker.map((w) => `${w.id} ${n(w.alerts)}`).join(', ')}`,
      measured_at: r.measuredAt,
    },
  ];
}

function printTable(figures: readonly Figure[], log: (line: string) => void): void {
  const rows = figures.map((f) => [
    f.name,
    `${f.value} ${f.unit}`,
    f.peer_value === undefined ? '' : `${f.peer_value} ${f.unit}`,
    f.ratio === undefined ? '' : `${f.ratio}`,
    f.target === undefined ? '' : `${f.target}: ${f.met ? 'met' : 'MISSED'}`,
  ]);
  const head = ['figure', 'ours', 'peer', 'ratio', 'target'];
  const widths = head.map((h, i) => Math.max(h.length, ...rows.map((r) => (r[i] as string).length)));
  const line = (cells: string[]) => cells.map((c, i) => c.padEnd(widths[i] as number)).join('  ');
  log(line(head));
  for (const r of rows) log(line(r));
}

function markdown(r: {
  queue: QueueResult;
  sweep: SweepBenchResult;
  workers: WorkerRun;
  data: DataSummary;
  items: number;
  timers: number;
  customers: number;
  durationSeconds: number;
  measuredAt: string;
  loadAverage: { start: number; end: number };
}): string {
  const m = describeMachine();
  const { queue: q, sweep: s, workers: w, data: d } = r;
  const n = (x: number) => Math.round(x).toLocaleString('en-US');
  const verdict = (ok: boolean) => (ok ? 'met' : '**missed**');
  const pageOk = q.ours.p95 <= TARGET_PAGE_P95_MS;
  const sweepOk = s.passSeconds <= TARGET_SWEEP_S;
  const workersOk = w.breachAlerts === r.timers && w.escalatedItems === r.timers && w.duplicates === 0;
  const states = Object.entries(d.states)
    .map(([k, v]) => `${n(v)} ${k.replace('_', ' ')}`)
    .join(', ');
  return `## Work queues and the deadline sweep

Measured ${r.measuredAt.slice(0, 10)} on ${m.cpu}, ${m.cores} cores, ${m.memoryGb} GB, Node ${m.node};
1-minute load average ${r.loadAverage.start} at the start and ${r.loadAverage.end} at the end. Whole run
(set-up included): ${r.durationSeconds.toFixed(0)} s. PostgreSQL 15, throw-away cluster on 127.0.0.1,
fsync=off (as for the end-to-end benchmark), shared by the server, this process and the workers.

| what | ours | peer | ratio | target |
| --- | ---: | ---: | ---: | --- |
| personal queue page, p95 (\`listQueue\`, keyset) | ${ms(q.ours.p95)} ms | ${ms(q.peer.p95)} ms (LIMIT/OFFSET) | **${(q.ours.p95 / q.peer.p95).toFixed(2)}** | ≤ ${TARGET_PAGE_P95_MS} ms: ${verdict(pageOk)} |
| personal queue page, p50 | ${ms(q.ours.p50)} ms | ${ms(q.peer.p50)} ms | ${(q.ours.p50 / q.peer.p50).toFixed(2)} | |
| deepest 10 % of the pages, p95 | ${ms(q.oursDeepest.p95)} ms | ${ms(q.peerDeepest.p95)} ms | ${(q.oursDeepest.p95 / q.peerDeepest.p95).toFixed(2)} | |
| sweep pass, ${n(r.items)} running clocks, ${n(s.clocks)} due | ${s.passSeconds.toFixed(2)} s | ${s.peerSeconds.toFixed(2)} s (naive, read-only) | **${(s.passSeconds / s.peerSeconds).toFixed(3)}** | ≤ ${TARGET_SWEEP_S} s: ${verdict(sweepOk)} |
| sweep pass, nothing due | ${ms(s.noopMs.p50)} ms | | | |
| two workers, ${n(r.timers)} due timers | ${w.seconds.toFixed(1)} s, ${n(w.perSecond)} escalations/s | | | exactly ${n(r.timers)}: ${verdict(workersOk)} |

Ratios are ours ÷ peer (below 1: we are faster).

**Data.** ${n(r.items)} open work items, each with one running deadline, generated set-based in SQL
(\`INSERT … SELECT FROM generate_series\`, not through the use cases) from ${n(d.templates)} clock
templates: (policy, calendar, started_at) combinations computed in JS with the pure engine
(\`clockColumns\`, \`deadlineTimeline\`), so due_at, next_check_at, state and stage_reached are what
the engine gives; work_items.due_at and deadline_state are what \`refreshWorkItemDeadlines\` sets for
one running clock. Policies: se.fal.claim_payment, se.fl.six_months, internal.claim_decision (SE
calendar); internal.claim_decision, it.cap148.joint_form/property/injury (IT calendar); no pauses.
Clocks started uniformly over the ten weeks before the sweep instant T0 (every threshold already past
at T0 acted on), except the due ones below. States: ${states}. Organisation: 4 teams of 5
representatives, a supervisor per team and a head per department (manager_id chain representative →
supervisor → head); items spread over the 20 representatives (${n(d.unassigned)} unassigned, in a team),
${n(r.customers)} customers with ${AUDIT_EVENTS_PER_CUSTOMER} audit events each (so the sweep appends
to non-empty chains).

**Queue page.** Representative rep-0 owns ${n(q.items)} of the items. Their whole queue is first walked
page by page (${n(q.pages)} pages of ${PAGE}, following nextCursor; ${q.walkSeconds.toFixed(1)} s, a warm-up that
also checks order and that every item appears once). Then ${SAMPLES} pages at depths spread evenly from
the first to the last page are timed, each through \`listQueue({ queue: 'personal', limit: ${PAGE}, cursor })\`
(the cursor the walk got for that depth) and through the peer, a plain Kysely query with the same
WHERE and ORDER BY and \`LIMIT ${PAGE + 1} OFFSET depth × ${PAGE}\`, alternating which runs first; both
return the same ${PAGE} items on every page (checked). First page: ${ms(q.oursFirst)} ms ours,
${ms(q.peerFirst)} ms peer. Ours p99 ${ms(q.ours.p99)} ms, max ${ms(q.ours.max)} ms. OFFSET has to read and
discard every row before the page (heap rows included, as the page selects every column), so it grows
with the depth; the keyset page is one range scan of \`work_items_owner_queue_idx\` at any depth.

**Sweep.** At T0, ${n(d.due.warnings)} clocks (1 %) crossed a warning threshold and ${n(d.due.breaches)} (0.1 %)
their breach in the 30 minutes before (clocks counted in business days: at the latest office-hours
instant before that), none acted on yet — as after a sweep outage of half an hour at a busy time.
Timed: \`sweepDeadlines(trx, { now: T0, limit: ${SWEEP_BATCH} })\`, each batch in its own transaction, one
process, until a batch finds nothing: ${s.batches} transactions (batch p50 ${ms(s.batchMs.p50)} ms, max
${ms(s.batchMs.max)} ms). Exactly once: ${n(s.written.alerts)} alerts stored = the thresholds crossed
(${n(s.written.breaches)} breaches), no (deadline, stage) twice, ${n(s.written.notifications)} notifications,
${n(s.written.auditEvents)} audit events, ${n(s.written.escalatedItems)} breached items escalated to the
supervisor. A pass with nothing due (the same call again) takes ${ms(s.noopMs.p50)} ms: one probe of
\`deadlines_sweep_idx\`. The peer reads every running clock (${n(s.peerRead)}, keyset batches of
${n(PEER_SWEEP_BATCH)}) and evaluates \`deadlineStatus\` for each in JS, writing nothing; it finds the same
${n(s.peerDue)} due clocks. It is the cost of not keeping next_check_at, before any of the writes.

**Where the sweep's time goes.** ${n((s.passSeconds / Math.max(1, s.clocks)) * 1e6)} µs per due clock; the pass
follows what is due, not what is open (nothing due: ${ms(s.noopMs.p50)} ms). Per due clock it writes an alert, a
notification, an audit event (under its customer's chain lock, after a chain-head lookup), the clock's
stage and next check and the item's queue state, and for a breach the escalation: five tables, about
twenty index entries and five foreign-key checks. Profiled (\`QUEUE_BENCH_PROFILE\` and
auto_explain, 1,000,000 items), the database executes about 60 ms of a batch of ${SWEEP_BATCH}: the alert insert
~13 ms (three quarters of it its foreign-key checks), the notifications ~11, the clocks' update ~9.5, the
audit insert ~8.5, the items' update ~6.5 (heap-only for a warning, as work_items leaves 10 % of each
page free: ~15 ms before), locking the items ~5, the chain heads ~2; no slow plan among them. The JS
work (one engine evaluation per clock, notice texts, audit hashes; CPU time about 0.6× the
database's) mostly runs while the database executes the statement before it. At this rate one pass stays within ${TARGET_SWEEP_S} s up to about ${n(TARGET_SWEEP_S / (s.passSeconds / Math.max(1, s.clocks)))} due clocks${sweepOk ? '' : `; with 1 % + 0.1 % of a million due at once the target is missed by ${n((s.passSeconds / TARGET_SWEEP_S - 1) * 100)} %`}.

**Two workers.** A second database made from the same template gets ${n(r.timers)} fresh work items whose
clocks passed their breach 1–30 minutes earlier (one breach alert each, the second escalation
days ahead). Two \`claimdesk worker\` processes (\`node src/cli/main.ts worker\`, production handlers and
periodic jobs, DATABASE_URL) are started and idle; then the items and two \`deadlines.sweep\` jobs are
committed in one transaction and the clock starts. Each job sweeps ${SWEEP_BATCH} clocks and enqueues its
continuation while its batch is full. Done when no clock is due and no sweep job is queued or
running (polled every 50 ms); the workers are then stopped with SIGTERM. Result: ${n(w.breachAlerts)}
breach alerts, ${w.duplicates} duplicates, ${n(w.escalatedItems)} items escalated, ${n(w.notifications)}
notifications, ${w.failedJobs} failed jobs, in ${w.seconds.toFixed(2)} s by ${n(w.sweepJobs)} sweep jobs
(${n(w.perSecond)} escalations/s). Split, from the workers' own \`deadline sweep\` log lines (jobs.locked_by
is cleared when a job completes): ${w.perWorker.map((x) => `${x.id} ${n(x.alerts)} alerts in ${n(x.jobs)} jobs`).join(', ')}.
At the polls, on average ${w.backends.active.toFixed(2)} of the workers' database sessions were active and
${w.backends.advisoryWait.toFixed(2)} waited on an advisory lock (an audit chain: two batches that touch the same
customer serialise). On two cores shared by the server, both workers and this process the second
worker adds little: a run with one worker (\`node bench/queue-run.ts --workers 1\`) is about as fast.

<details><summary>Plan of the deepest keyset page</summary>

\`\`\`
${q.plan}
\`\`\`

</details>`;
}

function ms(x: number): string {
  return x < 10 ? x.toFixed(2) : x < 100 ? x.toFixed(1) : x.toFixed(0);
}
function secs(since: number): string {
  return ((performance.now() - since) / 1000).toFixed(1);
}
function round2(x: number): number {
  return Math.round(x * 100) / 100;
}
