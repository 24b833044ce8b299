import type { FastifyInstance } from 'fastify';
import { sql } from 'kysely';
import { beforeAll, describe, expect, it } from 'vitest';
import { numberYear } from '../../src/db/number-year.ts';
import { nextNumber } from '../../src/db/numbers.ts';
import type { CaseStatus } from '../../src/db/schema.ts';
import { newId } from '../../src/lib/ids.ts';
import { sweepDeadlines } from '../../src/modules/deadline-store/index.ts';
import { makeCustomer, randomCodiceFiscale } from '../support/factories.ts';
import { type Session, signInAs, testApp } from '../support/test-app.ts';
import { testDatabase } from '../support/test-database.ts';
import { expectProblem, fieldErrors, uniqueLetters } from './api-helpers.ts';

// Departments and referrals over HTTP, on departments of this file's own: a representative owns a
// case and refers a question to a department; the department's agent accepts and answers it; the
// answer lands on the case with its owner, who kept the case throughout. Plus returns,
// cancellations, the refusals the issue names, scoping, retries, races on `version`, and a
// referral whose deadline passes escalating to the department's supervisor.

let app: FastifyInstance;
let admin: Session;
let rep: Session; // owns the cases
let otherRep: Session; // a representative who owns none of them
let agent: Session; // the department's agent
let deptSup: Session; // the department's supervisor
let manager: Session; // the department supervisor's manager
let outsider: Session; // an agent of another department
let dept: string;
let otherDept: string;
let team: string; // the owner's team: the case item's, never the referral's

const DAY = 86_400_000;

async function post(who: Session, url: string, payload: unknown, headers: Record<string, string> = {}) {
  return app.inject({
    method: 'POST',
    url,
    headers: { ...who.headers, ...headers },
    payload: payload as object,
  });
}
async function get(who: Session, url: string) {
  return app.inject({ method: 'GET', url, headers: who.headers });
}
const name = (en: string) => ({ sv: `${en} (sv)`, it: `${en} (it)`, en });

async function createDepartment(code: string, supervisorId: string | null) {
  const res = await post(admin, '/departments', { code, name: name(`Dept ${code}`), supervisorId });
  expect(res.statusCode, res.body).toBe(201);
  return res.json();
}

beforeAll(async () => {
  app = await testApp();
  [admin, rep, otherRep, agent, deptSup, manager, outsider] = await Promise.all([
    signInAs('administrator'),
    signInAs('representative'),
    signInAs('representative'),
    signInAs('department_agent'),
    signInAs('supervisor'),
    signInAs('supervisor'),
    signInAs('department_agent'),
  ]);
  dept = `t_${uniqueLetters(10)}`;
  otherDept = `t_${uniqueLetters(10)}`;
  team = `RT${uniqueLetters(6)}`;
  const { db } = await testDatabase();
  await db.updateTable('users').set({ department: dept }).where('id', 'in', [agent.userId]).execute();
  await db
    .updateTable('users')
    .set({ department: dept, manager_id: manager.userId })
    .where('id', '=', deptSup.userId)
    .execute();
  await db.updateTable('users').set({ department: otherDept }).where('id', '=', outsider.userId).execute();
  await db.updateTable('users').set({ team }).where('id', '=', rep.userId).execute();
  await createDepartment(dept, deptSup.userId);
  await createDepartment(otherDept, null);
});

/**
 * A service case owned by `rep`, in its own team's queue, written directly (the case module's own
 * tests cover opening cases; routing here would hand this file's cases to other files' teams).
 */
async function ownedCase(opts: { status?: CaseStatus; country?: 'SE' | 'IT' } = {}) {
  const { db } = await testDatabase();
  const customer = await makeCustomer(
    db,
    opts.country === 'IT'
      ? { country: 'IT', nationalId: randomCodiceFiscale(), preferredLanguage: 'it', phone: '+390212345678' }
      : {},
  );
  return db.transaction().execute(async (trx) => {
    const caseNumber = await nextNumber(trx, 'CASE', numberYear());
    const serviceCase = await trx
      .insertInto('service_cases')
      .values({
        id: newId(),
        case_number: caseNumber,
        customer_id: customer.id,
        kind: 'payment_delay',
        category: 'payment_delay',
        status: opts.status ?? 'in_progress',
        subject: 'Where is my money?',
        description: 'The reimbursement decided last month has not arrived.',
        channel: 'phone',
        language: 'sv',
        opened_by: rep.userId,
      })
      .returningAll()
      .executeTakeFirstOrThrow();
    const item = await trx
      .insertInto('work_items')
      .values({
        id: newId(),
        kind: 'service_case',
        subject_id: serviceCase.id,
        customer_id: customer.id,
        reference: caseNumber,
        summary: serviceCase.subject,
        subject_status: serviceCase.status,
        owner_id: rep.userId,
        team,
        department: null,
        language: 'sv',
        product_code: null,
      })
      .returningAll()
      .executeTakeFirstOrThrow();
    return { customer, serviceCase, item };
  });
}

