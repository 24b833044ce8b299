import { createHash } from 'node:crypto';
import type { FastifyInstance } from 'fastify';
import { sql } from 'kysely';
import { beforeAll, describe, expect, it } from 'vitest';
import { newId } from '../../src/lib/ids.ts';
import { recordAuditEvents } from '../../src/modules/audit/index.ts';
import {
  openCase,
  openServiceCaseInTransaction,
  PAYMENT_SETTLED_RESOLUTION,
  postCaseMessage,
  settlePaymentDelayCases,
} from '../../src/modules/cases/index.ts';
import { type Actor, systemActor } from '../../src/modules/users/actor.ts';
import {
  makeCustomer,
  makePolicy,
  makeProduct,
  payPremiums,
  STRAIGHT_THROUGH_CONFIG,
} from '../support/factories.ts';
import { type Session, signInAs, testApp } from '../support/test-app.ts';
import { testDatabase } from '../support/test-database.ts';
import { claimBody, expectProblem, fieldErrors, uniqueSuffix } from './api-helpers.ts';

// Service cases end to end over HTTP, on a Swedish team of this file's own (its customers hold
// policies on products only this team names, so their cases come here): each kind opened by staff
// and by a customer, the transition table and its guards, scoping (404 for someone else's case),
// asking the customer (clocks pause and the due date moves), versions, idempotent retries, the
// payment delay that closes itself when the payment settles, and bad input with field paths.

let app: FastifyInstance;
let anna: Session;
let bo: Session;
let sup: Session;
let team: string;

beforeAll(async () => {
  app = await testApp();
  [anna, bo, sup] = await Promise.all([
    signInAs('representative'),
    signInAs('representative'),
    signInAs('supervisor'),
  ]);
  team = `CS${uniqueSuffix().slice(-6)}`;
  const { db } = await testDatabase();
  await db
    .updateTable('users')
    .set({ team, manager_id: sup.userId })
    .where('id', 'in', [anna.userId, bo.userId])
    .execute();
  await db.updateTable('users').set({ team }).where('id', '=', sup.userId).execute();
  // Names no product yet (an empty list would make it a catch-all for other files' claims).
  await db
    .insertInto('teams')
    .values({ code: team, name: 'Case team', country: 'SE', product_codes: ['-'] })
    .execute();
});

/** A customer with a portal login and a paid-up policy on a product this file's team handles. */
async function insured() {
  const { db } = await testDatabase();
  const customer = await makeCustomer(db);
  const { product, version } = await makeProduct(db, { config: STRAIGHT_THROUGH_CONFIG });
  const policy = await makePolicy(db, { customerId: customer.id, productVersionId: version.id });
  await payPremiums(db, { policyId: policy.id, amountMinor: 19_900, paidOn: ['2026-01-01', '2026-02-01'] });
  await sql`UPDATE teams SET product_codes = array_append(product_codes, ${product.code}) WHERE code = ${team}`.execute(
    db,
  );
  const portal = await signInAs('customer', { customerId: customer.id });
  return { customer, product, policy, portal };
}

/** A small clean claim, approved straight through (under the product's 5 000 SEK limit). */
async function approvedClaim(ctx: { customer: { id: string }; policy: { id: string } }) {
  const res = await post(anna, '/claims', {
    ...claimBody(ctx.customer.id, ctx.policy.id, { documents: ['receipt'] }),
    lines: [
      {
        benefitCode: 'MEDICAL_EXPENSES',
        description: 'Clinic visit',
        serviceDate: '2026-02-15',
        amountMinor: 120_000,
        currency: 'SEK',
      },
    ],
  });
  expect(res.statusCode, res.body).toBe(201);
  expect(res.json().status).toBe('approved');
  return res.json() as { id: string; claimNumber: string };
}

const get = (s: Session, url: string) => app.inject({ method: 'GET', url, headers: s.headers });
const post = (s: Session, url: string, payload: Record<string, unknown>, key?: string) =>
  app.inject({
    method: 'POST',
    url,
    headers: { ...s.headers, ...(key ? { 'idempotency-key': key } : {}) },
    payload,
  });

