import type { FastifyInstance } from 'fastify';
import { sql } from 'kysely';
import { beforeAll, describe, expect, it } from 'vitest';
import { newId } from '../../src/lib/ids.ts';
import { sweepDeadlines } from '../../src/modules/deadline-store/index.ts';
import {
  expireInformationRequest,
  sendInformationReminder,
} from '../../src/modules/information-requests/index.ts';
import {
  makeCustomer,
  makePolicy,
  makeProduct,
  payPremiums,
  STRAIGHT_THROUGH_CONFIG,
} from '../support/factories.ts';
import { runJob } from '../support/run-job.ts';
import { type Session, signInAs, testApp } from '../support/test-app.ts';
import { engineUnderTest, testDatabase } from '../support/test-database.ts';
import { claimBody, expectProblem, uniqueSuffix } from './api-helpers.ts';

// The walk-through of docs/lifecycle.md, end to end over HTTP on a team of its own:
//   A. registered without the receipt → the assessment asks the customer → clocks paused → the
//      customer answers in the portal → back in the owner's queue → approved within authority;
//   B. a claim above the representative's authority → escalated automatically → the supervisor
//      decides it;
//   C. a claim nobody touches → warned → escalated to the supervisor → then to the manager, by the
//      deadline sweep, exactly once.
// Plus the races the issue names: a reminder firing as the answer arrives, the expiry, and a sweep
// killed mid-way.

let app: FastifyInstance;
let clerk: Session; // registers the calls; not in the team, so never the owner
let rep: Session;
let sup: Session;
let manager: Session;
let team: string;

const DAY = 86_400_000;

beforeAll(async () => {
  app = await testApp();
  [clerk, rep, sup, manager] = await Promise.all([
    signInAs('representative'),
    signInAs('representative'),
    signInAs('supervisor'),
    signInAs('supervisor'),
  ]);
  team = `WT${uniqueSuffix().slice(-6)}`;
  const { db } = await testDatabase();
  await db
    .updateTable('users')
    .set({ team, manager_id: sup.userId, languages: ['sv', 'en'] })
    .where('id', '=', rep.userId)
    .execute();
  await db
    .updateTable('users')
    .set({ team, manager_id: manager.userId })
    .where('id', '=', sup.userId)
    .execute();
  // Created naming no product yet; each test's product is added below. (An empty list would make
  // it a catch-all team that takes other files' Swedish claims on a shared database.)
  await db
    .insertInto('teams')
    .values({ code: team, name: 'Walk-through team', country: 'SE', product_codes: ['-'] })
    .execute();
});

/** A customer with a portal login and a paid-up policy on a product only this file's team handles. */
async function insured(config: object = STRAIGHT_THROUGH_CONFIG) {
  const { db } = await testDatabase();
  const customer = await makeCustomer(db);
  const { product, version } = await makeProduct(db, { config });
  const policy = await makePolicy(db, { customerId: customer.id, productVersionId: version.id });
  await payPremiums(db, { policyId: policy.id, amountMinor: 12 * 19_900, paidOn: ['2026-01-01'] });
  // Route the product to this file's team (a team naming a product wins over catch-all teams).
  await sql`UPDATE teams SET product_codes = array_append(product_codes, ${product.code}) WHERE code = ${team}`.execute(
    db,
  );
  await db
    .insertInto('authority_limits')
    .values([
      {
        id: newId(),
        role: null,
        user_id: rep.userId,
        product_code: product.code,
        currency: 'SEK',
        max_amount_minor: 900_000,
        causes: null,
      },
      {
        id: newId(),
        role: null,
        user_id: sup.userId,
        product_code: product.code,
        currency: 'SEK',
        max_amount_minor: 5_000_000,
        causes: null,
      },
    ])
    .execute();
  const portal = await signInAs('customer', { customerId: customer.id });
  return { customer, product, policy, portal };
}

