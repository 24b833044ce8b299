import { createHmac } from 'node:crypto';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createWorker, type Worker } from '../../src/jobs/index.ts';
import {
  deliverWebhookJob,
  SIGNATURE_HEADER,
  verifySignature,
  WEBHOOK_DELIVERY_JOB,
  WEBHOOK_OUTBOX_JOB,
  type WebhookSettings,
  webhookOutboxJob,
} from '../../src/modules/webhooks/index.ts';
import { buildApp } from '../../src/server/app.ts';
import { loadConfig } from '../../src/server/config.ts';
import {
  makeCustomer,
  makePolicy,
  makeProduct,
  payPremiums,
  STRAIGHT_THROUGH_CONFIG,
} from '../support/factories.ts';
import { silentLog } from '../support/job-test-effects.ts';
import { type Session, signInAs, testApp } from '../support/test-app.ts';
import { testDatabase } from '../support/test-database.ts';
import { claimBody, expectProblem, fieldErrors, openServiceCase, setCaseStatus } from './api-helpers.ts';

// Webhooks end to end: subscriptions through the API, events derived from real use cases (a claim
// registered and decided straight through, a case opened and withdrawn), delivered by a real job
// worker over real HTTP to receivers on 127.0.0.1 that verify the signature. The worker claims
// only the webhook kinds (on PostgreSQL every test file shares the jobs table) and runs with a
// short timeout and fast backoff so that retries and failures fit in seconds.

type Received = { path: string; headers: http.IncomingHttpHeaders; body: string; verified: boolean };

const FAST: WebhookSettings = {
  rules: { allowPrivateTargets: true, httpsOnly: false },
  timeoutMs: 800,
  retry: { maxAttempts: 3, baseMs: 30, maxMs: 100 },
};
const HANG_TIMEOUT_MS = 1_500;
const PRODUCTION_RULES = { allowPrivateTargets: false, httpsOnly: true };

let app: FastifyInstance;
let admin: Session;
let rep: Session;
let receiver: http.Server;
let base: string;
let deadUrl: string;
const received: Received[] = [];
/** Subscription secrets by path, for the receiver's verification. */
const secrets = new Map<string, string>();
const flakySeen = new Set<string>();
const hanging = new Set<http.ServerResponse>();

beforeAll(async () => {
  app = await testApp();
  admin = await signInAs('administrator');
  rep = await signInAs('representative');
  receiver = http.createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      const body = Buffer.concat(chunks).toString('utf8');
      const path = req.url ?? '/';
      const secret = secrets.get(path) ?? '';
      const header = req.headers[SIGNATURE_HEADER] as string | undefined;
      const verified = verifySignature({
        header,
        secret,
        body,
        nowSeconds: Math.floor(Date.now() / 1000),
      }).ok;
      received.push({ path, headers: req.headers, body, verified });
      if (path.startsWith('/hang')) {
        hanging.add(res);
        return;
      }
      if (path.startsWith('/flaky')) {
        const id = req.headers['claimdesk-event-id'] as string;
        if (!flakySeen.has(id)) {
          flakySeen.add(id);
          res.writeHead(500).end('not now');
          return;
        }
      }
      res.writeHead(verified ? 200 : 401).end();
    });
  });
  await new Promise<void>((resolve) => receiver.listen(0, '127.0.0.1', resolve));
  base = `http://127.0.0.1:${(receiver.address() as AddressInfo).port}`;
  // A port that refuses connections: bound, then closed.
  const closed = http.createServer();
  await new Promise<void>((resolve) => closed.listen(0, '127.0.0.1', resolve));
  deadUrl = `http://127.0.0.1:${(closed.address() as AddressInfo).port}/dead`;
  await new Promise((resolve) => closed.close(resolve));
});

afterAll(async () => {
  for (const res of hanging) res.destroy();
  await new Promise((resolve) => receiver.close(resolve));
});