type CaseJson = {
  id: string;
  caseNumber: string;
  status: string;
  kind: string;
  channel: string;
  version: number;
  resolution: string | null;
  messages: { visibility: string; body: string; authorKind: string; authorUserId: string | null }[];
  workItem: {
    ownerId: string | null;
    team: string | null;
    open: boolean;
    dueAt: string | null;
    deadlineState: string;
    version: number;
  } | null;
  paymentDelay: {
    claim: { claimNumber: string; status: string };
    decision: { outcome: string; payableMinor: number; currency: string } | null;
    payment: { state: string; source: string };
  } | null;
  renewal: {
    policy: { policyNumber: string; renewalDate: string; endsOn: string };
    premiumStatus: { state: string };
    latestPayments: { paidOn: string }[];
  } | null;
};

async function openInquiry(customerId: string, by: Session = anna, extra: Record<string, unknown> = {}) {
  const res = await post(by, '/cases', {
    customerId,
    kind: 'general_inquiry',
    subject: 'Question about my cover',
    description: 'Does my travel insurance cover skiing?',
    channel: 'phone',
    ...extra,
  });
  expect(res.statusCode, res.body).toBe(201);
  return res.json() as CaseJson;
}

async function customerNotices(customerId: string, kind: string) {
  const { db } = await testDatabase();
  return db
    .selectFrom('notifications')
    .selectAll()
    .where('customer_id', '=', customerId)
    .where('audience', '=', 'customer')
    .where('kind', '=', kind)
    .execute();
}

async function clocksOf(caseId: string) {
  const { db } = await testDatabase();
  return db
    .selectFrom('deadlines')
    .innerJoin('work_items', 'work_items.id', 'deadlines.work_item_id')
    .select(['deadlines.policy_code', 'deadlines.status', 'deadlines.due_at', 'deadlines.calendar'])
    .where('work_items.kind', '=', 'service_case')
    .where('work_items.subject_id', '=', caseId)
    .orderBy('deadlines.created_at')
    .execute();
}