async function register(ctx: Awaited<ReturnType<typeof insured>>, amountMinor: number, documents: string[]) {
  const res = await app.inject({
    method: 'POST',
    url: '/claims',
    headers: clerk.headers,
    payload: claimBody(ctx.customer.id, ctx.policy.id, {
      channel: 'phone',
      cause: 'illness',
      documents,
      lines: [
        {
          benefitCode: 'MEDICAL_EXPENSES',
          description: 'Clinic',
          serviceDate: '2026-02-15',
          amountMinor,
          currency: 'SEK',
        },
      ],
    }),
  });
  expect(res.statusCode, res.body).toBe(201);
  return res.json() as { id: string; claimNumber: string; status: string; version: number };
}

const get = (session: Session, url: string) => app.inject({ method: 'GET', url, headers: session.headers });
const post = (session: Session, url: string, payload: Record<string, unknown>) =>
  app.inject({ method: 'POST', url, headers: session.headers, payload });

async function work(ref: string) {
  const res = await get(rep, `/claims/${ref}/work`);
  expect(res.statusCode, res.body).toBe(200);
  return res.json();
}

describe('A. request for information → answer → approve within authority', () => {
  it('walks through, pausing the legal clock while the customer is asked', async () => {
    const ctx = await insured();
    const claim = await register(ctx, 600_000, []);
    // The assessment found the receipt missing and asked the customer itself.
    expect(claim.status).toBe('awaiting_information');
    let w = await work(claim.claimNumber);
    expect(w.workItem).toMatchObject({ ownerId: rep.userId, team, open: true, deadlineState: 'paused' });
    expect(w.informationRequests).toMatchObject([
      {
        status: 'open',
        items: [{ kind: 'document', document: 'receipt' }],
        channel: 'portal',
        requestedBy: null,
      },
    ]);
    const clocks = Object.fromEntries(w.deadlines.map((d: { policy: string }) => [d.policy, d]));
    expect(clocks['se.fal.claim_payment']).toMatchObject({
      status: 'paused',
      dueAt: null,
      pauses: [{ to: null }],
    });
    expect(clocks['internal.first_contact']).toMatchObject({ status: 'met' }); // asking is contacting

    // The customer sees the request in the portal, in Swedish, and answers there.
    const inbox = (await get(ctx.portal, '/notifications')).json().items;
    expect(inbox[0]).toMatchObject({ kind: 'information.requested', channel: 'portal', language: 'sv' });
    expect(inbox[0].body).toContain('kvittot');
    const answered = await post(ctx.portal, `/claims/${claim.claimNumber}/information-requests/answer`, {
      documents: ['receipt'],
    });
    expect(answered.statusCode, answered.body).toBe(200);
    // Above the straight-through limit: back in the owner's queue with a fresh assessment.
    expect(answered.json()).toMatchObject({
      status: 'in_review',
      documents: ['receipt'],
      assessment: { seq: 2, recommendation: 'approve' },
    });
    w = await work(claim.claimNumber);
    const fal = w.deadlines.find((d: { policy: string }) => d.policy === 'se.fal.claim_payment');
    expect(fal).toMatchObject({ status: 'running', state: 'on_track' });
    expect(fal.pauses).toHaveLength(1);
    expect(fal.pauses[0].to).not.toBeNull();
    const mine = (await get(rep, '/queues/personal?limit=200'))
      .json()
      .items.map((i: { reference: string }) => i.reference);
    expect(mine).toContain(claim.claimNumber);
    const repInbox = (await get(rep, '/notifications')).json().items.map((n: { kind: string }) => n.kind);
    expect(repInbox).toContain('information.answered');

    // A second answer to the same request is refused: nothing is waiting any more.
    expectProblem(
      await post(ctx.portal, `/claims/${claim.claimNumber}/information-requests/answer`, {
        documents: ['receipt'],
      }),
      409,
      'information_request_closed',
    );

    // Within the representative's authority (9 000 SEK): decided, out of the queue, clocks met.
    const version = answered.json().version;
    const decided = await post(rep, `/claims/${claim.claimNumber}/decision`, { version, outcome: 'approve' });
    expect(decided.statusCode, decided.body).toBe(201);
    expect(decided.json()).toMatchObject({ result: 'decided', claim: { status: 'approved' } });
    w = await work(claim.claimNumber);
    expect(w.workItem.open).toBe(false);
    expect(w.deadlines.every((d: { status: string }) => d.status === 'met')).toBe(true);
  });
});