async function caseState(caseId: string) {
  const { db } = await testDatabase();
  const c = await db
    .selectFrom('service_cases')
    .select(['status', 'version'])
    .where('id', '=', caseId)
    .executeTakeFirstOrThrow();
  const item = await db
    .selectFrom('work_items')
    .select(['owner_id', 'open'])
    .where('kind', '=', 'service_case')
    .where('subject_id', '=', caseId)
    .executeTakeFirstOrThrow();
  return { status: c.status, version: c.version, owner: item.owner_id, open: item.open };
}

async function refer(
  caseRef: string,
  body: Record<string, unknown> = {},
  headers: Record<string, string> = {},
) {
  return post(
    rep,
    `/cases/${caseRef}/referrals`,
    { department: dept, question: 'Was the payment sent, and when?', ...body },
    headers,
  );
}

async function inbox(who: Session, kind: string, entityId?: string) {
  const items = (await get(who, '/notifications')).json().items as {
    kind: string;
    body: string;
    entityId: string;
    language: string;
  }[];
  return items.filter((n) => n.kind === kind && (!entityId || n.entityId === entityId));
}

describe('departments', () => {
  it('lists departments with their supervisor and active staff, for staff only', async () => {
    const res = await get(rep, '/departments');
    expect(res.statusCode).toBe(200);
    const mine = res.json().items.find((d: { code: string }) => d.code === dept);
    expect(mine).toMatchObject({
      code: dept,
      active: true,
      activeStaff: 2,
      supervisor: { id: deptSup.userId, displayName: 'Test supervisor', active: true },
      version: 1,
    });
    const empty = res.json().items.find((d: { code: string }) => d.code === otherDept);
    expect(empty).toMatchObject({ activeStaff: 1, supervisor: null });
    const { db } = await testDatabase();
    const customer = await makeCustomer(db);
    const portal = await signInAs('customer', { customerId: customer.id });
    expectProblem(await get(portal, '/departments'), 403, 'forbidden');
  });

  it('is managed by administrators, who name an active supervisor and edit with the version', async () => {
    const code = `t_${uniqueLetters(10)}`;
    expectProblem(await post(rep, '/departments', { code, name: name('Test') }), 403, 'forbidden');
    const bad = expectProblem(
      await post(admin, '/departments', { code, name: name('Test'), supervisorId: rep.userId }),
      400,
      'validation_failed',
    );
    expect(fieldErrors(bad)).toEqual([
      { path: ['supervisorId'], pointer: '/supervisorId', code: 'supervisor_invalid' },
    ]);
    const key = { 'idempotency-key': `dept-${code}` };
    const created = await post(admin, '/departments', { code, name: name('New') }, key);
    expect(created.statusCode).toBe(201);
    const again = await post(admin, '/departments', { code, name: name('New') }, key);
    expect(again.statusCode).toBe(200);
    expect(again.headers['idempotent-replayed']).toBe('true');
    expectProblem(await post(admin, '/departments', { code, name: name('New') }), 409, 'department_exists');

    const patch = (body: object) =>
      app.inject({ method: 'PATCH', url: `/departments/${code}`, headers: admin.headers, payload: body });
    const renamed = await patch({ version: 1, name: name('Renamed'), supervisorId: deptSup.userId });
    expect(renamed.json()).toMatchObject({
      version: 2,
      name: { en: 'Renamed' },
      supervisor: { id: deptSup.userId },
    });
    expectProblem(await patch({ version: 1, active: false }), 409, 'version_conflict');
    const { db } = await testDatabase();
    const audit = await db
      .selectFrom('audit_events')
      .select('action')
      .where('entity_type', '=', 'department')
      .where(sql<string>`data->>'code'`, '=', code)
      .orderBy('seq')
      .execute();
    expect(audit.map((a) => a.action)).toEqual(['department.created', 'department.updated']);
  });
});