describe('opening cases', () => {
  it('staff open a general inquiry: numbered, routed to the country’s team, clock started, customer acknowledged', async () => {
    const ctx = await insured();
    const opened = await openInquiry(ctx.customer.id);
    expect(opened).toMatchObject({
      caseNumber: expect.stringMatching(/^CASE-\d{4}-\d{6}$/),
      kind: 'general_inquiry',
      status: 'open',
      channel: 'phone',
      version: 1,
      paymentDelay: null,
      renewal: null,
    });
    expect(opened.workItem?.team).toBe(team);
    expect([anna.userId, bo.userId]).toContain(opened.workItem?.ownerId);
    expect(opened.workItem?.deadlineState).toBe('on_track');
    const clocks = await clocksOf(opened.id);
    expect(clocks.map((c) => [c.policy_code, c.status, c.calendar])).toEqual([
      ['internal.case_answer', 'running', 'SE'],
    ]);
    const [ack] = await customerNotices(ctx.customer.id, 'case.opened');
    expect(ack?.body).toContain(opened.caseNumber);
    // The answer-by date is the clock's due day (Stockholm), in the customer's language (Swedish).
    expect(ack?.language).toBe('sv');
    expect(ack?.body).toMatch(/\d{4}-\d{2}-\d{2}/);
    const { db } = await testDatabase();
    const events = await db
      .selectFrom('audit_events')
      .select('action')
      .where('entity_id', '=', opened.id)
      .execute();
    expect(events.map((e) => e.action)).toContain('case.opened');
    // The case is findable by its number as well as its id.
    expect((await get(anna, `/cases/${opened.caseNumber.toLowerCase()}`)).json().id).toBe(opened.id);
  });

  it('staff open a payment delay on a claim: the view shows the claim, its decision and the payment state', async () => {
    const ctx = await insured();
    const claim = await approvedClaim(ctx);
    const res = await post(anna, '/cases', {
      customerId: ctx.customer.id,
      kind: 'payment_delay',
      subject: 'Payment not received',
      description: 'My claim was approved two weeks ago and nothing has arrived.',
      channel: 'email',
      claimId: claim.id,
    });
    expect(res.statusCode, res.body).toBe(201);
    const c = res.json() as CaseJson & { policyId: string };
    expect(c.policyId).toBe(ctx.policy.id); // the claim brings its policy
    expect(c.paymentDelay).toMatchObject({
      claim: { claimNumber: claim.claimNumber, status: 'approved' },
      decision: { outcome: 'approved', payableMinor: 120_000, currency: 'SEK' },
      // The approval made a payment order; the customer has no bank account on file yet.
      payment: {
        state: 'awaiting_account',
        source: 'payment_orders',
        orders: [{ status: 'awaiting_account' }],
      },
    });
  });

  it('a customer opens a renewal problem for themself: portal channel, the policy period and premium state', async () => {
    const ctx = await insured();
    const res = await post(ctx.portal, '/cases', {
      kind: 'renewal_problem',
      subject: 'Renewal price',
      description: 'Why did my premium go up at renewal?',
      policyId: ctx.policy.id,
    });
    expect(res.statusCode, res.body).toBe(201);
    const c = res.json() as CaseJson & { customerId: string };
    expect(c).toMatchObject({ customerId: ctx.customer.id, channel: 'portal', workItem: null });
    expect(c.renewal).toMatchObject({
      policy: { policyNumber: ctx.policy.policyNumber, endsOn: '2027-01-01', renewalDate: '2027-01-01' },
      premiumStatus: { state: expect.stringMatching(/^(paid|grace_period|overdue|lapsed)$/) },
    });
    expect(c.renewal?.latestPayments.map((p) => p.paidOn)).toEqual(['2026-02-01', '2026-01-01']);
  });

  it('a customer opens a payment delay and a general inquiry, but never for someone else (404)', async () => {
    const ctx = await insured();
    const other = await insured();
    const claim = await approvedClaim(ctx);
    const delay = await post(ctx.portal, '/cases', {
      kind: 'payment_delay',
      subject: 'Where is my money?',
      description: 'Approved but not paid.',
      claimId: claim.id,
    });
    expect(delay.statusCode, delay.body).toBe(201);
    expect(delay.json().paymentDelay.payment.state).toBe('awaiting_account');
    const inquiry = await post(ctx.portal, '/cases', {
      customerId: ctx.customer.id,
      kind: 'general_inquiry',
      subject: 'Address',
      description: 'Where do I send the original receipts?',
    });
    expect(inquiry.statusCode, inquiry.body).toBe(201);
    const foreign = await post(ctx.portal, '/cases', {
      customerId: other.customer.id,
      kind: 'general_inquiry',
      subject: 'Sneaky',
      description: 'A case for somebody else',
    });
    expectProblem(foreign, 404, 'not_found');
    // Another customer's claim is not a link the customer can make either.
    const foreignClaim = await approvedClaim(other);
    const linked = await post(ctx.portal, '/cases', {
      kind: 'payment_delay',
      subject: 'Not mine',
      description: 'Someone else’s claim',
      claimId: foreignClaim.id,
    });
    expect(fieldErrors(expectProblem(linked, 422, 'case_link_invalid'))).toEqual([
      { path: ['claimId'], pointer: '/claimId', code: 'case_link_invalid' },
    ]);
  });

  it('accepts account changes here and sends complaints to their own endpoint', async () => {
    const ctx = await insured();
    const change = await post(anna, '/cases', {
      customerId: ctx.customer.id,
      kind: 'account_change',
      subject: 'New address',
      description: 'Moved to Göteborg',
    });
    expect(change.statusCode, change.body).toBe(201);
    const complaint = await post(anna, '/cases', {
      customerId: ctx.customer.id,
      kind: 'complaint',
      subject: 'Unhappy',
      description: 'The handling took too long',
    });
    const problem = expectProblem(complaint, 422, 'case_kind_mismatch');
    expect(problem.detail).toContain('POST /complaints');
    expect(fieldErrors(problem)).toEqual([{ path: ['kind'], pointer: '/kind', code: 'case_kind_mismatch' }]);
  });

  it('refuses bad input with field paths and writes nothing', async () => {
    const ctx = await insured();
    const { db } = await testDatabase();
    const count = async () =>
      Number(
        (
          await db
            .selectFrom('service_cases')
            .select((eb) => eb.fn.countAll<number>().as('n'))
            .where('customer_id', '=', ctx.customer.id)
            .executeTakeFirstOrThrow()
        ).n,
      );
    const shape = await post(anna, '/cases', {
      customerId: 'not-a-uuid',
      kind: 'lost_luggage',
      subject: '',
      description: 'x',
      surprise: true,
    });
    const paths = fieldErrors(expectProblem(shape, 400, 'validation_failed')).map((e) => e.pointer);
    expect(paths).toEqual(expect.arrayContaining(['/customerId', '/kind', '/subject']));
    const noClaim = await post(anna, '/cases', {
      customerId: ctx.customer.id,
      kind: 'payment_delay',
      subject: 'Late',
      description: 'Late payment',
    });
    expect(fieldErrors(expectProblem(noClaim, 400, 'validation_failed'))).toEqual([
      { path: ['claimId'], pointer: '/claimId', code: 'required' },
    ]);
    const noPolicy = await post(anna, '/cases', {
      customerId: ctx.customer.id,
      kind: 'renewal_problem',
      subject: 'Renewal',
      description: 'Renewal problem',
    });
    expect(fieldErrors(expectProblem(noPolicy, 400, 'validation_failed'))[0]?.path).toEqual(['policyId']);
    const category = await post(anna, '/cases', {
      customerId: ctx.customer.id,
      kind: 'general_inquiry',
      category: 'payment_delay', // a category of another kind
      subject: 'Q',
      description: 'A question',
    });
    expect(fieldErrors(expectProblem(category, 422, 'case_category_unknown'))[0]?.path).toEqual(['category']);
    const noCustomer = await post(anna, '/cases', {
      kind: 'general_inquiry',
      subject: 'Q',
      description: 'A question',
    });
    expect(fieldErrors(expectProblem(noCustomer, 400, 'validation_failed'))[0]?.path).toEqual(['customerId']);
    const unknownCustomer = await post(anna, '/cases', {
      customerId: newId(),
      kind: 'general_inquiry',
      subject: 'Q',
      description: 'A question',
    });
    expectProblem(unknownCustomer, 422, 'customer_not_found');
    expect(await count()).toBe(0);
  });

  it('an Idempotency-Key retry returns the first case and opens no second one', async () => {
    const ctx = await insured();
    const key = `case-${uniqueSuffix()}`;
    const body = {
      customerId: ctx.customer.id,
      kind: 'general_inquiry',
      subject: 'Retry',
      description: 'The network timed out',
    };
    const first = await post(anna, '/cases', body, key);
    expect(first.statusCode, first.body).toBe(201);
    const again = await post(anna, '/cases', body, key);
    expect(again.statusCode).toBe(200);
    expect(again.headers['idempotent-replayed']).toBe('true');
    expect(again.json().id).toBe(first.json().id);
    const reused = await post(anna, '/cases', { ...body, subject: 'Something else' }, key);
    expectProblem(reused, 409, 'idempotency_key_reused');
    const { db } = await testDatabase();
    const rows = await db
      .selectFrom('service_cases')
      .select('id')
      .where('customer_id', '=', ctx.customer.id)
      .execute();
    expect(rows).toHaveLength(1);
    expect(await customerNotices(ctx.customer.id, 'case.opened')).toHaveLength(1);
  });
});

