import type { FastifyInstance } from 'fastify';
import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import { todayIn } from '../../src/lib/dates.ts';
import {
  answerComplaint,
  type ComplaintView,
  type NewComplaint,
  openComplaint,
  realignComplaintClocks,
} from '../../src/modules/complaints/index.ts';
import {
  businessCalendar,
  configureDeadlinePolicies,
  configuredDeadlinePolicies,
  isBusinessDay,
  nextBusinessDay,
  resetDeadlinePolicies,
} from '../../src/modules/deadlines/index.ts';
import { systemActor } from '../../src/modules/users/index.ts';
import { makeCustomer, makePolicy, makeProduct } from '../support/factories.ts';
import { type Session, signInAs, testApp } from '../support/test-app.ts';
import { testDatabase } from '../support/test-database.ts';
import { expectProblem, fieldErrors, uniqueSuffix } from './api-helpers.ts';

// Complaints end to end over HTTP: registered and acknowledged in writing with the answer date,
// answered once with the further options of the jurisdiction in the customer's language, the
// case resolved and the clock met, and the complaints register (JSON and CSV) saying whether the
// answer came in time. Deadlines: Italy's 45 calendar days rolling past a holiday and a weekend,
// Sweden's configured days and what a changed setting does to a running clock. Refusals: closing
// without a final answer, a second answer, another customer's complaint, bad periods.

const BOM = '\uFEFF';
const HEADER =
  'case_number,received_date,channel,jurisdiction,customer_number,product_code,cause_category,cause_category_label,ivass_area,requested_remedy,acknowledged_date,days_to_acknowledge,final_answer_date,days_to_answer,deadline_date,answered_within_deadline,outcome,compensation_amount,compensation_currency,status';
const TEST_ACTOR = systemActor('complaints-test');

let app: FastifyInstance;
let rep: Session;
let sup: Session;
let auditor: Session;

beforeAll(async () => {
  app = await testApp();
  [rep, sup, auditor] = await Promise.all([
    signInAs('representative'),
    signInAs('supervisor'),
    signInAs('auditor'),
  ]);
});

afterEach(resetDeadlinePolicies);

async function notices(caseId: string, kind: string) {
  const { db } = await testDatabase();
  return db
    .selectFrom('notifications')
    .selectAll()
    .where('entity_id', '=', caseId)
    .where('kind', '=', kind)
    .execute();
}

/** A Swedish customer (Swedish-speaking unless told) with a policy on a product of `country`. */
async function customerWithProduct(
  country: 'SE' | 'IT',
  opts: { email?: boolean; language?: 'sv' | 'en' } = {},
) {
  const { db } = await testDatabase();
  const customer = await makeCustomer(db, {
    preferredLanguage: opts.language ?? 'sv',
    ...(opts.email === false ? { email: undefined } : {}),
  });
  const { product, version } = await makeProduct(db, {
    country,
    currency: country === 'IT' ? 'EUR' : 'SEK',
  });
  const policy = await makePolicy(db, { customerId: customer.id, productVersionId: version.id });
  return { customer, product, policy };
}

/** The last day to answer: `days` calendar days after the day received, rolled past closed days. */
function expectedDueDay(received: string, days: number, country: 'SE' | 'IT'): string {
  const d = new Date(`${received}T12:00:00Z`);
  d.setUTCDate(d.getUTCDate() + days);
  const day = d.toISOString().slice(0, 10);
  const cal = businessCalendar(country);
  return isBusinessDay(cal, day) ? day : nextBusinessDay(cal, day);
}

function complaintBody(customerId: string, overrides: Record<string, unknown> = {}) {
  return {
    customerId,
    causeCategory: 'claim_decision',
    channel: 'phone',
    description: 'The claim was refused although the receipts were sent in time.',
    requestedRemedy: 'Pay the claim',
    ...overrides,
  };
}

async function registerRows(from: string, to: string, session: Session = sup) {
  const res = await app.inject({
    method: 'GET',
    url: `/complaints?from=${from}&to=${to}`,
    headers: session.headers,
  });
  expect(res.statusCode, res.body).toBe(200);
  return res.json().items as Record<string, unknown>[];
}

