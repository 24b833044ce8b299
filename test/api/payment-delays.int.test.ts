import type { FastifyInstance } from 'fastify';
import { beforeAll, describe, expect, it } from 'vitest';
import { PERIODIC_JOBS, productionJobHandlers } from '../../src/jobs/handlers.ts';
import { recordAuditEvents } from '../../src/modules/audit/index.ts';
import {
  changePaymentStatus,
  PAYMENT_DELAY_SWEEP_JOB,
  sweepPaymentDelays,
  sweepPaymentDelaysJob,
} from '../../src/modules/payments/index.ts';
import { systemActor } from '../../src/modules/users/actor.ts';
import { paymentScenario } from '../support/payment-fixtures.ts';
import { type Session, signInAs, testApp } from '../support/test-app.ts';
import { engineUnderTest, testDatabase } from '../support/test-database.ts';

// Delays: a sent payment the bank has not confirmed warns the payments desk on the 2nd banking day
// after its execution date and opens a payment-delay case on the 5th (the default settings), once
// each, however often the sweep runs. Time moves by passing `now`. Orders are executed on Monday
// 2026-03-02: the warning falls due on Wednesday the 4th, the case on Monday the 9th.

let app: FastifyInstance;
let desk: Session; // a payments-department agent: warned
let rep: Session; // a representative: not warned, reads the case

const EXECUTED = '2026-03-02';
const TUESDAY = new Date('2026-03-03T09:00:00Z');
const WEDNESDAY = new Date('2026-03-04T09:00:00Z');
const FRIDAY = new Date('2026-03-06T09:00:00Z');
const NEXT_MONDAY = new Date('2026-03-09T09:00:00Z');

beforeAll(async () => {
  app = await testApp();
  [desk, rep] = await Promise.all([
    signInAs('department_agent', { department: 'payments' }),
    signInAs('representative'),
  ]);
});

async function sweep(now: Date, customerIds: string[]) {
  const { db } = await testDatabase();
  return db.transaction().execute((trx) => sweepPaymentDelays(trx, { now, customerIds }));
}

async function sentPayment(opts: { status?: 'sent' | 'settled'; executionDate?: string } = {}) {
  const { db } = await testDatabase();
  return paymentScenario(db, {
    status: opts.status ?? 'sent',
    executionDate: opts.executionDate ?? EXECUTED,
    sentAt: new Date('2026-03-02T07:00:00Z'),
    amountMinor: 250_000,
  });
}

async function noticesOf(opts: { userId?: string; customerId?: string; kind: string; entityId?: string }) {
  const { db } = await testDatabase();
  let q = db.selectFrom('notifications').selectAll().where('kind', '=', opts.kind);
  if (opts.userId) q = q.where('user_id', '=', opts.userId);
  if (opts.customerId) q = q.where('customer_id', '=', opts.customerId).where('audience', '=', 'customer');
  if (opts.entityId) q = q.where('entity_id', '=', opts.entityId);
  return q.execute();
}

async function delayCases(claimId: string) {
  const { db } = await testDatabase();
  return db
    .selectFrom('service_cases')
    .selectAll()
    .where('claim_id', '=', claimId)
    .where('kind', '=', 'payment_delay')
    .execute();
}

async function auditActions(paymentId: string) {
  const { db } = await testDatabase();
  const rows = await db
    .selectFrom('audit_events')
    .select('action')
    .where('entity_id', '=', paymentId)
    .orderBy('seq')
    .execute();
  return rows.map((r) => r.action);
}

const quiet = { debug() {}, info() {}, warn() {}, error() {} };
const get = (s: Session, url: string) => app.inject({ method: 'GET', url, headers: s.headers });