describe('referral happy path', () => {
  it('refer → awaiting_department → accept → answer → in_progress, the answer on the case, the owner told', async () => {
    const { serviceCase, customer } = await ownedCase();
    const { db } = await testDatabase();

    const res = await refer(serviceCase.case_number, { urgency: 'urgent' });
    expect(res.statusCode, res.body).toBe(201);
    const referral = res.json();
    expect(referral).toMatchObject({
      referralNumber: expect.stringMatching(/^RFR-\d{4}-\d{6}$/),
      caseId: serviceCase.id,
      caseNumber: serviceCase.case_number,
      department: dept,
      status: 'open',
      urgency: 'urgent',
      referredBy: rep.userId,
      ownerId: null,
      deadlineState: 'on_track',
      version: 1,
    });
    // The case waits for the department, and is still the representative's.
    expect(await caseState(serviceCase.id)).toMatchObject({
      status: 'awaiting_department',
      owner: rep.userId,
      open: true,
    });

    // The referral's own work item and clock: in the department's queue, nobody's yet.
    const item = await db
      .selectFrom('work_items')
      .selectAll()
      .where('kind', '=', 'referral')
      .where('subject_id', '=', referral.id)
      .executeTakeFirstOrThrow();
    expect(item).toMatchObject({
      department: dept,
      team: null,
      owner_id: null,
      reference: referral.referralNumber,
      language: customer.preferredLanguage,
      priority: 1,
    });
    const clocks = await db
      .selectFrom('deadlines')
      .select(['policy_code', 'calendar', 'status'])
      .where('work_item_id', '=', item.id)
      .execute();
    expect(clocks).toEqual([{ policy_code: 'internal.referral_urgent', calendar: 'SE', status: 'running' }]);
    const queue = (await get(agent, '/queues/department')).json().items;
    expect(queue.map((q: { reference: string }) => q.reference)).toContain(referral.referralNumber);

    // The department hears of it, each in their own language.
    expect(await inbox(agent, 'referral.received', referral.id)).toHaveLength(1);
    expect(await inbox(deptSup, 'referral.received', referral.id)).toHaveLength(1);
    expect(await inbox(outsider, 'referral.received', referral.id)).toHaveLength(0);

    const accepted = await post(agent, `/referrals/${referral.referralNumber}/accept`, { version: 1 });
    expect(accepted.statusCode, accepted.body).toBe(200);
    expect(accepted.json()).toMatchObject({
      status: 'accepted',
      acceptedBy: agent.userId,
      ownerId: agent.userId,
      version: 2,
    });
    const personal = (await get(agent, '/queues/personal')).json().items;
    expect(personal.map((q: { reference: string }) => q.reference)).toContain(referral.referralNumber);

    const answered = await post(agent, `/referrals/${referral.id}/answer`, {
      version: 2,
      answer: 'Paid on 3 March to the account ending 1234; the bank returned it as closed.',
    });
    expect(answered.statusCode, answered.body).toBe(200);
    expect(answered.json()).toMatchObject({
      status: 'answered',
      answeredBy: agent.userId,
      answer: expect.stringContaining('account ending 1234'),
      dueAt: null,
      deadlineState: 'none',
      version: 3,
    });
    expect(await caseState(serviceCase.id)).toMatchObject({
      status: 'in_progress',
      owner: rep.userId,
      open: true,
    });
    const messages = await db
      .selectFrom('case_messages')
      .select(['visibility', 'author_user_id', 'body'])
      .where('case_id', '=', serviceCase.id)
      .execute();
    expect(messages).toEqual([
      {
        visibility: 'internal',
        author_user_id: agent.userId,
        body: expect.stringMatching(/Answer from Dept .* to RFR-.*\n\nPaid on 3 March/),
      },
    ]);
    const told = await inbox(rep, 'referral.answered', referral.id);
    expect(told).toHaveLength(1);
    expect(told[0]?.body).toContain('account ending 1234');
    const closedItem = await db
      .selectFrom('work_items')
      .select('open')
      .where('id', '=', item.id)
      .executeTakeFirstOrThrow();
    expect(closedItem.open).toBe(false);
    const clock = await db
      .selectFrom('deadlines')
      .select('status')
      .where('work_item_id', '=', item.id)
      .executeTakeFirstOrThrow();
    expect(clock.status).toBe('met');

    // Final: nothing more happens to it.
    expectProblem(
      await post(agent, `/referrals/${referral.id}/return`, { version: 3, reason: 'Oops' }),
      409,
      'referral_transition_not_allowed',
    );
    const history = await db
      .selectFrom('audit_events')
      .select('action')
      .where('entity_id', '=', referral.id)
      .orderBy('seq')
      .execute();
    expect(history.map((h) => h.action)).toEqual([
      'referral.created',
      'referral.accepted',
      'referral.answered',
    ]);

    // Staff see it on the case and on its own.
    const list = (await get(rep, `/cases/${serviceCase.case_number}/referrals`)).json().items;
    expect(list.map((r: { id: string }) => r.id)).toEqual([referral.id]);
    expect((await get(deptSup, `/referrals/${referral.referralNumber}`)).json().status).toBe('answered');
  });

  it('a case waiting for two departments goes back to work only when both have answered', async () => {
    const { serviceCase } = await ownedCase();
    const a = (await refer(serviceCase.id)).json();
    const b = await refer(serviceCase.id, { department: otherDept, question: 'Is the account closed?' });
    expect(b.statusCode, b.body).toBe(201);
    await post(agent, `/referrals/${a.id}/answer`, { version: 1, answer: 'Paid.' });
    expect((await caseState(serviceCase.id)).status).toBe('awaiting_department');
    const done = await post(outsider, `/referrals/${b.json().id}/answer`, {
      version: 1,
      answer: 'Yes, closed.',
    });
    expect(done.statusCode, done.body).toBe(200);
    expect((await caseState(serviceCase.id)).status).toBe('in_progress');
  });

  it('sends the customer’s documents along, and refuses another customer’s', async () => {
    const { serviceCase, customer } = await ownedCase();
    const { db } = await testDatabase();
    const doc = async (customerId: string) =>
      db
        .insertInto('documents')
        .values({
          id: newId(),
          customer_id: customerId,
          entity_type: 'customer',
          entity_id: customerId,
          filename: 'statement.txt',
          media_type: 'text/plain',
          size_bytes: 5,
          sha256: newId().replaceAll('-', '').padEnd(64, '0'),
          content: Buffer.from('hello'),
          source: 'staff',
          uploaded_by: rep.userId,
        })
        .returning('id')
        .executeTakeFirstOrThrow();
    const mine = await doc(customer.id);
    const stranger = await makeCustomer(db);
    const theirs = await doc(stranger.id);
    const refused = expectProblem(
      await refer(serviceCase.id, { documentIds: [mine.id, theirs.id] }),
      422,
      'document_not_of_customer',
    );
    expect(fieldErrors(refused)).toEqual([
      { path: ['documentIds', 1], pointer: '/documentIds/1', code: 'document_not_of_customer' },
    ]);
    const ok = await refer(serviceCase.id, { documentIds: [mine.id] });
    expect(ok.json().documentIds).toEqual([mine.id]);
  });
});