describe('B. above authority → escalated → the supervisor decides', () => {
  it('escalates automatically with the proposal, and the supervisor decides from the escalations queue', async () => {
    const ctx = await insured();
    const claim = await register(ctx, 2_000_000, ['receipt']);
    expect(claim.status).toBe('in_review');
    const proposed = await post(rep, `/claims/${claim.claimNumber}/decision`, {
      version: claim.version,
      outcome: 'approve',
    });
    expect(proposed.statusCode, proposed.body).toBe(202);
    expect(proposed.json()).toMatchObject({
      result: 'escalated',
      claim: { status: 'escalated' },
      escalation: { reason: 'above_authority' },
    });
    const queue = (await get(sup, '/queues/escalations?limit=200')).json().items;
    const item = queue.find((i: { reference: string }) => i.reference === claim.claimNumber);
    expect(item).toMatchObject({ escalatedTo: sup.userId, ownerId: rep.userId });
    const decided = await post(sup, `/claims/${claim.claimNumber}/decision`, {
      version: proposed.json().claim.version,
      outcome: 'approve',
    });
    expect(decided.statusCode, decided.body).toBe(201);
    expect(decided.json()).toMatchObject({
      claim: { status: 'approved' },
      decision: { decidedBy: sup.userId },
    });
  });
});

describe('C. untouched → warned → escalated to the supervisor, then the manager', () => {
  it('the sweep acts on each threshold exactly once, and a sweep rolled back mid-way changes nothing', async () => {
    const ctx = await insured();
    const claim = await register(ctx, 2_000_000, ['receipt']);
    const { db } = await testDatabase();
    const only = { customerIds: [ctx.customer.id] };
    const alerts = () =>
      db
        .selectFrom('deadline_alerts')
        .innerJoin('deadlines', 'deadlines.id', 'deadline_alerts.deadline_id')
        .select(['deadlines.policy_code', 'deadline_alerts.kind', 'deadline_alerts.notified_user_id'])
        .where('deadline_alerts.customer_id', '=', ctx.customer.id)
        .orderBy('deadline_alerts.occurred_at')
        .orderBy('deadline_alerts.stage')
        .execute();

    // Ten days on, nobody has called the customer: the first-contact clock (one business day) is
    // past its breach and its second step, while the one-month payment clock is still short of its
    // 50 % warning. First a worker dies mid-sweep: its transaction rolls back and leaves nothing.
    const later = new Date(Date.now() + 10 * DAY);
    await expect(
      db.transaction().execute(async (trx) => {
        await sweepDeadlines(trx, { now: later, limit: 500, ...only });
        throw new Error('worker killed');
      }),
    ).rejects.toThrow('worker killed');
    expect(await alerts()).toEqual([]);

    await db.transaction().execute((trx) => sweepDeadlines(trx, { now: later, limit: 500, ...only }));
    await db.transaction().execute((trx) => sweepDeadlines(trx, { now: later, limit: 500, ...only })); // again: nothing new
    // Every threshold passed is recorded once; the owner is not told of warnings the breach overtook.
    expect((await alerts()).map((a) => [a.policy_code, a.kind, a.notified_user_id])).toEqual([
      ['internal.first_contact', 'warning', rep.userId],
      ['internal.first_contact', 'warning', rep.userId],
      ['internal.first_contact', 'breach', sup.userId],
      ['internal.first_contact', 'second_escalation', manager.userId],
    ]);
    const repInbox = (await get(rep, '/notifications')).json().items;
    expect(repInbox.filter((n: { kind: string }) => n.kind === 'deadline.warning')).toEqual([]);
    const w = await work(claim.claimNumber);
    expect(w.workItem).toMatchObject({
      escalatedTo: manager.userId,
      escalationLevel: 2,
      deadlineState: 'breached',
    });
    const supInbox = (await get(sup, '/notifications'))
      .json()
      .items.filter((n: { entityId: string }) => n.entityId === w.workItem.id);
    expect(supInbox.map((n: { kind: string }) => n.kind)).toEqual(['deadline.breached']);
    const managerInbox = (await get(manager, '/notifications'))
      .json()
      .items.filter((n: { entityId: string }) => n.entityId === w.workItem.id);
    expect(managerInbox.map((n: { kind: string }) => n.kind)).toEqual(['deadline.second_escalation']);
    const history = await db
      .selectFrom('audit_events')
      .select('action')
      .where('customer_id', '=', ctx.customer.id)
      .where('action', 'like', 'deadline.%')
      .where('actor_role', '=', 'system')
      .execute();
    expect(history.map((h) => h.action).sort()).toEqual([
      'deadline.breached',
      'deadline.escalated',
      'deadline.warning',
      'deadline.warning',
    ]);

    // Twenty days on, the one-month payment clock passes its 50 % warning: the owner is told.
    await db
      .transaction()
      .execute((trx) => sweepDeadlines(trx, { now: new Date(Date.now() + 20 * DAY), limit: 500, ...only }));
    expect((await alerts()).slice(4).map((a) => [a.policy_code, a.kind, a.notified_user_id])).toEqual([
      ['se.fal.claim_payment', 'warning', rep.userId],
    ]);
  });
});