describe('the payment delay sweep', () => {
  it('warns the payments desk once on the 2nd banking day, opens a linked case once on the 5th', async () => {
    const s = await sentPayment();
    const only = [s.customerId];

    expect(await sweep(TUESDAY, only)).toMatchObject({ orders: 0, warned: 0 });
    expect(await noticesOf({ kind: 'payment.delay_warning', entityId: s.payment.id })).toEqual([]);

    expect(await sweep(WEDNESDAY, only)).toEqual({
      orders: 1,
      warned: 1,
      casesOpened: 0,
      casesLinked: 0,
      skipped: 0,
    });
    const warnings = await noticesOf({
      userId: desk.userId,
      kind: 'payment.delay_warning',
      entityId: s.payment.id,
    });
    expect(warnings).toHaveLength(1);
    expect(warnings[0]?.body).toContain(s.payment.payment_number);
    expect(warnings[0]?.body).toContain(s.claimNumber);
    expect(await noticesOf({ userId: rep.userId, kind: 'payment.delay_warning' })).toEqual([]);
    expect(await auditActions(s.payment.id)).toEqual(['payment.delay_warning']);
    // Everyone warned (other files' payments agents too, on a shared database), to count repeats.
    const everyone = await noticesOf({ kind: 'payment.delay_warning', entityId: s.payment.id });

    // Again the same day, and later in the week: nothing new.
    expect(await sweep(WEDNESDAY, only)).toMatchObject({ orders: 0, warned: 0 });
    expect(await sweep(FRIDAY, only)).toMatchObject({ orders: 0, warned: 0 });
    expect(await noticesOf({ kind: 'payment.delay_warning', entityId: s.payment.id })).toHaveLength(
      everyone.length,
    );
    expect(await delayCases(s.claimId)).toEqual([]);

    expect(await sweep(NEXT_MONDAY, only)).toEqual({
      orders: 1,
      warned: 0,
      casesOpened: 1,
      casesLinked: 0,
      skipped: 0,
    });
    const [opened, ...more] = await delayCases(s.claimId);
    expect(more).toEqual([]);
    expect(opened).toMatchObject({ payment_id: s.payment.id, claim_id: s.claimId, status: 'open' });
    expect(opened?.subject).toContain(s.payment.payment_number);
    const told = await noticesOf({ customerId: s.customerId, kind: 'payment.delayed' });
    expect(told).toHaveLength(1);
    expect(told[0]?.body).toContain(opened?.case_number);
    expect(await auditActions(s.payment.id)).toEqual(['payment.delay_warning', 'payment.delay_case_opened']);

    expect(await sweep(new Date('2026-04-30T09:00:00Z'), only)).toMatchObject({ orders: 0 });
    expect(await delayCases(s.claimId)).toHaveLength(1);
    expect(await noticesOf({ customerId: s.customerId, kind: 'payment.delayed' })).toHaveLength(1);
    const { db } = await testDatabase();
    const row = await db
      .selectFrom('payment_orders')
      .select(['delay_stage', 'version', 'status'])
      .where('id', '=', s.payment.id)
      .executeTakeFirstOrThrow();
    // The sweep's bookkeeping does not bump the version a person or an import checks.
    expect(row).toEqual({ delay_stage: 2, version: s.payment.version, status: 'sent' });
  });

  it('a sweep that missed the warning does both at once; a settled order is never warned about', async () => {
    const late = await sentPayment();
    const settled = await sentPayment({ status: 'settled' });
    const result = await sweep(NEXT_MONDAY, [late.customerId, settled.customerId]);
    expect(result).toEqual({ orders: 1, warned: 1, casesOpened: 1, casesLinked: 0, skipped: 0 });
    expect(await noticesOf({ kind: 'payment.delay_warning', entityId: settled.payment.id })).toEqual([]);
    expect(await delayCases(settled.claimId)).toEqual([]);
    expect(await delayCases(late.claimId)).toHaveLength(1);
  });

  it('counts banking days: an order executed before Easter is not late on Easter Monday', async () => {
    const s = await sentPayment({ executionDate: '2026-04-02' }); // Thursday; Fri and Mon closed
    expect(await sweep(new Date('2026-04-06T09:00:00Z'), [s.customerId])).toMatchObject({ orders: 0 });
    expect(await sweep(new Date('2026-04-07T09:00:00Z'), [s.customerId])).toMatchObject({ orders: 0 });
    expect(await sweep(new Date('2026-04-08T09:00:00Z'), [s.customerId])).toMatchObject({ warned: 1 });
  });

  it('links to a live payment-delay case the customer already opened instead of opening another', async () => {
    const s = await sentPayment();
    const portal = await signInAs('customer', { customerId: s.customerId });
    const res = await app.inject({
      method: 'POST',
      url: '/cases',
      headers: portal.headers,
      payload: {
        kind: 'payment_delay',
        subject: 'Where is my money?',
        description: 'Approved but not arrived.',
        claimId: s.claimId,
      },
    });
    expect(res.statusCode, res.body).toBe(201);
    expect(await sweep(NEXT_MONDAY, [s.customerId])).toEqual({
      orders: 1,
      warned: 1,
      casesOpened: 0,
      casesLinked: 1,
      skipped: 0,
    });
    const cases = await delayCases(s.claimId);
    expect(cases.map((c) => [c.id, c.payment_id])).toEqual([[res.json().id, s.payment.id]]);
    expect(await noticesOf({ customerId: s.customerId, kind: 'payment.delayed' })).toEqual([]);
    expect(await auditActions(s.payment.id)).toEqual(['payment.delay_warning', 'payment.delay_case_linked']);
  });

  // PGlite has one session: two transactions at once need a PostgreSQL server.
  it.skipIf(engineUnderTest === 'pglite')(
    'leaves an order whose claim someone holds to the next run, then acts once',
    async () => {
      const s = await sentPayment();
      const { db } = await testDatabase();
      let release: () => void = () => {};
      const held = new Promise<void>((resolve) => {
        release = resolve;
      });
      let locked: () => void = () => {};
      const isLocked = new Promise<void>((resolve) => {
        locked = resolve;
      });
      const holder = db.transaction().execute(async (trx) => {
        await trx.selectFrom('claims').select('id').where('id', '=', s.claimId).forUpdate().execute();
        locked();
        await held;
      });
      await isLocked;
      try {
        expect(await sweep(NEXT_MONDAY, [s.customerId])).toMatchObject({ orders: 1, skipped: 1, warned: 0 });
      } finally {
        release();
        await holder;
      }
      expect(await auditActions(s.payment.id)).toEqual([]);
      expect(await sweep(NEXT_MONDAY, [s.customerId])).toMatchObject({
        orders: 1,
        skipped: 0,
        casesOpened: 1,
      });
    },
  );

  it.skipIf(engineUnderTest === 'pglite')('two sweeps at once act once', async () => {
    const s = await sentPayment();
    const results = await Promise.all([
      sweep(NEXT_MONDAY, [s.customerId]),
      sweep(NEXT_MONDAY, [s.customerId]),
    ]);
    expect(results.reduce((n, r) => n + r.warned, 0)).toBe(1);
    expect(results.reduce((n, r) => n + r.casesOpened, 0)).toBe(1);
    expect(await delayCases(s.claimId)).toHaveLength(1);
    expect(await auditActions(s.payment.id)).toEqual(['payment.delay_warning', 'payment.delay_case_opened']);
  });

  it('runs as the periodic job at the job’s clock', async () => {
    expect(PERIODIC_JOBS.map((p) => p.kind)).toContain(PAYMENT_DELAY_SWEEP_JOB);
    expect(productionJobHandlers({ engine: 'pglite', mail: {} as never })).toHaveProperty(
      PAYMENT_DELAY_SWEEP_JOB,
    );
    const s = await sentPayment();
    const { db } = await testDatabase();
    const run = (now: Date) =>
      db.transaction().execute((trx) =>
        sweepPaymentDelaysJob()({
          trx,
          job: {
            id: 0,
            kind: PAYMENT_DELAY_SWEEP_JOB,
            payload: { customerIds: [s.customerId] },
            attempts: 1,
            runAt: now,
          },
          log: quiet,
          now,
        }),
      );
    await run(WEDNESDAY);
    await run(NEXT_MONDAY);
    await run(NEXT_MONDAY);
    expect(await auditActions(s.payment.id)).toEqual(['payment.delay_warning', 'payment.delay_case_opened']);
    expect(await delayCases(s.claimId)).toHaveLength(1);
  });
});