describe('return and cancel', () => {
  it('a returned referral tells the owner why and gives the case back', async () => {
    const { serviceCase } = await ownedCase();
    const referral = (await refer(serviceCase.id)).json();
    const res = await post(deptSup, `/referrals/${referral.id}/return`, {
      version: 1,
      reason: 'Wrong department: renewals handles premium refunds.',
    });
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json()).toMatchObject({
      status: 'returned',
      returnedBy: deptSup.userId,
      returnReason: expect.any(String),
    });
    expect(await caseState(serviceCase.id)).toMatchObject({ status: 'in_progress', owner: rep.userId });
    const told = await inbox(rep, 'referral.returned', referral.id);
    expect(told[0]?.body).toContain('renewals handles premium refunds');
    const { db } = await testDatabase();
    const note = await db
      .selectFrom('case_messages')
      .select('body')
      .where('case_id', '=', serviceCase.id)
      .executeTakeFirstOrThrow();
    expect(note.body).toMatch(/returned by .* without an answer/);
    // Returned is final, and the case may ask again (the live index frees the department).
    expect((await refer(serviceCase.id)).statusCode).toBe(201);
  });

  it('the case owner cancels: clock cancelled, out of the queue, the department told; others may not', async () => {
    const { serviceCase } = await ownedCase();
    const referral = (await refer(serviceCase.id)).json();
    await post(agent, `/referrals/${referral.id}/accept`, { version: 1 });
    expectProblem(await post(agent, `/referrals/${referral.id}/cancel`, { version: 2 }), 403, 'forbidden');
    expectProblem(await post(otherRep, `/referrals/${referral.id}/cancel`, { version: 2 }), 403, 'forbidden');
    const res = await post(rep, `/referrals/${referral.id}/cancel`, {
      version: 2,
      reason: 'The customer found it.',
    });
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json()).toMatchObject({
      status: 'cancelled',
      cancelledBy: rep.userId,
      cancelReason: 'The customer found it.',
    });
    expect(await caseState(serviceCase.id)).toMatchObject({ status: 'in_progress', owner: rep.userId });
    const { db } = await testDatabase();
    const item = await db
      .selectFrom('work_items')
      .select(['id', 'open'])
      .where('kind', '=', 'referral')
      .where('subject_id', '=', referral.id)
      .executeTakeFirstOrThrow();
    expect(item.open).toBe(false);
    const clock = await db
      .selectFrom('deadlines')
      .select('status')
      .where('work_item_id', '=', item.id)
      .executeTakeFirstOrThrow();
    expect(clock.status).toBe('cancelled');
    expect(await inbox(agent, 'referral.cancelled', referral.id)).toHaveLength(1);
    expectProblem(
      await post(rep, `/referrals/${referral.id}/cancel`, { version: 3 }),
      409,
      'referral_transition_not_allowed',
    );
  });
});