let dbHandle: Awaited<ReturnType<typeof testDatabase>>['db'];
function makeWorker(settings: WebhookSettings): Worker {
  return createWorker({
    db: dbHandle,
    handlers: {
      [WEBHOOK_OUTBOX_JOB]: webhookOutboxJob(settings),
      [WEBHOOK_DELIVERY_JOB]: deliverWebhookJob(settings),
    },
    kinds: [WEBHOOK_OUTBOX_JOB, WEBHOOK_DELIVERY_JOB],
    periodic: [{ kind: WEBHOOK_OUTBOX_JOB, everyMs: 100 }],
    pollIntervalMs: 25,
    retry: { baseMs: 50, maxMs: 200 },
    log: silentLog,
  });
}

/** Runs the worker until `done()` holds (or fails after `ms`). */
async function runUntil(worker: Worker, done: () => Promise<boolean>, ms = 20_000): Promise<void> {
  const until = Date.now() + ms;
  while (!(await done())) {
    if (Date.now() > until) throw new Error('timed out waiting for webhook deliveries');
    await worker.runOnce();
    await new Promise((r) => setTimeout(r, 40));
  }
}

async function subscribe(path: string, events: string[], url = `${base}${path}`) {
  const res = await app.inject({
    method: 'POST',
    url: '/webhook-subscriptions',
    headers: admin.headers,
    payload: { url, events, description: `test ${path}` },
  });
  expect(res.statusCode, res.body).toBe(201);
  const body = res.json() as { id: string; secret: string; version: number };
  expect(body.secret).toMatch(/^whsec_/);
  secrets.set(path, body.secret);
  return body;
}

/** Ends a test's subscription, so later tests' claims are not sent to its receiver. */
async function deactivate(id: string) {
  const current = await app.inject({
    method: 'GET',
    url: `/webhook-subscriptions/${id}`,
    headers: admin.headers,
  });
  const res = await app.inject({
    method: 'PATCH',
    url: `/webhook-subscriptions/${id}`,
    headers: admin.headers,
    payload: { version: current.json().version, active: false },
  });
  expect(res.statusCode, res.body).toBe(200);
}

/** A claim registered through the API on a product that decides clean claims straight through. */
async function registerClaim(): Promise<{ id: string; status: string; ms: number }> {
  const { db } = await testDatabase();
  const customer = await makeCustomer(db);
  const { version } = await makeProduct(db, { config: STRAIGHT_THROUGH_CONFIG });
  const policy = await makePolicy(db, { customerId: customer.id, productVersionId: version.id });
  await payPremiums(db, { policyId: policy.id, amountMinor: 12 * 19_900, paidOn: ['2026-01-01'] });
  const began = performance.now();
  const res = await app.inject({
    method: 'POST',
    url: '/claims',
    headers: rep.headers,
    payload: claimBody(customer.id, policy.id, {
      cause: 'illness',
      incidentCountry: 'ES',
      documents: ['receipt'],
      lines: [
        {
          benefitCode: 'MEDICAL_EXPENSES',
          description: 'Clinic visit',
          serviceDate: '2026-02-15',
          amountMinor: 80_000,
          currency: 'SEK',
        },
      ],
    }),
  });
  const ms = performance.now() - began;
  expect(res.statusCode, res.body).toBe(201);
  return { ...(res.json() as { id: string; status: string }), ms };
}

function eventsAbout(path: string, entityId: string): { type: string; id: string; verified: boolean }[] {
  return received
    .filter((r) => r.path === path)
    .map((r) => ({ parsed: JSON.parse(r.body), verified: r.verified }))
    .filter(({ parsed }) => Object.values(parsed.data ?? {}).includes(entityId))
    .map(({ parsed, verified }) => ({ type: parsed.type, id: parsed.id, verified }));
}

