import { randomUUID } from 'node:crypto';
import { createRequire } from 'node:module';
import { setTimeout as sleep } from 'node:timers/promises';
import Fastify, { type FastifyInstance } from 'fastify';
import { type Database, openDatabase } from '../src/db/connection.ts';
import { migrate } from '../src/db/migrate.ts';
import { createUser, systemActor } from '../src/modules/users/index.ts';
import { buildApp } from '../src/server/app.ts';
import { loadConfig } from '../src/server/config.ts';
import { makeCustomer, makePolicy, makeProduct } from '../test/support/factories.ts';
import { startThrowawayPostgres } from './e2e-postgres.ts';
import { buildFloorApps } from './http-floor.ts';
import { describeMachine, type Figure, mergeFigures, writeDocSection } from './results.ts';

// Benchmark — HTTP under load (issue 9): autocannon, 100 connections, against the real server on
// 127.0.0.1 backed by a throw-away PostgreSQL 15 (fsync off, see e2e-postgres.ts), in one run:
//  (a) a bare Fastify hello-world route (no plugins, no database): the ceiling of this machine;
//  (b) POST /claims through the whole application (authentication, zod validation, assessment,
//      one transaction with the claim, lines, assessment, work item, deadline and audit events),
//      each request with a distinct Idempotency-Key, on POLICIES seeded policies in turn;
//  (c) a mix of reads: GET /claims/{id}, GET /customers/{id}, GET /claims?customerId=…,
//      GET /queues/personal, on the rows (b) created.
// Autocannon runs in this process, beside both servers: the client's cost per request is the same
// for (a) and (b), so the ratio is fair; absolute figures are lower than with a separate client.
// Figures: req/s and p99 for each, (b)/(a) against the target ≥ 60 %, p99 of (b) against ≤ 25 ms.
// Every (b) response must be 201, and every acknowledged claim must be in the claims table.

type AutocannonResult = {
  requests: { average: number; total: number };
  latency: { p50: number; p99: number; average: number };
  non2xx: number;
  errors: number;
  timeouts: number;
  '2xx': number;
  statusCodeStats?: Record<string, { count: number }>;
};
type AutocannonRequest = {
  method?: string;
  path?: string;
  headers?: Record<string, string>;
  body?: string;
  setupRequest?: (req: AutocannonRequest) => AutocannonRequest;
};
type Autocannon = (opts: {
  url: string;
  connections: number;
  duration: number;
  requests?: AutocannonRequest[];
  headers?: Record<string, string>;
  /** Seconds before the client gives up on a response (autocannon's default is 10). */
  timeout?: number;
}) => Promise<AutocannonResult>;
// autocannon ships no type declarations; the few fields used are typed above.
const autocannon = createRequire(import.meta.url)('autocannon') as Autocannon;

export type HttpBenchOptions = {
  quick?: boolean;
  /** Seconds per phase (default 10; 3 with quick). */
  duration?: number;
  connections?: number;
  policies?: number;
  write?: boolean;
  log?: (line: string) => void;
};

export type HttpBenchResult = { figures: Figure[]; failures: string[] };

const PASSWORD = 'bench-password-not-secret';

async function listen(app: FastifyInstance): Promise<string> {
  return app.listen({ host: '127.0.0.1', port: 0 });
}