describe('refusals', () => {
  it('refuses an unknown or inactive department', async () => {
    const { serviceCase } = await ownedCase();
    const unknown = expectProblem(
      await refer(serviceCase.id, { department: 'no_such_dept' }),
      422,
      'department_not_found',
    );
    expect(fieldErrors(unknown)).toEqual([{ path: ['department'], pointer: '/department', code: 'unknown' }]);
    const code = `t_${uniqueLetters(10)}`;
    await createDepartment(code, null);
    const { db } = await testDatabase();
    await db.updateTable('departments').set({ active: false }).where('code', '=', code).execute();
    expectProblem(await refer(serviceCase.id, { department: code }), 422, 'department_not_found');
    expect((await caseState(serviceCase.id)).status).toBe('in_progress');
  });

  it('refuses a department with no active staff, naming it', async () => {
    const { serviceCase } = await ownedCase();
    const code = `t_${uniqueLetters(10)}`;
    await createDepartment(code, deptSup.userId); // a supervisor of another department is not its staff
    const problem = expectProblem(
      await refer(serviceCase.id, { department: code }),
      422,
      'department_unstaffed',
    );
    expect(problem.detail).toContain(`Dept ${code}`);
    expect(problem.detail).toContain('no active staff');
    expect(problem.department).toBe(code);
    const { db } = await testDatabase();
    expect(
      await db.selectFrom('referrals').select('id').where('case_id', '=', serviceCase.id).execute(),
    ).toEqual([]);
    expect((await caseState(serviceCase.id)).status).toBe('in_progress');
  });

  it('refuses a finished case', async () => {
    for (const status of ['resolved', 'closed', 'withdrawn'] as const) {
      const { serviceCase } = await ownedCase({ status });
      expectProblem(await refer(serviceCase.id), 409, 'case_transition_not_allowed');
    }
  });

  it('one live referral per case and department: a second is 409 naming the first; a retry with the key replays', async () => {
    const { serviceCase } = await ownedCase();
    const key = { 'idempotency-key': `rfr-${newId()}` };
    const first = await refer(serviceCase.id, {}, key);
    expect(first.statusCode).toBe(201);
    const retry = await refer(serviceCase.id, {}, key);
    expect(retry.statusCode).toBe(200);
    expect(retry.headers['idempotent-replayed']).toBe('true');
    expect(retry.json()).toEqual(first.json());
    const second = expectProblem(await refer(serviceCase.id), 409, 'referral_already_open');
    expect(second.referralNumber).toBe(first.json().referralNumber);
    expectProblem(
      await refer(serviceCase.id, { question: 'Something else' }, key),
      409,
      'idempotency_key_reused',
    );
    const { db } = await testDatabase();
    const rows = await db
      .selectFrom('referrals')
      .select('id')
      .where('case_id', '=', serviceCase.id)
      .execute();
    expect(rows).toHaveLength(1);
  });

  it('two referrals to one department at the same moment: one is made, the other is 409', async () => {
    const { serviceCase } = await ownedCase();
    const results = await Promise.all([refer(serviceCase.id), refer(serviceCase.id), refer(serviceCase.id)]);
    expect(results.map((r) => r.statusCode).sort()).toEqual([201, 409, 409]);
    const made = results.find((r) => r.statusCode === 201)?.json();
    for (const r of results.filter((x) => x.statusCode === 409)) {
      expect(r.json()).toMatchObject({ code: 'referral_already_open', referralNumber: made.referralNumber });
    }
    const accepts = await Promise.all([
      post(agent, `/referrals/${made.id}/accept`, { version: 1 }),
      post(deptSup, `/referrals/${made.id}/accept`, { version: 1 }),
    ]);
    expect(accepts.map((r) => r.statusCode).sort()).toEqual([200, 409]);
  });

  it('optimistic concurrency: a stale version is 409 version_conflict and changes nothing', async () => {
    const { serviceCase } = await ownedCase();
    const referral = (await refer(serviceCase.id)).json();
    expect((await post(agent, `/referrals/${referral.id}/accept`, { version: 1 })).statusCode).toBe(200);
    expectProblem(
      await post(deptSup, `/referrals/${referral.id}/accept`, { version: 1 }),
      409,
      'referral_transition_not_allowed',
    );
    const stale = expectProblem(
      await post(deptSup, `/referrals/${referral.id}/answer`, { version: 1, answer: 'Late answer' }),
      409,
      'version_conflict',
    );
    expect(stale.currentVersion).toBe(2);
    expect((await get(rep, `/referrals/${referral.id}`)).json()).toMatchObject({
      status: 'accepted',
      version: 2,
    });
  });
});