describe('races and the final date', () => {
  it.runIf(engineUnderTest === 'postgres')(
    'the sweep never waits for an item a person is working on: it leaves it to the next sweep (no deadlock)',
    async () => {
      const ctx = await insured();
      const claim = await register(ctx, 2_000_000, ['receipt']);
      const { db } = await testDatabase();
      const sweep = () =>
        db.transaction().execute((trx) =>
          sweepDeadlines(trx, {
            now: new Date(Date.now() + 10 * DAY),
            limit: 500,
            customerIds: [ctx.customer.id],
          }),
        );
      let release = () => {};
      const held = new Promise<void>((resolve) => {
        release = resolve;
      });
      let locked = () => {};
      const isLocked = new Promise<void>((resolve) => {
        locked = resolve;
      });
      // A person's transaction holds the item (as a decision does), on another connection.
      const person = db.transaction().execute(async (trx) => {
        await trx
          .selectFrom('work_items')
          .select('id')
          .where('subject_id', '=', claim.id)
          .forUpdate()
          .execute();
        locked();
        await held;
      });
      await isLocked;
      const during = await sweep();
      expect(during.alerts).toBe(0);
      release();
      await person;
      const after = await sweep();
      expect(after.alerts).toBeGreaterThan(0);
    },
  );

  it('a reminder that fires after the answer sends nothing; one before it is sent once', async () => {
    const ctx = await insured();
    const claim = await register(ctx, 600_000, []);
    const { db } = await testDatabase();
    const request = await db
      .selectFrom('information_requests')
      .selectAll()
      .where('claim_id', '=', claim.id)
      .executeTakeFirstOrThrow();
    const remind = (n: number) =>
      runJob(sendInformationReminder, 'information.reminder', { informationRequestId: request.id, n });
    // The first reminder runs twice (a crashed worker's retry): one notice.
    await remind(1);
    await remind(1);
    // The answer and the second reminder at the same moment: whichever takes the row lock first, the
    // request ends answered and the claim in review, and the second reminder is not sent after it.
    const [answer] = await Promise.all([
      post(ctx.portal, `/claims/${claim.claimNumber}/information-requests/answer`, {
        documents: ['receipt'],
      }),
      remind(2),
    ]);
    expect(answer.statusCode, answer.body).toBe(200);
    await remind(3);
    const notices = await db
      .selectFrom('notifications')
      .select('kind')
      .where('customer_id', '=', ctx.customer.id)
      .where('kind', '=', 'information.reminder')
      .execute();
    expect(notices.length === 1 || notices.length === 2).toBe(true); // reminder 2 may have won the race
    const after = await db
      .selectFrom('information_requests')
      .selectAll()
      .where('id', '=', request.id)
      .executeTakeFirstOrThrow();
    expect(after.status).toBe('answered');
    expect(after.reminders_sent).toBe(notices.length);
  });

  it('a product that denies without an answer records a denial (reason no_answer, its clause) and sends the decision notice', async () => {
    const ctx = await insured({
      ...STRAIGHT_THROUGH_CONFIG,
      informationRequests: { answerDays: 14, reminderDaysBefore: [7, 2], onNoAnswer: 'deny', clause: '§9.1' },
    });
    const claim = await register(ctx, 600_000, []);
    const { db } = await testDatabase();
    const request = await db
      .selectFrom('information_requests')
      .selectAll()
      .where('claim_id', '=', claim.id)
      .executeTakeFirstOrThrow();
    expect(request.due_on > new Date().toISOString().slice(0, 10)).toBe(true);
    await runJob(expireInformationRequest, 'information.expire', { informationRequestId: request.id });
    const decisions = await db
      .selectFrom('claim_decisions')
      .selectAll()
      .where('claim_id', '=', claim.id)
      .execute();
    expect(decisions).toMatchObject([
      {
        outcome: 'denied',
        amount_minor: 0,
        reason_codes: ['no_answer'],
        clauses: ['§9.1'],
        decided_by: null,
      },
    ]);
    const row = await db
      .selectFrom('claims')
      .select('status')
      .where('id', '=', claim.id)
      .executeTakeFirstOrThrow();
    expect(row.status).toBe('denied');
    const kinds = await db
      .selectFrom('notifications')
      .select('kind')
      .where('customer_id', '=', ctx.customer.id)
      .where('audience', '=', 'customer')
      .execute();
    expect(kinds.map((k) => k.kind).sort()).toEqual([
      'claim.acknowledged',
      'claim.closed_no_answer',
      'claim.decided',
      'information.requested',
    ]);
    expect((await work(claim.claimNumber)).workItem.open).toBe(false);
  });

  it('no answer by the final date closes the claim as the product says, tells the customer, and a late answer is refused', async () => {
    const ctx = await insured();
    const claim = await register(ctx, 600_000, []);
    const { db } = await testDatabase();
    const request = await db
      .selectFrom('information_requests')
      .selectAll()
      .where('claim_id', '=', claim.id)
      .executeTakeFirstOrThrow();
    const expire = () =>
      runJob(expireInformationRequest, 'information.expire', { informationRequestId: request.id });
    await expire();
    await expire(); // a retried job finds the work done
    const row = await db
      .selectFrom('claims')
      .select('status')
      .where('id', '=', claim.id)
      .executeTakeFirstOrThrow();
    expect(row.status).toBe('closed');
    const notices = await db
      .selectFrom('notifications')
      .select(['kind', 'language', 'body'])
      .where('customer_id', '=', ctx.customer.id)
      .where('kind', '=', 'claim.closed_no_answer')
      .execute();
    expect(notices).toHaveLength(1);
    expect(notices[0]?.language).toBe('sv');
    expectProblem(
      await post(ctx.portal, `/claims/${claim.claimNumber}/information-requests/answer`, {
        documents: ['receipt'],
      }),
      409,
      'information_request_closed',
    );
    const w = await work(claim.claimNumber);
    expect(w.workItem.open).toBe(false);
  });
});