describe('the payment on a payment-delay case', () => {
  it('shows the real state and history: sent, then returned by the bank with its reason', async () => {
    const s = await sentPayment();
    await sweep(NEXT_MONDAY, [s.customerId]);
    const [opened] = await delayCases(s.claimId);
    if (!opened) throw new Error('no case');
    type View = {
      paymentDelay: {
        payment: {
          state: string;
          source: string;
          orders: {
            paymentNumber: string;
            linked: boolean;
            status: string;
            amountMinor: number;
            sentAt: string | null;
            requestedExecutionDate: string;
            reason: { code: string | null; text: string } | null;
            history: { from: string | null; to: string; source: string; note: string | null; at: string }[];
          }[];
        };
      };
    };
    let view = (await get(rep, `/cases/${opened.id}`)).json() as View;
    expect(view.paymentDelay.payment).toMatchObject({
      state: 'sent',
      source: 'payment_orders',
      orders: [
        {
          paymentNumber: s.payment.payment_number,
          linked: true,
          status: 'sent',
          amountMinor: 250_000,
          requestedExecutionDate: EXECUTED,
          sentAt: '2026-03-02T07:00:00.000Z',
          reason: null,
        },
      ],
    });

    const { db } = await testDatabase();
    const returnedAt = new Date('2026-03-10T08:00:00Z');
    await db.transaction().execute(async (trx) => {
      const payment = await trx
        .selectFrom('payment_orders')
        .selectAll()
        .where('id', '=', s.payment.id)
        .forUpdate()
        .executeTakeFirstOrThrow();
      const changed = await changePaymentStatus(trx, {
        payment,
        to: 'returned',
        source: 'bank_file',
        actor: systemActor('test'),
        reason: 'Returned by the bank',
        reasonCode: 'AC04',
        set: { reason_code: 'AC04' },
        now: returnedAt,
      });
      await recordAuditEvents(trx, payment.customer_id, [changed.event]);
    });
    view = (await get(rep, `/cases/${opened.id}`)).json() as View;
    const [order] = view.paymentDelay.payment.orders;
    expect(view.paymentDelay.payment.state).toBe('returned');
    expect(order?.reason?.code).toBe('AC04');
    expect(order?.reason?.text.length).toBeGreaterThan(5);
    expect(order?.history).toEqual([
      {
        from: 'sent',
        to: 'returned',
        source: 'bank_file',
        reasonCode: 'AC04',
        note: 'Returned by the bank',
        at: returnedAt.toISOString(),
      },
    ]);
    // The customer sees the same facts, without the desk's notes.
    const portal = await signInAs('customer', { customerId: s.customerId });
    const mine = (await get(portal, `/cases/${opened.id}`)).json() as View;
    expect(mine.paymentDelay.payment.state).toBe('returned');
    expect(mine.paymentDelay.payment.orders[0]?.history[0]?.note).toBeNull();
  });
});