describe('scoping', () => {
  it('an agent of another department gets 404; a customer never sees referrals', async () => {
    const { serviceCase, customer } = await ownedCase();
    const referral = (await refer(serviceCase.id)).json();
    expectProblem(await get(outsider, `/referrals/${referral.id}`), 404, 'not_found');
    expectProblem(await get(outsider, `/referrals/${referral.referralNumber}`), 404, 'not_found');
    expectProblem(await post(outsider, `/referrals/${referral.id}/accept`, { version: 1 }), 404, 'not_found');
    // Nor the case: nothing referred it to their department (department reach, docs/security.md).
    expectProblem(await get(outsider, `/cases/${serviceCase.id}/referrals`), 404, 'not_found');
    // Nor can they read that department's queue by naming it.
    expectProblem(await get(outsider, `/queues/department?department=${dept}`), 404, 'not_found');
    // A supervisor of no department sees it (staff oversight) but may not act for the department.
    expect((await get(manager, `/referrals/${referral.id}`)).statusCode).toBe(200);
    expectProblem(await post(manager, `/referrals/${referral.id}/accept`, { version: 1 }), 403, 'forbidden');
    // Representatives refer; they do not handle referrals.
    expectProblem(await post(rep, `/referrals/${referral.id}/accept`, { version: 1 }), 403, 'forbidden');

    const portal = await signInAs('customer', { customerId: customer.id });
    expectProblem(await get(portal, `/referrals/${referral.id}`), 404, 'not_found');
    expectProblem(await get(portal, `/cases/${serviceCase.id}/referrals`), 404, 'not_found');
    expectProblem(
      await post(portal, `/cases/${serviceCase.id}/referrals`, { department: dept, question: 'Hi?' }),
      403,
      'forbidden',
    );
  });
});