describe('a complaint answered within its deadline, end to end', () => {
  it('is acknowledged with the answer date, answered with the further options, resolved and registered as in time', async () => {
    const { customer, product, policy } = await customerWithProduct('SE');
    const key = `complaint-${uniqueSuffix()}`;
    const open = () =>
      app.inject({
        method: 'POST',
        url: '/complaints',
        headers: { ...rep.headers, 'idempotency-key': key },
        payload: complaintBody(customer.id, {
          policyId: policy.id,
          causeCategory: 'delay',
          channel: 'email',
        }),
      });
    const created = await open();
    expect(created.statusCode, created.body).toBe(201);
    const complaint = created.json() as ComplaintView;
    const today = todayIn('Europe/Stockholm');
    const dueDay = expectedDueDay(today, 14, 'SE');
    expect(complaint).toMatchObject({
      caseNumber: expect.stringMatching(/^CASE-\d{4}-\d{6}$/),
      customerId: customer.id,
      status: 'open',
      jurisdiction: 'SE',
      productCode: product.code,
      causeCategory: 'delay',
      channel: 'email',
      answerPolicy: 'se.complaint_answer',
      dueOn: dueDay,
      acknowledgedAt: complaint.receivedAt,
      answeredWithinDeadline: 'open',
    });

    // A retry replays the first response and registers nothing more.
    const again = await open();
    expect(again.statusCode).toBe(200);
    expect(again.headers['idempotent-replayed']).toBe('true');
    expect(again.json()).toEqual(complaint);
    const { db } = await testDatabase();
    const mine = await db
      .selectFrom('complaints')
      .select('case_id')
      .where('customer_id', '=', customer.id)
      .execute();
    expect(mine).toHaveLength(1);

    // The written acknowledgement: by email, in Swedish, with the case number, the date and the rule.
    const [ack, ...moreAcks] = await notices(complaint.caseId, 'complaint.acknowledged');
    expect(moreAcks).toHaveLength(0);
    expect(ack).toMatchObject({
      audience: 'customer',
      channel: 'email',
      language: 'sv',
      customer_id: customer.id,
    });
    const [y, m, d] = dueDay.split('-').map(Number);
    const dueWords = new Intl.DateTimeFormat('sv-SE', {
      day: 'numeric',
      month: 'long',
      year: 'numeric',
      timeZone: 'UTC',
    }).format(Date.UTC(y as number, (m as number) - 1, d as number));
    expect(ack?.subject).toBe(`Vi har tagit emot ditt klagomål (${complaint.caseNumber})`);
    expect(ack?.body).toContain(`registrerat det som ärende ${complaint.caseNumber}`);
    expect(ack?.body).toContain(`senast den ${dueWords}`);
    expect(ack?.body).toContain('besvarar vi klagomål inom 14 dagar');
    expect(ack?.body).toContain('FFFS 2002:23');

    // The final answer, by the representative, with the version they saw.
    const answered = await app.inject({
      method: 'POST',
      url: `/complaints/${complaint.caseNumber}/final-answer`,
      headers: rep.headers,
      payload: {
        answer: 'Utbetalningen var försenad. Vi betalar dröjsmålsränta för tiden du fick vänta.',
        outcome: 'partially_upheld',
        compensationMinor: 45_000,
        compensationCurrency: 'SEK',
        version: complaint.version,
      },
    });
    expect(answered.statusCode, answered.body).toBe(200);
    expect(answered.json()).toMatchObject({
      status: 'resolved',
      outcome: 'partially_upheld',
      compensationMinor: 45_000,
      answeredWithinDeadline: 'yes',
    });
    const [letter] = await notices(complaint.caseId, 'complaint.final_answer');
    expect(letter).toMatchObject({ channel: 'email', language: 'sv' });
    expect(letter?.body).toContain('Vi betalar dröjsmålsränta för tiden du fick vänta.');
    expect(letter?.body).toContain('Vi ger dig delvis rätt i ditt klagomål. Vi betalar dig 450,00');
    expect(letter?.body).toContain('1. Allmänna reklamationsnämnden (ARN)');
    expect(letter?.body).toContain('2. Konsumenternas Försäkringsbyrå');
    expect(letter?.body).toContain('3. Allmän domstol');

    // The case is resolved and its answer clock met (stopped, not cancelled).
    const caseRow = await db
      .selectFrom('service_cases')
      .select(['status', 'resolution'])
      .where('id', '=', complaint.caseId)
      .executeTakeFirstOrThrow();
    expect(caseRow.status).toBe('resolved');
    const clocks = await db
      .selectFrom('deadlines')
      .innerJoin('work_items', 'work_items.id', 'deadlines.work_item_id')
      .select(['deadlines.policy_code', 'deadlines.status'])
      .where('work_items.subject_id', '=', complaint.caseId)
      .execute();
    expect(clocks).toEqual([{ policy_code: 'se.complaint_answer', status: 'met' }]);

    // The register says so, in JSON and in the CSV.
    const row = (await registerRows(today, today)).find((r) => r.caseNumber === complaint.caseNumber);
    expect(row).toMatchObject({
      receivedOn: today,
      channel: 'email',
      jurisdiction: 'SE',
      customerNumber: customer.customerNumber,
      productCode: product.code,
      causeCategory: 'delay',
      causeCategoryLabel: 'Delay in handling or payment',
      requestedRemedy: 'Pay the claim',
      acknowledgedOn: today,
      daysToAcknowledge: 0,
      finalAnswerOn: today,
      daysToAnswer: 0,
      deadlineOn: dueDay,
      answeredWithinDeadline: 'yes',
      outcome: 'partially upheld',
      compensationAmount: '450.00',
      compensationCurrency: 'SEK',
      status: 'resolved',
    });
    const csv = await app.inject({
      method: 'GET',
      url: `/complaints/register.csv?from=${today}&to=${today}&jurisdiction=SE`,
      headers: auditor.headers,
    });
    expect(csv.statusCode).toBe(200);
    expect(csv.headers['content-type']).toBe('text/csv; charset=utf-8');
    expect(csv.body.startsWith(`${BOM}${HEADER}\r\n`)).toBe(true);
    expect(csv.body).toContain(
      `${complaint.caseNumber},${today},email,SE,${customer.customerNumber},${product.code},delay,Delay in handling or payment,sinistri,Pay the claim,${today},0,${today},0,${dueDay},yes,partially upheld,450.00,SEK,resolved\r\n`,
    );

    // Only once.
    const second = await app.inject({
      method: 'POST',
      url: `/complaints/${complaint.caseNumber}/final-answer`,
      headers: sup.headers,
      payload: { answer: 'Again', outcome: 'rejected', version: complaint.version },
    });
    expectProblem(second, 409, 'complaint_already_answered');
    expect(await notices(complaint.caseId, 'complaint.final_answer')).toHaveLength(1);
  });
});