async function deliveriesOf(subscriptionId: string) {
  const res = await app.inject({
    method: 'GET',
    url: `/webhook-deliveries?subscription=${subscriptionId}`,
    headers: admin.headers,
  });
  expect(res.statusCode, res.body).toBe(200);
  return (
    res.json() as {
      items: {
        id: string;
        status: string;
        eventKind: string;
        attempts: number;
        payload: { data: Record<string, unknown> };
      }[];
    }
  ).items;
}

async function deliveryDetail(id: string) {
  const res = await app.inject({ method: 'GET', url: `/webhook-deliveries/${id}`, headers: admin.headers });
  expect(res.statusCode, res.body).toBe(200);
  return res.json() as {
    status: string;
    attempts: number;
    replays: number;
    eventId: string;
    attemptLog: {
      attempt: number;
      responseStatus: number | null;
      error: string | null;
      outcome: string;
      durationMs: number;
    }[];
  };
}

beforeAll(async () => {
  dbHandle = (await testDatabase()).db;
});

describe('webhook subscriptions', () => {
  it('refuses bad input with field paths, shows the secret once and checks the version', async () => {
    const bad = await app.inject({
      method: 'POST',
      url: '/webhook-subscriptions',
      headers: admin.headers,
      payload: { url: `${base}/ok`, events: ['claim.exploded'] },
    });
    expect(fieldErrors(expectProblem(bad, 400, 'validation_failed')).map((e) => e.path[0])).toContain(
      'events',
    );
    const created = await subscribe('/settings', ['claim.registered']);
    // A retry with the same Idempotency-Key: the same subscription, and the secret is not shown again.
    const once = { url: `${base}/settings-2`, events: ['case.opened'] };
    const headers = { ...admin.headers, 'idempotency-key': `webhook-${created.id}` };
    const first = await app.inject({ method: 'POST', url: '/webhook-subscriptions', headers, payload: once });
    const retry = await app.inject({ method: 'POST', url: '/webhook-subscriptions', headers, payload: once });
    expect([first.statusCode, retry.statusCode, retry.headers['idempotent-replayed']]).toEqual([
      201,
      200,
      'true',
    ]);
    expect(retry.json().id).toBe(first.json().id);
    expect(first.json().secret).toMatch(/^whsec_/);
    expect(retry.json()).not.toHaveProperty('secret');
    await deactivate(first.json().id);
    const listed = await app.inject({ method: 'GET', url: '/webhook-subscriptions', headers: admin.headers });
    expect(listed.body).not.toContain(created.secret);
    const got = await app.inject({
      method: 'GET',
      url: `/webhook-subscriptions/${created.id}`,
      headers: admin.headers,
    });
    expect(got.json()).toMatchObject({ id: created.id, version: 1, active: true });
    expect(got.json()).not.toHaveProperty('secret');
    const patch = (payload: Record<string, unknown>) =>
      app.inject({
        method: 'PATCH',
        url: `/webhook-subscriptions/${created.id}`,
        headers: admin.headers,
        payload,
      });
    const rotated = await patch({
      version: 1,
      rotateSecret: true,
      events: ['claim.registered', 'claim.decided'],
    });
    expect(rotated.statusCode, rotated.body).toBe(200);
    expect(rotated.json().secret).toMatch(/^whsec_/);
    expect(rotated.json().secret).not.toBe(created.secret);
    expectProblem(await patch({ version: 1, active: false }), 409, 'version_conflict');
    expect((await patch({ version: 2, active: false })).json()).toMatchObject({ active: false, version: 3 });
    // Other roles cannot see or make subscriptions.
    const byRep = await app.inject({ method: 'GET', url: '/webhook-subscriptions', headers: rep.headers });
    expectProblem(byRep, 403, 'forbidden');
  });
});