describe('a case that ends', () => {
  it('calls off its live referrals: cancelled, clock cancelled, out of the department queue', async () => {
    const { serviceCase } = await ownedCase();
    const referral = (await refer(serviceCase.id)).json();
    const { version } = await caseState(serviceCase.id);
    const resolved = await post(rep, `/cases/${serviceCase.id}/status`, {
      to: 'resolved',
      reason: 'Sorted on the phone',
      resolution: 'The payment went out this morning.',
      version,
    });
    expect(resolved.statusCode, resolved.body).toBe(200);
    const after = (await get(agent, `/referrals/${referral.id}`)).json();
    expect(after.status).toBe('cancelled');
    const { db } = await testDatabase();
    const item = await db
      .selectFrom('work_items')
      .select(['id', 'open'])
      .where('kind', '=', 'referral')
      .where('subject_id', '=', referral.id)
      .executeTakeFirstOrThrow();
    expect(item.open).toBe(false);
    const clocks = await db
      .selectFrom('deadlines')
      .select('status')
      .where('work_item_id', '=', item.id)
      .execute();
    expect(clocks.map((c) => c.status)).toEqual(['cancelled']);
    const queue = (await get(agent, '/queues/department')).json().items as { reference: string }[];
    expect(queue.map((q) => q.reference)).not.toContain(referral.referralNumber);
  });
});

describe('deadlines', () => {
  it('a referral nobody answers escalates to the department supervisor, then their manager, exactly once', async () => {
    const { serviceCase, customer } = await ownedCase();
    const referral = (await refer(serviceCase.id)).json();
    const { db } = await testDatabase();
    const only = { customerIds: [customer.id] };
    const later = new Date(Date.now() + 10 * DAY); // 3 business days + 1 more for the second step
    await db.transaction().execute((trx) => sweepDeadlines(trx, { now: later, limit: 500, ...only }));
    await db.transaction().execute((trx) => sweepDeadlines(trx, { now: later, limit: 500, ...only }));
    const alerts = await db
      .selectFrom('deadline_alerts')
      .select(['kind', 'notified_user_id'])
      .where('work_item_id', '=', referral.workItemId)
      .orderBy('stage')
      .execute();
    expect(alerts.map((a) => [a.kind, a.notified_user_id])).toEqual([
      ['warning', deptSup.userId],
      ['warning', deptSup.userId],
      ['breach', deptSup.userId],
      ['second_escalation', manager.userId],
    ]);
    expect(await inbox(deptSup, 'deadline.breached', referral.workItemId)).toHaveLength(1);
    expect(await inbox(manager, 'deadline.second_escalation', referral.workItemId)).toHaveLength(1);
    const view = (await get(rep, `/referrals/${referral.id}`)).json();
    expect(view.deadlineState).toBe('breached');
    const item = await db
      .selectFrom('work_items')
      .select(['escalated_to', 'escalation_level'])
      .where('id', '=', referral.workItemId)
      .executeTakeFirstOrThrow();
    expect(item).toEqual({ escalated_to: manager.userId, escalation_level: 2 });
    // The case's owner still has the case: the department's lateness is not theirs.
    expect(await caseState(serviceCase.id)).toMatchObject({
      owner: rep.userId,
      status: 'awaiting_department',
    });
    expect(await inbox(rep, 'deadline.breached', referral.workItemId)).toHaveLength(0);
  });

  it('an accepted referral warns the agent and escalates its breach to the department supervisor', async () => {
    const { serviceCase, customer } = await ownedCase({ country: 'IT' });
    const referral = (await refer(serviceCase.id)).json();
    await post(agent, `/referrals/${referral.id}/accept`, { version: 1 });
    const { db } = await testDatabase();
    const clock = await db
      .selectFrom('deadlines')
      .select('calendar')
      .where('work_item_id', '=', referral.workItemId)
      .executeTakeFirstOrThrow();
    expect(clock.calendar).toBe('IT'); // the customer's country
    await db
      .transaction()
      .execute((trx) =>
        sweepDeadlines(trx, { now: new Date(Date.now() + 10 * DAY), limit: 500, customerIds: [customer.id] }),
      );
    const alerts = await db
      .selectFrom('deadline_alerts')
      .select(['kind', 'notified_user_id'])
      .where('work_item_id', '=', referral.workItemId)
      .orderBy('stage')
      .execute();
    expect(alerts.map((a) => [a.kind, a.notified_user_id])).toEqual([
      ['warning', agent.userId],
      ['warning', agent.userId],
      ['breach', deptSup.userId],
      ['second_escalation', manager.userId],
    ]);
    expect(await inbox(deptSup, 'deadline.breached', referral.workItemId)).toHaveLength(1);
  });
});