describe('the answer deadline', () => {
  it.each([
    ['a holiday (Festa della Repubblica, Tuesday 2 June)', '2026-04-18', '2026-06-03'],
    ['a weekend and Ferragosto (Saturday 15 August)', '2026-07-01', '2026-08-17'],
  ])('in Italy is 45 calendar days, rolled past %s', async (_what, received, dueOn) => {
    const { customer, policy } = await customerWithProduct('IT');
    const { db } = await testDatabase();
    const now = new Date(`${received}T08:00:00Z`);
    const { body } = await openComplaint({
      db,
      actor: TEST_ACTOR,
      input: complaintBody(customer.id, { policyId: policy.id }) as NewComplaint,
      now,
    });
    expect(expectedDueDay(received, 45, 'IT')).toBe(dueOn);
    expect(body).toMatchObject({ jurisdiction: 'IT', answerPolicy: 'it.ivass.complaint_answer', dueOn });
    // A Swedish-speaking customer of an Italian product: Italian rules, told in Swedish.
    const [ack] = await notices(body.caseId, 'complaint.acknowledged');
    expect(ack?.language).toBe('sv');
    expect(ack?.body).toContain('Regolamento ISVAP n. 24/2008');
    expect(ack?.body).toContain('inom 45 dagar');
    const answered = await answerComplaint({
      db,
      actor: TEST_ACTOR,
      ref: body.caseNumber,
      input: { answer: 'Vi har gått igenom ärendet.', outcome: 'rejected', version: body.version },
      now: new Date(now.getTime() + 10 * 86_400_000),
    });
    expect(answered.body.answeredWithinDeadline).toBe('yes');
    const [letter] = await notices(body.caseId, 'complaint.final_answer');
    expect(letter?.language).toBe('sv');
    expect(letter?.body).toContain('1. Klagomål till IVASS');
    expect(letter?.body).toContain('2. Arbitro Assicurativo');
    expect(letter?.body).toContain('3. Medling och domstol');
    expect(letter?.body).not.toContain('Allmänna reklamationsnämnden');
  });

  it('in Sweden is the configured number of days; a running clock follows a changed setting, an answered one keeps its date', async () => {
    const { customer } = await customerWithProduct('SE', { email: false });
    const { db } = await testDatabase();
    configureDeadlinePolicies(configuredDeadlinePolicies({ seComplaintDays: 10 }));
    const received = new Date('2026-03-02T09:00:00Z'); // Monday
    const { body } = await openComplaint({
      db,
      actor: TEST_ACTOR,
      input: complaintBody(customer.id, { channel: 'letter', requestedRemedy: 'Ett svar' }) as NewComplaint,
      now: received,
    });
    expect(body).toMatchObject({ jurisdiction: 'SE', dueOn: '2026-03-12' });
    const [ack] = await notices(body.caseId, 'complaint.acknowledged');
    expect(ack).toMatchObject({ channel: 'letter', language: 'sv' });
    expect(ack?.body).toContain('inom 10 dagar');
    expect(ack?.body).toContain('senast den 12 mars 2026');

    // Back to the default 14 days (a restart with the setting removed): the running clock moves.
    resetDeadlinePolicies();
    expect(await realignComplaintClocks(db, new Date('2026-03-05T09:00:00Z'))).toBeGreaterThanOrEqual(1);
    const moved = await app.inject({
      method: 'GET',
      url: `/complaints/${body.caseNumber}`,
      headers: rep.headers,
    });
    expect(moved.json()).toMatchObject({ dueOn: '2026-03-16', answerPolicy: 'se.complaint_answer' });
    const item = await db
      .selectFrom('work_items')
      .select('due_at')
      .where('subject_id', '=', body.caseId)
      .executeTakeFirstOrThrow();
    expect(item.due_at.toISOString()).toBe('2026-03-16T23:00:00.000Z');

    // Answered two days late; the register keeps that after another change of the setting.
    const answered = await answerComplaint({
      db,
      actor: TEST_ACTOR,
      ref: body.caseId,
      input: { answer: 'Vi beklagar dröjsmålet.', outcome: 'upheld', version: body.version },
      now: new Date('2026-03-18T10:00:00Z'),
    });
    expect(answered.body.answeredWithinDeadline).toBe('no');
    configureDeadlinePolicies(configuredDeadlinePolicies({ seComplaintDays: 30 }));
    await realignComplaintClocks(db, new Date('2026-03-19T09:00:00Z'));
    const row = (await registerRows('2026-03-02', '2026-03-02')).find(
      (r) => r.caseNumber === body.caseNumber,
    );
    expect(row).toMatchObject({
      deadlineOn: '2026-03-16',
      finalAnswerOn: '2026-03-18',
      daysToAnswer: 16,
      answeredWithinDeadline: 'no',
      outcome: 'upheld',
      compensationAmount: null,
    });
    // Other complaints' running clocks went to 30 days with it: bring them back.
    resetDeadlinePolicies();
    await realignComplaintClocks(db);
  });
});