describe('moving cases', () => {
  it('follows the table, refuses illegal moves with the allowed targets, and checks the version', async () => {
    const ctx = await insured();
    const c = await openInquiry(ctx.customer.id);
    const illegal = await post(anna, `/cases/${c.id}/status`, { to: 'closed', reason: 'Done', version: 1 });
    const problem = expectProblem(illegal, 409, 'case_transition_not_allowed');
    expect(problem).toMatchObject({
      from: 'open',
      to: 'closed',
      allowed: ['in_progress', 'awaiting_customer', 'awaiting_department', 'resolved', 'withdrawn'],
    });
    const started = await post(anna, `/cases/${c.id}/status`, {
      to: 'in_progress',
      reason: 'Looking',
      version: 1,
    });
    expect(started.statusCode, started.body).toBe(200);
    expect(started.json()).toMatchObject({ status: 'in_progress', version: 2 });
    const stale = await post(bo, `/cases/${c.id}/status`, {
      to: 'resolved',
      reason: 'Answered',
      resolution: 'Yes',
      version: 1,
    });
    expect(expectProblem(stale, 409, 'version_conflict').currentVersion).toBe(2);
    const noResolution = await post(anna, `/cases/${c.id}/status`, {
      to: 'resolved',
      reason: 'Done',
      version: 2,
    });
    expect(fieldErrors(expectProblem(noResolution, 400, 'validation_failed'))).toEqual([
      { path: ['resolution'], pointer: '/resolution', code: 'required' },
    ]);
    const resolved = await post(anna, `/cases/${c.id}/status`, {
      to: 'resolved',
      reason: 'Answered on the phone',
      resolution: 'Skiing on marked slopes is covered',
      version: 2,
    });
    expect(resolved.statusCode, resolved.body).toBe(200);
    expect(resolved.json()).toMatchObject({
      status: 'resolved',
      resolution: 'Skiing on marked slopes is covered',
    });
    expect(resolved.json().workItem).toMatchObject({ open: false, deadlineState: 'none', dueAt: null });
    expect((await clocksOf(c.id)).map((k) => k.status)).toEqual(['met']);
    const [notice] = await customerNotices(ctx.customer.id, 'case.resolved');
    expect(notice?.body).toContain('Skiing on marked slopes is covered');

    // Reopened: back in the queue with a fresh clock; then closed for good.
    const reopened = await post(anna, `/cases/${c.id}/status`, {
      to: 'in_progress',
      reason: 'Customer called back',
      version: 3,
    });
    expect(reopened.json()).toMatchObject({ status: 'in_progress', resolution: null });
    expect(reopened.json().workItem).toMatchObject({ open: true, deadlineState: 'on_track' });
    expect((await clocksOf(c.id)).map((k) => k.status)).toEqual(['met', 'running']);
    await post(anna, `/cases/${c.id}/status`, {
      to: 'resolved',
      reason: 'Again',
      resolution: 'Sent the terms',
      version: 4,
    });
    const closed = await post(anna, `/cases/${c.id}/status`, {
      to: 'closed',
      reason: 'Nothing more',
      version: 5,
    });
    expect(closed.json()).toMatchObject({ status: 'closed', closedAt: expect.any(String) });
    const after = await post(anna, `/cases/${c.id}/status`, {
      to: 'in_progress',
      reason: 'Again?',
      version: 6,
    });
    expect(expectProblem(after, 409, 'case_transition_not_allowed').allowed).toEqual([]);
    const message = await post(ctx.portal, `/cases/${c.id}/messages`, { body: 'One more thing' });
    expectProblem(message, 409, 'case_closed');
  });

  it('lets a customer withdraw their own case, and nothing else; another customer gets 404', async () => {
    const ctx = await insured();
    const other = await insured();
    const c = await openInquiry(ctx.customer.id);
    expectProblem(await get(other.portal, `/cases/${c.id}`), 404, 'not_found');
    expectProblem(await get(other.portal, `/cases/${c.caseNumber}`), 404, 'not_found');
    expectProblem(
      await post(other.portal, `/cases/${c.id}/status`, { to: 'withdrawn', reason: 'Not mine', version: 1 }),
      404,
      'not_found',
    );
    expectProblem(await post(other.portal, `/cases/${c.id}/messages`, { body: 'Hello?' }), 404, 'not_found');
    expectProblem(
      await post(ctx.portal, `/cases/${c.id}/status`, { to: 'in_progress', reason: 'Hurry', version: 1 }),
      403,
      'forbidden',
    );
    const withdrawn = await post(ctx.portal, `/cases/${c.id}/status`, {
      to: 'withdrawn',
      reason: 'Found the answer myself',
      version: 1,
    });
    expect(withdrawn.statusCode, withdrawn.body).toBe(200);
    expect(withdrawn.json()).toMatchObject({ status: 'withdrawn', workItem: null });
    expect((await clocksOf(c.id)).map((k) => k.status)).toEqual(['cancelled']);
    const { db } = await testDatabase();
    const item = await db
      .selectFrom('work_items')
      .select(['open', 'subject_status'])
      .where('subject_id', '=', c.id)
      .executeTakeFirstOrThrow();
    expect(item).toEqual({ open: false, subject_status: 'withdrawn' });
    expect(await customerNotices(ctx.customer.id, 'case.withdrawn')).toHaveLength(1);
  });

  it('keeps a complaint open until its final answer', async () => {
    const ctx = await insured();
    const { db } = await testDatabase();
    const actor = systemActor('complaints-test');
    const complaint = await db.transaction().execute(async (trx) => {
      const { serviceCase, events } = await openServiceCaseInTransaction(trx, {
        customerId: ctx.customer.id,
        kind: 'complaint',
        subject: 'Slow handling',
        description: 'My claim took three months',
        channel: 'letter',
        actor,
      });
      await trx
        .insertInto('complaints')
        .values({
          case_id: serviceCase.id,
          customer_id: ctx.customer.id,
          jurisdiction: 'SE',
          cause_category: 'claims_handling',
          requested_remedy: 'An apology',
          received_at: new Date(),
        })
        .execute();
      await recordAuditEvents(trx, ctx.customer.id, events);
      return serviceCase;
    });
    expect((await clocksOf(complaint.id)).map((c) => c.policy_code)).toEqual(['se.complaint_answer']);
    const resolve = { to: 'resolved', reason: 'Answered', resolution: 'Apologised', version: 1 };
    expectProblem(
      await post(anna, `/cases/${complaint.id}/status`, resolve),
      409,
      'complaint_final_answer_missing',
    );
    await db
      .updateTable('complaints')
      .set({ final_answer: 'We apologise for the delay.', final_answer_at: new Date(), outcome: 'upheld' })
      .where('case_id', '=', complaint.id)
      .execute();
    const resolved = await post(anna, `/cases/${complaint.id}/status`, resolve);
    expect(resolved.statusCode, resolved.body).toBe(200);
    // The complaint's final-answer letter is the complaints module's; no generic resolution notice.
    expect(await customerNotices(ctx.customer.id, 'case.resolved')).toHaveLength(0);
  });
});