describe('webhook delivery', () => {
  it('delivers signed events from real use cases exactly once each', async () => {
    const worker = makeWorker(FAST);
    const sub = await subscribe('/ok', [
      'claim.registered',
      'claim.decided',
      'case.opened',
      'case.closed',
      'payment.settled',
      'deadline.breached',
    ]);
    const claim = await registerClaim();
    expect(claim.status).toBe('approved');
    const customer = await makeCustomer(dbHandle);
    const kase = await openServiceCase(rep, {
      customerId: customer.id,
      subject: 'Question about my cover',
      description: 'Does it cover skiing?',
    });
    await setCaseStatus(rep, kase.id, {
      to: 'withdrawn',
      reason: 'The customer found the answer.',
      version: kase.version,
    });

    await runUntil(
      worker,
      async () => eventsAbout('/ok', claim.id).length >= 2 && eventsAbout('/ok', kase.id).length >= 2,
    );
    // Later runs read the same events again (the settle window) and add nothing.
    for (let i = 0; i < 3; i++) await worker.runOnce();
    await worker.stop();
    await deactivate(sub.id);

    const claimEvents = eventsAbout('/ok', claim.id);
    expect(claimEvents.map((e) => e.type).sort()).toEqual(['claim.decided', 'claim.registered']);
    expect(
      eventsAbout('/ok', kase.id)
        .map((e) => e.type)
        .sort(),
    ).toEqual(['case.closed', 'case.opened']);
    expect(claimEvents.every((e) => e.verified)).toBe(true);
    expect(new Set(claimEvents.map((e) => e.id)).size).toBe(2);

    // The header is exactly t=<unix>,v1=hex(HMAC-SHA256(secret, "<t>.<body>")), computed here by hand;
    // a tampered body fails verification.
    const one = received.find((r) => r.path === '/ok' && r.body.includes(claim.id)) as Received;
    const header = one.headers[SIGNATURE_HEADER] as string;
    const [, t, v1] = /^t=(\d+),v1=([0-9a-f]{64})$/.exec(header) ?? [];
    expect(createHmac('sha256', sub.secret).update(`${t}.${one.body}`).digest('hex')).toBe(v1);
    expect(one.headers['claimdesk-event-id']).toBe(JSON.parse(one.body).id);
    const tampered = one.body.replace(/"currency":"SEK"/, '"currency":"EUR"');
    expect(tampered).not.toBe(one.body);
    expect(verifySignature({ header, secret: sub.secret, body: tampered, nowSeconds: Number(t) })).toEqual({
      ok: false,
      reason: 'signature mismatch',
    });

    const mine = (await deliveriesOf(sub.id)).filter((d) => Object.values(d.payload.data).includes(claim.id));
    expect(mine).toHaveLength(2);
    expect(mine.every((d) => d.status === 'delivered' && d.attempts === 1)).toBe(true);
    const detail = await deliveryDetail(mine[0]?.id as string);
    expect(detail.attemptLog).toEqual([
      expect.objectContaining({ attempt: 1, responseStatus: 200, error: null, outcome: 'delivered' }),
    ]);
  });

  it('retries a receiver that answers 500, then 200', async () => {
    const worker = makeWorker(FAST);
    const sub = await subscribe('/flaky', ['claim.registered']);
    const claim = await registerClaim();
    const delivered = async () =>
      (await deliveriesOf(sub.id)).some(
        (d) => d.status === 'delivered' && Object.values(d.payload.data).includes(claim.id),
      );
    await runUntil(worker, delivered);
    await worker.stop();
    await deactivate(sub.id);
    const delivery = (await deliveriesOf(sub.id)).find((d) =>
      Object.values(d.payload.data).includes(claim.id),
    );
    const detail = await deliveryDetail(delivery?.id as string);
    expect(detail.attemptLog.map((a) => [a.attempt, a.responseStatus, a.outcome])).toEqual([
      [1, 500, 'retry'],
      [2, 200, 'delivered'],
    ]);
    // The same event both times: the receiver can tell the retry by its event id.
    const calls = received.filter((r) => r.path === '/flaky' && r.body.includes(claim.id));
    expect(calls).toHaveLength(2);
    expect(new Set(calls.map((c) => c.headers['claimdesk-event-id'])).size).toBe(1);
  });

  it('a dead or hanging receiver does not slow the API; its deliveries end failed, and replay works', async () => {
    const worker = makeWorker({ ...FAST, timeoutMs: HANG_TIMEOUT_MS });
    const dead = await subscribe('/dead', ['claim.registered'], deadUrl);
    const hang = await subscribe('/hang', ['claim.registered']);
    const first = await registerClaim();
    worker.start();
    // While the worker waits on the receivers, requests keep their usual speed: the POST happens
    // outside any transaction, so even on PGlite (one session) nothing waits for it.
    const timings: number[] = [first.ms];
    const until = Date.now() + 3_000;
    while (Date.now() < until) {
      const began = performance.now();
      const res = await app.inject({ method: 'GET', url: '/webhook-subscriptions', headers: admin.headers });
      expect(res.statusCode).toBe(200);
      timings.push(performance.now() - began);
      await new Promise((r) => setTimeout(r, 20));
    }
    timings.push((await registerClaim()).ms);
    const hangingSeen = received.filter((r) => r.path === '/hang').length;
    expect(hangingSeen).toBeGreaterThan(0);
    const sorted = [...timings].sort((a, b) => a - b);
    console.log(
      `webhooks: ${timings.length} requests while receivers hung/refused: median ` +
        `${sorted[Math.floor(sorted.length / 2)]?.toFixed(1)} ms, max ${sorted.at(-1)?.toFixed(1)} ms`,
    );
    // A held database session would make requests wait up to the whole timeout (1.5 s).
    expect(Math.max(...timings)).toBeLessThan(1_000);

    const ended = async (subscriptionId: string) => {
      const d = (await deliveriesOf(subscriptionId)).find((x) =>
        Object.values(x.payload.data).includes(first.id),
      );
      return d?.status === 'failed';
    };
    const deadline = Date.now() + 25_000;
    while (!((await ended(dead.id)) && (await ended(hang.id)))) {
      if (Date.now() > deadline) throw new Error('deliveries did not fail in time');
      await new Promise((r) => setTimeout(r, 100));
    }
    await worker.stop();
    await deactivate(hang.id);

    const deadDelivery = (await deliveriesOf(dead.id)).find((d) =>
      Object.values(d.payload.data).includes(first.id),
    );
    const deadDetail = await deliveryDetail(deadDelivery?.id as string);
    expect(deadDetail.attemptLog.map((a) => a.outcome)).toEqual(['retry', 'retry', 'failed']);
    expect(
      deadDetail.attemptLog.every((a) => a.responseStatus === null && /ECONNREFUSED/.test(a.error ?? '')),
    ).toBe(true);
    const hangDelivery = (await deliveriesOf(hang.id)).find((d) =>
      Object.values(d.payload.data).includes(first.id),
    );
    const hangDetail = await deliveryDetail(hangDelivery?.id as string);
    expect(hangDetail.attemptLog).toHaveLength(3);
    expect(hangDetail.attemptLog.every((a) => /timed out after 1500 ms/.test(a.error ?? ''))).toBe(true);
    expect(hangDetail.attemptLog.every((a) => a.durationMs >= 1_400 && a.durationMs < 5_000)).toBe(true);

    // The receiver is back (at a new address): point the subscription there and replay.
    const moved = await app.inject({
      method: 'PATCH',
      url: `/webhook-subscriptions/${dead.id}`,
      headers: admin.headers,
      payload: { version: dead.version, url: `${base}/dead` },
    });
    expect(moved.statusCode, moved.body).toBe(200);
    const replay = await app.inject({
      method: 'POST',
      url: `/webhook-deliveries/${deadDelivery?.id}/replay`,
      headers: admin.headers,
    });
    expect(replay.statusCode, replay.body).toBe(202);
    expect(replay.json()).toMatchObject({ status: 'pending', replays: 1 });
    const again = makeWorker(FAST);
    await runUntil(
      again,
      async () => (await deliveryDetail(deadDelivery?.id as string)).status === 'delivered',
    );
    await again.stop();
    const replayed = await deliveryDetail(deadDelivery?.id as string);
    expect(replayed.attemptLog.map((a) => [a.attempt, a.outcome])).toEqual([
      [1, 'retry'],
      [2, 'retry'],
      [3, 'failed'],
      [4, 'delivered'],
    ]);
    const arrived = received.filter((r) => r.path === '/dead' && r.body.includes(first.id));
    expect(arrived).toHaveLength(1);
    expect(arrived[0]?.headers['claimdesk-event-id']).toBe(replayed.eventId);
    expect(arrived[0]?.verified).toBe(true);
    await deactivate(dead.id);
  }, 45_000);
});