describe('refusals', () => {
  it('a complaint cannot be resolved or closed without its final answer', async () => {
    const { customer } = await customerWithProduct('SE');
    const created = await app.inject({
      method: 'POST',
      url: '/complaints',
      headers: rep.headers,
      payload: complaintBody(customer.id),
    });
    expect(created.statusCode, created.body).toBe(201);
    const complaint = created.json() as ComplaintView;
    const resolve = await app.inject({
      method: 'POST',
      url: `/cases/${complaint.caseNumber}/status`,
      headers: rep.headers,
      payload: {
        to: 'resolved',
        reason: 'Done',
        resolution: 'Talked it through',
        version: complaint.version,
      },
    });
    expectProblem(resolve, 409, 'complaint_final_answer_missing');
    // closed comes only after resolved, which needs the final answer.
    const close = await app.inject({
      method: 'POST',
      url: `/cases/${complaint.caseNumber}/status`,
      headers: rep.headers,
      payload: { to: 'closed', reason: 'Done', version: complaint.version },
    });
    expect(close.statusCode).toBe(409);
    const still = await app.inject({
      method: 'GET',
      url: `/complaints/${complaint.caseId}`,
      headers: rep.headers,
    });
    expect(still.json()).toMatchObject({ status: 'open', finalAnswer: null });
  });

  it('a customer complains for themself; another customer’s id or complaint is 404', async () => {
    const { db } = await testDatabase();
    const me = await makeCustomer(db);
    const other = await makeCustomer(db);
    const session = await signInAs('customer', { customerId: me.id });
    const forOther = await app.inject({
      method: 'POST',
      url: '/complaints',
      headers: session.headers,
      payload: complaintBody(other.id, { channel: 'portal' }),
    });
    expectProblem(forOther, 404, 'not_found');
    expect(
      await db.selectFrom('complaints').select('case_id').where('customer_id', '=', other.id).execute(),
    ).toEqual([]);

    const own = await app.inject({
      method: 'POST',
      url: '/complaints',
      headers: session.headers,
      payload: { ...complaintBody(me.id, { channel: 'portal' }), customerId: undefined },
    });
    expect(own.statusCode, own.body).toBe(201);
    const ref = (own.json() as ComplaintView).caseNumber;
    const seen = await app.inject({ method: 'GET', url: `/complaints/${ref}`, headers: session.headers });
    expect(seen.statusCode).toBe(200);
    const stranger = await signInAs('customer', { customerId: other.id });
    expectProblem(
      await app.inject({ method: 'GET', url: `/complaints/${ref}`, headers: stranger.headers }),
      404,
      'not_found',
    );
    // Customers neither answer complaints nor read the register.
    expectProblem(
      await app.inject({
        method: 'POST',
        url: `/complaints/${ref}/final-answer`,
        headers: session.headers,
        payload: { answer: 'Self-service', outcome: 'upheld', version: 1 },
      }),
      403,
      'forbidden',
    );
  });

  it('staff must say whose complaint it is, with a cause from the list', async () => {
    const res = await app.inject({
      method: 'POST',
      url: '/complaints',
      headers: rep.headers,
      payload: {
        ...complaintBody('00000000-0000-7000-8000-000000000000', { causeCategory: 'weather' }),
        customerId: undefined,
      },
    });
    const problem = expectProblem(res, 400, 'validation_failed');
    expect(fieldErrors(problem).map((e) => e.path)).toEqual([['causeCategory']]);
    const noCustomer = await app.inject({
      method: 'POST',
      url: '/complaints',
      headers: rep.headers,
      payload: { ...complaintBody('x'), customerId: undefined },
    });
    expect(fieldErrors(expectProblem(noCustomer, 400, 'validation_failed')).map((e) => e.path)).toEqual([
      ['customerId'],
    ]);
  });
});