describe('the conversation', () => {
  it('asking the customer pauses the clock; their answer resumes it and the due date moves by the wait', async () => {
    const ctx = await insured();
    const { db } = await testDatabase();
    const staff: Actor = systemActor('case-desk');
    const customer: Actor = {
      kind: 'user',
      userId: ctx.portal.userId,
      role: 'customer',
      displayName: 'Customer',
      customerId: ctx.customer.id,
      team: null,
      department: null,
      locale: 'sv',
    };
    const monday = new Date('2026-03-02T08:00:00Z'); // 09:00 in Stockholm
    const opened = await openCase({
      db,
      actor: staff,
      input: {
        customerId: ctx.customer.id,
        kind: 'general_inquiry',
        subject: 'Cover',
        description: 'Skiing?',
      },
      now: monday,
    });
    const dueBefore = opened.body.workItem?.dueAt;
    expect(dueBefore).toBeTruthy();
    const asked = await postCaseMessage({
      db,
      actor: staff,
      ref: opened.body.id,
      input: { body: 'Which resort, and which dates?', awaitingCustomer: true },
      now: new Date('2026-03-02T09:00:00Z'),
    });
    expect(asked.body).toMatchObject({ status: 'awaiting_customer' });
    expect(asked.body.workItem).toMatchObject({ deadlineState: 'paused', dueAt: null });
    expect((await clocksOf(opened.body.id)).map((c) => c.status)).toEqual(['paused']);
    expect((await customerNotices(ctx.customer.id, 'case.question'))[0]?.body).toContain('Which resort');

    const answered = await postCaseMessage({
      db,
      actor: customer,
      ref: opened.body.caseNumber,
      input: { body: 'Åre, 14–21 March' },
      now: new Date('2026-03-04T09:00:00Z'), // two business days later
    });
    expect(answered.body).toMatchObject({ status: 'in_progress', workItem: null }); // the customer's view
    const item = await db
      .selectFrom('work_items')
      .select(['due_at', 'deadline_state', 'owner_id'])
      .where('subject_id', '=', opened.body.id)
      .executeTakeFirstOrThrow();
    expect(item.deadline_state).toBe('on_track');
    // The two business days waited on the customer do not count: the due date moves by them.
    expect(item.due_at.getTime() - Date.parse(dueBefore ?? '')).toBe(2 * 86_400_000);
    const ownerNotices = await db
      .selectFrom('notifications')
      .select('kind')
      .where('user_id', '=', item.owner_id ?? '')
      .where('entity_id', '=', opened.body.id)
      .execute();
    expect(ownerNotices.map((n) => n.kind)).toContain('case.customer_replied');
  });

  it('over HTTP: internal notes stay internal, replies notify the customer, documents must be the customer’s', async () => {
    const ctx = await insured();
    const other = await insured();
    const c = await openInquiry(ctx.customer.id);
    const note = await post(anna, `/cases/${c.id}/messages`, {
      body: 'Called, no answer',
      visibility: 'internal',
    });
    expect(note.statusCode, note.body).toBe(201);
    expect(note.json().version).toBe(2);
    const { db } = await testDatabase();
    const doc = async (customerId: string) => {
      const id = newId();
      const content = Buffer.from(`receipt ${id}`);
      await db
        .insertInto('documents')
        .values({
          id,
          customer_id: customerId,
          entity_type: 'service_case',
          entity_id: c.id,
          filename: 'receipt.pdf',
          media_type: 'application/pdf',
          size_bytes: content.length,
          sha256: createHash('sha256').update(content).digest('hex'),
          content,
          source: 'portal',
          uploaded_by: null,
        })
        .execute();
      return id;
    };
    const mine = await doc(ctx.customer.id);
    const theirs = await doc(other.customer.id);
    const foreignDoc = await post(ctx.portal, `/cases/${c.id}/messages`, {
      body: 'Here',
      documentIds: [mine, theirs],
    });
    expect(fieldErrors(expectProblem(foreignDoc, 422, 'case_link_invalid'))).toEqual([
      { path: ['documentIds', 1], pointer: '/documentIds/1', code: 'case_link_invalid' },
    ]);
    const fromCustomer = await post(ctx.portal, `/cases/${c.id}/messages`, {
      body: 'Here is the receipt',
      documentIds: [mine],
    });
    expect(fromCustomer.statusCode, fromCustomer.body).toBe(201);
    const internalByCustomer = await post(ctx.portal, `/cases/${c.id}/messages`, {
      body: 'psst',
      visibility: 'internal',
    });
    expect(fieldErrors(expectProblem(internalByCustomer, 400, 'validation_failed'))[0]?.path).toEqual([
      'visibility',
    ]);
    const reply = await post(
      bo,
      `/cases/${c.id}/messages`,
      { body: 'Thank you, we will pay it back.' },
      `msg-${uniqueSuffix()}`,
    );
    expect(reply.statusCode, reply.body).toBe(201);
    expect((await customerNotices(ctx.customer.id, 'case.message'))[0]?.body).toContain(
      'we will pay it back',
    );

    const seenByCustomer = (await get(ctx.portal, `/cases/${c.id}`)).json() as CaseJson;
    expect(seenByCustomer.messages.map((m) => m.body)).toEqual([
      'Here is the receipt',
      'Thank you, we will pay it back.',
    ]);
    expect(seenByCustomer.messages.every((m) => m.authorUserId === null)).toBe(true);
    expect(seenByCustomer.workItem).toBeNull();
    const seenByStaff = (await get(anna, `/cases/${c.id}`)).json() as CaseJson;
    expect(seenByStaff.messages.map((m) => [m.visibility, m.authorKind])).toEqual([
      ['internal', 'staff'],
      ['customer', 'customer'],
      ['customer', 'staff'],
    ]);
  });
});

