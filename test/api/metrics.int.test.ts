import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { newId } from '../../src/lib/ids.ts';
import { buildApp } from '../../src/server/app.ts';
import { loadConfig } from '../../src/server/config.ts';
import { type Session, signInAs, testApp } from '../support/test-app.ts';
import { testDatabase } from '../support/test-database.ts';
import { claimBody, customerWithPolicy, expectProblem, uniqueSuffix } from './api-helpers.ts';

// GET /metrics: token-protected Prometheus text whose figures move with what happens. HTTP
// figures are per app instance (this file builds its own, with a token); the database figures are
// shared, so the rows asserted on exactly carry labels unique to this file (a team, a job kind, a
// deadline policy), and are removed again afterwards.

const TOKEN = `metrics-token-${uniqueSuffix()}`;
let app: FastifyInstance;
let rep: Session;
const suffix = uniqueSuffix();
const team = `metrics-team-${suffix}`;
const jobKind = `test.metrics.${suffix}`;
const policyCode = `test.metrics.${suffix}`;
const workItemId = newId();

beforeAll(async () => {
  const database = await testDatabase();
  const config = loadConfig({
    LOG_LEVEL: 'silent',
    NODE_ENV: 'test',
    CLAIMDESK_DATA_DIR: 'memory://',
    CLAIMDESK_METRICS_TOKEN: TOKEN,
  });
  app = await buildApp({ config, database });
  await app.ready();
  rep = await signInAs('representative');
});

afterAll(async () => {
  const { db } = await testDatabase();
  await db.deleteFrom('deadlines').where('policy_code', '=', policyCode).execute();
  await db.deleteFrom('work_items').where('id', '=', workItemId).execute();
  await db.deleteFrom('jobs').where('kind', '=', jobKind).execute();
  await app?.close();
});

async function scrape(): Promise<string> {
  const res = await app.inject({
    method: 'GET',
    url: '/metrics',
    headers: { authorization: `Bearer ${TOKEN}` },
  });
  expect(res.statusCode).toBe(200);
  expect(res.headers['content-type']).toMatch(/^text\/plain; version=0\.0\.4/);
  return res.body;
}

/** The value of one sample (0 when the series is absent). Labels must be given in exposition order. */
function sample(text: string, name: string, labels: string): number {
  const line = text.split('\n').find((l) => l.startsWith(`${name}{${labels}} `));
  return line ? Number(line.slice(line.lastIndexOf(' ') + 1)) : 0;
}

describe('GET /metrics access', () => {
  it('is off (404) when no token is configured', async () => {
    const shared = await testApp();
    const res = await shared.inject({ method: 'GET', url: '/metrics', headers: rep.headers });
    expectProblem(res, 404, 'not_found');
  });

  it('refuses a missing or wrong token, and a session token, with 401', async () => {
    expectProblem(await app.inject({ method: 'GET', url: '/metrics' }), 401, 'unauthenticated');
    const wrong = await app.inject({
      method: 'GET',
      url: '/metrics',
      headers: { authorization: `Bearer ${TOKEN}x` },
    });
    expectProblem(wrong, 401, 'unauthenticated');
    expectProblem(
      await app.inject({ method: 'GET', url: '/metrics', headers: rep.headers }),
      401,
      'unauthenticated',
    );
  });
});

describe('GET /metrics values', () => {
  it('counts a submitted claim under its route pattern and status class, never its id', async () => {
    const key = 'method="POST",route="/claims",status_class="2xx"';
    const before = sample(await scrape(), 'claimdesk_http_request_duration_seconds_count', key);
    const { customer, policy } = await customerWithPolicy();
    const res = await app.inject({
      method: 'POST',
      url: '/claims',
      headers: { ...rep.headers, 'idempotency-key': `metrics-${suffix}` },
      payload: claimBody(customer.id, policy.id),
    });
    expect(res.statusCode).toBe(201);
    const claimId = res.json().id as string;
    const read = await app.inject({ method: 'GET', url: `/claims/${claimId}`, headers: rep.headers });
    expect(read.statusCode).toBe(200);
    await app.inject({ method: 'GET', url: `/no-such-route/${claimId}` });

    const text = await scrape();
    expect(sample(text, 'claimdesk_http_request_duration_seconds_count', key)).toBe(before + 1);
    // The latency histogram: the claim took well under 10 s, so it is in the +Inf and 10 s buckets.
    expect(
      sample(text, 'claimdesk_http_request_duration_seconds_bucket', `le="10",${key}`),
    ).toBeGreaterThanOrEqual(before + 1);
    expect(
      sample(
        text,
        'claimdesk_http_request_duration_seconds_count',
        'method="GET",route="/claims/:ref",status_class="2xx"',
      ),
    ).toBeGreaterThanOrEqual(1);
    expect(
      sample(
        text,
        'claimdesk_http_request_duration_seconds_count',
        'method="GET",route="unmatched",status_class="4xx"',
      ),
    ).toBeGreaterThanOrEqual(1);
    expect(text).not.toContain(claimId);
    // Process metrics come along.
    expect(text).toMatch(/^process_cpu_user_seconds_total \d/m);
    expect(text).toMatch(/^nodejs_eventloop_lag_p99_seconds \d/m);
    expect(text).toMatch(/^claimdesk_database_up 1$/m);
  });

  it('reads queue depth, deadline states and job lag from the database at scrape time', async () => {
    const { db } = await testDatabase();
    const { customer } = await customerWithPolicy();
    const depth = `kind="triage",team="${team}",department="",assigned="false",escalated="false"`;
    expect(sample(await scrape(), 'claimdesk_work_items_open', depth)).toBe(0);

    await db
      .insertInto('work_items')
      .values({
        id: workItemId,
        kind: 'triage',
        subject_id: newId(),
        customer_id: null,
        reference: `MSG-${suffix}`,
        summary: 'metrics test',
        subject_status: 'new',
        team,
        language: 'en',
        product_code: null,
      })
      .execute();
    await db
      .insertInto('deadlines')
      .values({
        id: newId(),
        work_item_id: workItemId,
        customer_id: customer.id,
        policy_code: policyCode,
        calendar: 'SE',
        started_at: new Date(),
        status: 'running',
        state: 'breached',
      })
      .execute();
    // A job due a minute ago that no worker takes (no worker claims this kind), and a failed one.
    await db
      .insertInto('jobs')
      .values([
        { kind: jobKind, run_at: new Date(Date.now() - 60_000) },
        { kind: jobKind, status: 'failed', finished_at: new Date(), last_error: 'test' },
      ])
      .execute();

    const text = await scrape();
    expect(sample(text, 'claimdesk_work_items_open', depth)).toBe(1);
    expect(sample(text, 'claimdesk_deadlines_live', `policy="${policyCode}",state="breached"`)).toBe(1);
    expect(sample(text, 'claimdesk_jobs_failed', `kind="${jobKind}"`)).toBe(1);
    expect(sample(text, 'claimdesk_jobs', 'state="runnable"')).toBeGreaterThanOrEqual(1);
    const lag = Number(text.match(/^claimdesk_jobs_oldest_runnable_age_seconds (\S+)$/m)?.[1]);
    expect(lag).toBeGreaterThanOrEqual(59);

    // A queue that empties disappears instead of keeping its last value.
    await db.updateTable('work_items').set({ open: false }).where('id', '=', workItemId).execute();
    expect(sample(await scrape(), 'claimdesk_work_items_open', depth)).toBe(0);
  });
});