describe('the complaints register', () => {
  it('is the header alone for a period without complaints', async () => {
    const res = await app.inject({
      method: 'GET',
      url: '/complaints/register.csv?from=1990-01-01&to=1990-01-31',
      headers: sup.headers,
    });
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-disposition']).toBe(
      'attachment; filename="complaints-register_1990-01-01_1990-01-31.csv"',
    );
    expect(res.body).toBe(`${BOM}${HEADER}\r\n`);
    expect(res.rawPayload.subarray(0, 3)).toEqual(Buffer.from([0xef, 0xbb, 0xbf]));
  });

  it('escapes commas, quotes and line breaks in the customer’s text', async () => {
    const { customer } = await customerWithProduct('SE');
    const remedy = 'Pay the remaining 1,500 kr, as "promised"\non the phone';
    const created = await app.inject({
      method: 'POST',
      url: '/complaints',
      headers: rep.headers,
      payload: complaintBody(customer.id, { requestedRemedy: remedy }),
    });
    expect(created.statusCode, created.body).toBe(201);
    const { caseNumber } = created.json() as ComplaintView;
    const today = todayIn('Europe/Stockholm');
    const res = await app.inject({
      method: 'GET',
      url: `/complaints/register.csv?from=${today}&to=${today}`,
      headers: sup.headers,
    });
    expect(res.body).toContain(`,"Pay the remaining 1,500 kr, as ""promised""\non the phone",`);
    const { parse } = await import('csv-parse/sync');
    const records = parse(res.body, { bom: true, columns: true }) as Record<string, string>[];
    const record = records.find((r) => r.case_number === caseNumber);
    expect(record).toMatchObject({
      requested_remedy: remedy,
      customer_number: customer.customerNumber,
      status: 'open',
    });
    expect(record?.answered_within_deadline).toBe('open');
  });

  it('refuses a bad period with the field paths, and people who may not export it', async () => {
    const bad = await app.inject({
      method: 'GET',
      url: '/complaints/register.csv?from=2026-02-30&to=someday',
      headers: sup.headers,
    });
    const problem = expectProblem(bad, 400, 'validation_failed');
    expect(problem.errors?.map((e) => [e.in, e.path])).toEqual([
      ['query', ['from']],
      ['query', ['to']],
    ]);
    const reversed = await app.inject({
      method: 'GET',
      url: '/complaints?from=2026-03-31&to=2026-03-01',
      headers: sup.headers,
    });
    expect(fieldErrors(expectProblem(reversed, 400, 'validation_failed'))).toEqual([
      { path: ['to'], pointer: '/to', code: 'custom' },
    ]);
    const missing = await app.inject({
      method: 'GET',
      url: '/complaints/register.csv?to=2026-03-01',
      headers: sup.headers,
    });
    expect(fieldErrors(expectProblem(missing, 400, 'validation_failed')).map((e) => e.path)).toEqual([
      ['from'],
    ]);
    const rep403 = await app.inject({
      method: 'GET',
      url: '/complaints/register.csv?from=2026-03-01&to=2026-03-31',
      headers: rep.headers,
    });
    expectProblem(rep403, 403, 'forbidden');
  });
});