describe('assignment and lists', () => {
  it('a supervisor reassigns a case; a stale work-item version is a 409', async () => {
    const ctx = await insured();
    const c = await openInquiry(ctx.customer.id);
    const item = c.workItem;
    if (!item) throw new Error('no work item');
    const to = item.ownerId === anna.userId ? bo : anna;
    expectProblem(
      await post(to, `/cases/${c.id}/assignment`, { userId: to.userId, version: item.version }),
      403,
      'forbidden',
    );
    const moved = await post(sup, `/cases/${c.id}/assignment`, { userId: to.userId, version: item.version });
    expect(moved.statusCode, moved.body).toBe(200);
    expect(moved.json()).toMatchObject({ kind: 'service_case', ownerId: to.userId, reference: c.caseNumber });
    expectProblem(
      await post(sup, `/cases/${c.id}/assignment`, { userId: null, version: item.version }),
      409,
      'version_conflict',
    );
    const personal = (await get(to, '/queues/personal?limit=200')).json().items as { subjectId: string }[];
    expect(personal.map((i) => i.subjectId)).toContain(c.id);
  });

  it('lists cases by customer, status and kind, a keyset page at a time; a customer sees only their own', async () => {
    const ctx = await insured();
    const other = await insured();
    const a = await openInquiry(ctx.customer.id);
    const b = await openInquiry(ctx.customer.id);
    const x = await openInquiry(other.customer.id);
    await post(anna, `/cases/${a.id}/status`, { to: 'in_progress', reason: 'Working', version: 1 });

    const page1 = (await get(anna, `/cases?customerId=${ctx.customer.id}&limit=1`)).json();
    expect(page1.items.map((i: { id: string }) => i.id)).toEqual([b.id]);
    const page2 = (
      await get(anna, `/cases?customerId=${ctx.customer.id}&limit=1&cursor=${page1.nextCursor}`)
    ).json();
    expect(page2.items.map((i: { id: string }) => i.id)).toEqual([a.id]);
    expect(page2.nextCursor).toBeNull();
    const working = (await get(anna, `/cases?customerId=${ctx.customer.id}&status=in_progress`)).json();
    expect(working.items.map((i: { id: string }) => i.id)).toEqual([a.id]);
    const renewals = (await get(anna, `/cases?customerId=${ctx.customer.id}&kind=renewal_problem`)).json();
    expect(renewals.items).toEqual([]);

    const own = (await get(ctx.portal, '/cases')).json();
    expect(own.items.map((i: { id: string }) => i.id).sort()).toEqual([a.id, b.id].sort());
    const prying = (await get(ctx.portal, `/cases?customerId=${other.customer.id}`)).json();
    expect(prying.items.map((i: { id: string }) => i.id)).not.toContain(x.id);
    expect(prying.items).toEqual([]);
    expectProblem(await get(anna, '/cases?cursor=garbage'), 400, 'validation_failed');
  });
});