describe('SSRF guard (production configuration)', () => {
  let production: FastifyInstance;

  beforeAll(async () => {
    const database = await testDatabase();
    const config = loadConfig({
      NODE_ENV: 'production',
      CLAIMDESK_DATA_DIR: 'memory://',
      LOG_LEVEL: 'silent',
    });
    expect(config.webhooks).toEqual({ allowPrivateTargets: false, httpsOnly: true });
    production = await buildApp({ config, database });
    await production.ready();
  });

  afterAll(async () => {
    await production.close();
  });

  it.each([
    ['https://127.0.0.1/hook', 'private_target'],
    ['https://[::1]:8443/hook', 'private_target'],
    ['https://169.254.169.254/latest/meta-data/', 'private_target'],
    ['https://10.0.0.5/hook', 'private_target'],
    ['https://[fd00:ec2::254]/hook', 'private_target'],
    ['https://localhost:3000/hook', 'private_target'],
    ['http://93.184.215.14/hook', 'https_required'],
  ])('refuses %s with the field path url', async (url, code) => {
    const res = await production.inject({
      method: 'POST',
      url: '/webhook-subscriptions',
      headers: admin.headers,
      payload: { url, events: ['claim.registered'] },
    });
    const problem = expectProblem(res, 400, 'validation_failed');
    expect(fieldErrors(problem)).toEqual([expect.objectContaining({ path: ['url'], code })]);
  });

  it('accepts a public https target, and re-checks every address at delivery time', async () => {
    const ok = await production.inject({
      method: 'POST',
      url: '/webhook-subscriptions',
      headers: admin.headers,
      payload: { url: 'https://93.184.215.14/hook', events: ['claim.registered'] },
    });
    expect(ok.statusCode, ok.body).toBe(201);
    // Deactivated at once: nothing is to be sent to a real address from a test.
    const off = await production.inject({
      method: 'PATCH',
      url: `/webhook-subscriptions/${ok.json().id}`,
      headers: admin.headers,
      payload: { version: 1, active: false },
    });
    expect(off.statusCode).toBe(200);

    // A loopback subscription made under development rules is refused when a production worker
    // delivers it: no request reaches the receiver.
    const sub = await subscribe('/prod-check', ['claim.registered']);
    const claim = await registerClaim();
    const worker = makeWorker({ ...FAST, rules: PRODUCTION_RULES });
    const failed = async () =>
      (await deliveriesOf(sub.id)).some(
        (d) => d.status === 'failed' && Object.values(d.payload.data).includes(claim.id),
      );
    await runUntil(worker, failed);
    await worker.stop();
    await deactivate(sub.id);
    expect(received.filter((r) => r.path === '/prod-check')).toHaveLength(0);
    const delivery = (await deliveriesOf(sub.id)).find((d) =>
      Object.values(d.payload.data).includes(claim.id),
    );
    const detail = await deliveryDetail(delivery?.id as string);
    expect(detail.attemptLog[0]?.error).toMatch(/^refused: /);
  });
});