export async function runHttpBench(opts: HttpBenchOptions = {}): Promise<HttpBenchResult> {
  const log = opts.log ?? ((line: string) => console.log(line));
  const duration = opts.duration ?? (opts.quick ? 3 : 10);
  const connections = opts.connections ?? 100;
  const policyCount = opts.policies ?? (opts.quick ? 100 : 500);
  const failures: string[] = [];

  const server = await startThrowawayPostgres({ log });
  let database: Database | undefined;
  const apps: FastifyInstance[] = [];
  try {
    database = await openDatabase({ databaseUrl: server.url(), dataDir: '' });
    await migrate(database);
    const { db } = database;

    // Set-up (not timed): one product, a customer with one policy each, a representative.
    const started = performance.now();
    const { version } = await makeProduct(db);
    const policies: { customerId: string; policyId: string }[] = [];
    for (let i = 0; i < policyCount; i++) {
      const customer = await makeCustomer(db);
      const policy = await makePolicy(db, { customerId: customer.id, productVersionId: version.id });
      policies.push({ customerId: customer.id, policyId: policy.id });
    }
    const email = `bench-${randomUUID()}@bench.claimdesk.example`;
    await createUser({
      db,
      actor: systemActor('bench'),
      user: {
        email,
        displayName: 'Bench Representative',
        role: 'representative',
        password: PASSWORD,
        customerId: null,
        department: null,
        team: null,
      },
    });
    log(`http: seeded ${policyCount} policies in ${((performance.now() - started) / 1000).toFixed(1)} s`);

    const hello = Fastify({ logger: false });
    hello.get('/hello', async () => ({ hello: 'world' }));
    apps.push(hello);
    const helloUrl = await listen(hello);

    const config = loadConfig({
      LOG_LEVEL: 'silent',
      NODE_ENV: 'production',
      CLAIMDESK_DATA_DIR: 'memory://',
    });
    const app = await buildApp({ config, database });
    apps.push(app);
    const appUrl = await listen(app);
    const signIn = await fetch(`${appUrl}/auth/sign-in`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ email, password: PASSWORD }),
    });
    if (signIn.status !== 200) throw new Error(`sign-in failed: ${signIn.status} ${await signIn.text()}`);
    const token = ((await signIn.json()) as { token: string }).token;
    const auth = { authorization: `Bearer ${token}` };

    // Warm-up (not measured): JIT, connection pool, prepared plans.
    await autocannon({ url: `${helloUrl}/hello`, connections: 10, duration: 1 });

    log(`http: (a) hello world, ${connections} connections, ${duration} s`);
    const a = await autocannon({ url: `${helloUrl}/hello`, connections, duration });

    let n = 0;
    const claimRequest: AutocannonRequest = {
      method: 'POST',
      path: '/claims',
      setupRequest(req) {
        const p = policies[n++ % policies.length] as { customerId: string; policyId: string };
        return {
          ...req,
          headers: { ...auth, 'content-type': 'application/json', 'idempotency-key': randomUUID() },
          body: JSON.stringify({
            customerId: p.customerId,
            policyId: p.policyId,
            incidentDate: '2026-02-15',
            description: 'Clinic visit abroad',
            channel: 'api',
            lines: [
              {
                benefitCode: 'MEDICAL_EXPENSES',
                description: 'Clinic visit',
                serviceDate: '2026-02-15',
                amountMinor: 40_000 + (n % 50) * 100,
                currency: 'SEK',
              },
            ],
          }),
        };
      },
    };
    await autocannon({ url: appUrl, connections: 10, duration: 1, requests: [claimRequest] });
    const warmClaims = await countClaims(database);
    log(`http: (b) POST /claims, ${connections} connections, ${duration} s`);
    const b = await autocannon({ url: appUrl, connections, duration, timeout: 60, requests: [claimRequest] });
    // Requests still unanswered when the phase ends are cut off by the client; the server may
    // still commit them, so a claim may be written without its 201 having been counted, never
    // the other way round.
    await sleep(2000);
    const created = (await countClaims(database)) - warmClaims;
    if (b.non2xx > 0) {
      failures.push(
        `(b) ${b.non2xx} non-2xx responses of ${b.requests.total}: ${JSON.stringify(b.statusCodeStats)}`,
      );
    }
    if (created < b['2xx']) failures.push(`(b) ${b['2xx']} claims acknowledged but only ${created} written`);

    // (d), (e): the floor under the target (bench/http-floor.ts): validate + store, nothing else.
    const floor = await buildFloorApps(server.url());
    const [singleFloorUrl, groupFloorUrl] = [
      await listen(floor.apps[0] as FastifyInstance),
      await listen(floor.apps[1] as FastifyInstance),
    ];
    let d: AutocannonResult;
    let e: AutocannonResult;
    try {
      await autocannon({ url: singleFloorUrl, connections: 10, duration: 1, requests: [claimRequest] });
      log(`http: (d) floor, one INSERT per request, ${connections} connections, ${duration} s`);
      d = await autocannon({
        url: singleFloorUrl,
        connections,
        duration,
        timeout: 60,
        requests: [claimRequest],
      });
      await autocannon({ url: groupFloorUrl, connections: 10, duration: 1, requests: [claimRequest] });
      log(`http: (e) floor, group commit, ${connections} connections, ${duration} s`);
      e = await autocannon({
        url: groupFloorUrl,
        connections,
        duration,
        timeout: 60,
        requests: [claimRequest],
      });
    } finally {
      await floor.close();
    }
    for (const [label, r] of [
      ['(d)', d],
      ['(e)', e],
    ] as const) {
      if (r.non2xx > 0)
        failures.push(`${label} ${r.non2xx} non-2xx responses: ${JSON.stringify(r.statusCodeStats)}`);
    }

    const claimIds = (await db.selectFrom('claims').select(['id', 'customer_id']).limit(2000).execute()).map(
      (r) => r,
    );
    let m = 0;
    const reads: ((i: number) => string)[] = [
      (i) => `/claims/${claimIds[i % claimIds.length]?.id}`,
      (i) => `/customers/${claimIds[i % claimIds.length]?.customer_id}`,
      (i) => `/claims?customerId=${claimIds[i % claimIds.length]?.customer_id}&limit=20`,
      () => '/queues/personal?limit=20',
    ];
    const readRequest: AutocannonRequest = {
      method: 'GET',
      setupRequest(req) {
        const i = m++;
        return { ...req, headers: auth, path: (reads[i % reads.length] as (i: number) => string)(i >> 2) };
      },
    };
    log(`http: (c) reads, ${connections} connections, ${duration} s`);
    const c = await autocannon({ url: appUrl, connections, duration, timeout: 60, requests: [readRequest] });
    if (c.non2xx > 0) {
      failures.push(
        `(c) ${c.non2xx} non-2xx responses of ${c.requests.total}: ${JSON.stringify(c.statusCodeStats)}`,
      );
    }

    const machine = describeMachine();
    const ratio = b.requests.average / a.requests.average;
    const at = new Date().toISOString();
    const figures: Figure[] = [
      {
        name: 'http.hello.requests_per_s',
        value: round(a.requests.average),
        unit: 'req/s',
        better: 'higher',
        measured_at: at,
      },
      { name: 'http.hello.p99_ms', value: a.latency.p99, unit: 'ms', better: 'lower', measured_at: at },
      {
        name: 'http.claims.requests_per_s',
        value: round(b.requests.average),
        unit: 'req/s',
        peer: 'bare Fastify hello world, same run',
        peer_value: round(a.requests.average),
        ratio: Math.round(ratio * 1000) / 1000,
        better: 'higher',
        target: '≥ 0.6 of hello world',
        met: ratio >= 0.6,
        measured_at: at,
      },
      {
        name: 'http.claims.p99_ms',
        value: b.latency.p99,
        unit: 'ms',
        better: 'lower',
        target: '≤ 25 ms at 100 connections',
        met: b.latency.p99 <= 25,
        measured_at: at,
      },
      {
        name: 'http.reads.requests_per_s',
        value: round(c.requests.average),
        unit: 'req/s',
        better: 'higher',
        measured_at: at,
      },
      { name: 'http.reads.p99_ms', value: c.latency.p99, unit: 'ms', better: 'lower', measured_at: at },
      {
        name: 'http.floor_single_insert.requests_per_s',
        value: round(d.requests.average),
        unit: 'req/s',
        peer: 'bare Fastify hello world, same run',
        peer_value: round(a.requests.average),
        ratio: Math.round((d.requests.average / a.requests.average) * 1000) / 1000,
        better: 'higher',
        measured_at: at,
      },
      {
        name: 'http.floor_single_insert.p99_ms',
        value: d.latency.p99,
        unit: 'ms',
        better: 'lower',
        measured_at: at,
      },
      {
        name: 'http.floor_group_commit.requests_per_s',
        value: round(e.requests.average),
        unit: 'req/s',
        peer: 'bare Fastify hello world, same run',
        peer_value: round(a.requests.average),
        ratio: Math.round((e.requests.average / a.requests.average) * 1000) / 1000,
        better: 'higher',
        measured_at: at,
      },
      {
        name: 'http.floor_group_commit.p99_ms',
        value: e.latency.p99,
        unit: 'ms',
        better: 'lower',
        measured_at: at,
      },
    ];
    const row = (label: string, r: AutocannonResult) =>
      `| ${label} | ${round(r.requests.average)} | ${r.latency.p50} | ${r.latency.p99} | ${r.requests.total} | ${r.non2xx + r.errors} |`;
    log(`http: (a) hello ${round(a.requests.average)} req/s, p99 ${a.latency.p99} ms`);
    log(
      `http: (b) POST /claims ${round(b.requests.average)} req/s, p99 ${b.latency.p99} ms; ` +
        `(b)/(a) = ${(ratio * 100).toFixed(1)} % (target ≥ 60 %: ${ratio >= 0.6 ? 'met' : 'NOT met'}), ` +
        `p99 target ≤ 25 ms: ${b.latency.p99 <= 25 ? 'met' : 'NOT met'}; ${created} claims written`,
    );
    log(`http: (c) reads ${round(c.requests.average)} req/s, p99 ${c.latency.p99} ms`);
    const pct = (r: AutocannonResult) => `${((r.requests.average / a.requests.average) * 100).toFixed(1)} %`;
    log(
      `http: (d) floor, INSERT per request ${round(d.requests.average)} req/s (${pct(d)}), p99 ${d.latency.p99} ms`,
    );
    log(
      `http: (e) floor, group commit ${round(e.requests.average)} req/s (${pct(e)}), p99 ${e.latency.p99} ms`,
    );
    log(`http: load average ${machine.loadAverage} on ${machine.cores} cores`);

    if (opts.write !== false) {
      mergeFigures(figures);
      writeDocSection(
        'http',
        `## HTTP under load (issue 9)

\`npm run bench -- --only http\` (bench/http-bench.ts): autocannon, ${connections} connections,
${duration} s per phase, client and servers in one process on 127.0.0.1, PostgreSQL 15 throw-away
server (fsync off). Measured ${at} on ${machine.cpu} (${machine.cores} cores, load average
${machine.loadAverage} at the end — the machine was shared with other work), Node ${machine.node}.

| phase | req/s | p50 ms | p99 ms | requests | errors |
| --- | --- | --- | --- | --- | --- |
${row('(a) bare Fastify hello world', a)}
${row('(b) POST /claims (validated, assessed, one transaction)', b)}
${row('(c) reads: claim, customer, claim list, personal queue', c)}
${row('(d) floor: bare Fastify, JSON schema, one INSERT per request', d)}
${row('(e) floor: bare Fastify, JSON schema, group-committed INSERT', e)}

(b)/(a) = ${(ratio * 100).toFixed(1)} % — target ≥ 60 %: **${ratio >= 0.6 ? 'met' : 'not met'}**; p99 of (b)
${b.latency.p99} ms — target ≤ 25 ms: **${b.latency.p99 <= 25 ? 'met' : 'not met'}**. ${created} claims written,
every one of the ${b['2xx']} acknowledged among them (a request the client cut off at the end of the
phase may still commit; none was answered and lost).

(d) and (e) are the floor under the target (bench/http-floor.ts): a bare Fastify route that only
validates the same body and stores it — no authentication, assessment, number, audit or work item.
(d)/(a) = ${((d.requests.average / a.requests.average) * 100).toFixed(1)} %, (e)/(a) = ${((e.requests.average / a.requests.average) * 100).toFixed(1)} %.
Anything that acknowledges a claim only once it is stored costs at least this.`,
      );
    }
    return { figures, failures };
  } finally {
    for (const app of apps) await app.close();
    await database?.close();
    server.stop();
  }
}

async function countClaims(database: Database): Promise<number> {
  const row = await database.db
    .selectFrom('claims')
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .executeTakeFirstOrThrow();
  return Number(row.n);
}

function round(x: number): number {
  return Math.round(x);
}