describe('a payment delay closes itself when the payment settles', () => {
  it('resolves and closes every open payment-delay case on the claim, once, and tells the customer', async () => {
    const ctx = await insured();
    const claim = await approvedClaim(ctx);
    const open = async (by: Session) => {
      const res = await post(by, '/cases', {
        customerId: ctx.customer.id,
        kind: 'payment_delay',
        subject: 'Late payment',
        description: 'Still waiting',
        claimId: claim.id,
      });
      expect(res.statusCode, res.body).toBe(201);
      return res.json() as CaseJson;
    };
    const first = await open(anna);
    const second = await open(ctx.portal);
    await post(anna, `/cases/${second.id}/messages`, {
      body: 'Checking with payments',
      awaitingCustomer: true,
    });
    const unrelated = await openInquiry(ctx.customer.id);

    const { db } = await testDatabase();
    const actor = systemActor('payments');
    const settle = () =>
      db.transaction().execute(async (trx) => {
        await trx.updateTable('claims').set({ status: 'paid' }).where('id', '=', claim.id).execute();
        const result = await settlePaymentDelayCases(trx, {
          claimId: claim.id,
          actor,
          reason: 'Payment settled',
        });
        await recordAuditEvents(trx, ctx.customer.id, result.events);
        return result;
      });
    const settled = await settle();
    expect(settled.cases.map((c) => c.id).sort()).toEqual([first.id, second.id].sort());
    for (const id of [first.id, second.id]) {
      const view = (await get(anna, `/cases/${id}`)).json() as CaseJson;
      expect(view).toMatchObject({ status: 'closed', resolution: PAYMENT_SETTLED_RESOLUTION });
      expect(view.workItem?.open).toBe(false);
      // The payment state is the order's (this test settles the cases only, not the order).
      expect(view.paymentDelay?.payment.source).toBe('payment_orders');
      expect((await clocksOf(id)).map((c) => c.status)).toEqual(['met']);
    }
    expect((await get(anna, `/cases/${unrelated.id}`)).json().status).toBe('open');
    expect(await customerNotices(ctx.customer.id, 'case.payment_settled')).toHaveLength(2);
    // Settling again finds nothing open: no second change, no second notice.
    expect((await settle()).cases).toEqual([]);
    expect(await customerNotices(ctx.customer.id, 'case.payment_settled')).toHaveLength(2);
  });
});
