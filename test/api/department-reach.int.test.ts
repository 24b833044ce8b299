import { randomBytes } from 'node:crypto';
import type { FastifyInstance } from 'fastify';
import { beforeAll, describe, expect, it } from 'vitest';
import { numberYear } from '../../src/db/number-year.ts';
import { nextNumber } from '../../src/db/numbers.ts';
import { newId } from '../../src/lib/ids.ts';
import { paymentScenario } from '../support/payment-fixtures.ts';
import { type Session, signInAs, testApp } from '../support/test-app.ts';
import { testDatabase } from '../support/test-database.ts';
import { expectProblem, uniqueLetters } from './api-helpers.ts';

// Department reach (docs/security.md, "Data scoping"): a department agent reads the referrals to
// their department and the minimum each links to — the case, the claim it is about, its policy,
// the customer's header, their documents and the documents sent with the referral — and nothing
// else: 404 outside it, lists omit. A finished referral still grants the read. The route matrix
// walks every route; this file walks the reach itself: before and after a referral, another
// department's answer on a shared case, attachments, lists and searches.

let app: FastifyInstance;
let rep: Session; // owns the cases, refers them
let agent: Session; // department D's agent
let otherAgent: Session; // department E's agent
let dept: string;
let otherDept: string;

type Customer = {
  customerId: string;
  customerNumber: string;
  policyId: string;
  claimId: string;
  caseId: string;
};
let X: Customer; // referred to D (the agent's department)
let Y: Customer; // referred to E only
let Z: Customer; // referred nowhere

const get = (who: Session, url: string) => app.inject({ method: 'GET', url, headers: who.headers });
const post = (who: Session, url: string, payload: object) =>
  app.inject({ method: 'POST', url, headers: { ...who.headers, 'idempotency-key': newId() }, payload });

function pdfForm(fields: Record<string, string>) {
  const boundary = `----reach${randomBytes(8).toString('hex')}`;
  const parts = Object.entries(fields).map(
    ([name, value]) => `--${boundary}\r\nContent-Disposition: form-data; name="${name}"\r\n\r\n${value}\r\n`,
  );
  const pdf = `%PDF-1.4\n% ${newId()}\ntrailer\n<< /Root 1 0 R >>\n%%EOF\n`;
  const file = `--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="a.pdf"\r\nContent-Type: application/pdf\r\n\r\n`;
  return {
    payload: Buffer.from(`${parts.join('')}${file}${pdf}\r\n--${boundary}--\r\n`),
    contentType: `multipart/form-data; boundary=${boundary}`,
  };
}

async function upload(who: Session, entityType: string, entityId: string): Promise<string> {
  const form = pdfForm({ entityType, entityId, kind: 'receipt' });
  const res = await app.inject({
    method: 'POST',
    url: '/documents',
    headers: { ...who.headers, 'content-type': form.contentType },
    payload: form.payload,
  });
  expect(res.statusCode, res.body).toBe(201);
  return res.json().id;
}

/** A customer with a policy, a claim, and a service case about that claim, owned by `rep`. */
async function customerWithCase(): Promise<Customer> {
  const { db } = await testDatabase();
  const s = await paymentScenario(db, { status: 'ready' });
  const caseId = newId();
  await db.transaction().execute(async (trx) => {
    await trx
      .insertInto('service_cases')
      .values({
        id: caseId,
        case_number: await nextNumber(trx, 'CASE', numberYear()),
        customer_id: s.customerId,
        kind: 'general_inquiry',
        category: 'general_inquiry',
        status: 'in_progress',
        subject: 'Where is my money?',
        description: 'The reimbursement has not arrived.',
        channel: 'phone',
        claim_id: s.claimId,
        policy_id: s.policyId,
        language: 'sv',
        opened_by: rep.userId,
      })
      .execute();
  });
  const { customer_number } = await db
    .selectFrom('customers')
    .select('customer_number')
    .where('id', '=', s.customerId)
    .executeTakeFirstOrThrow();
  return {
    customerId: s.customerId,
    customerNumber: customer_number,
    policyId: s.policyId,
    claimId: s.claimId,
    caseId,
  };
}

async function refer(c: Customer, department: string, documentIds: string[] = []) {
  const res = await post(rep, `/cases/${c.caseId}/referrals`, {
    department,
    question: 'Was it paid, and to which account?',
    documentIds,
  });
  expect(res.statusCode, res.body).toBe(201);
  return res.json() as { id: string; referralNumber: string; version: number };
}

/** Every single-record read of a customer's records a department agent might try. */
function reads(c: Customer): string[] {
  return [
    `/customers/${c.customerId}`,
    `/claims/${c.claimId}`,
    `/claims/${c.claimId}/information-requests`,
    `/claims/${c.claimId}/documents/checklist`,
    `/claims/${c.claimId}/work`,
    `/cases/${c.caseId}`,
    `/cases/${c.caseId}/referrals`,
    `/policies/${c.policyId}`,
    `/documents?entityType=claim&entityId=${c.claimId}`,
    `/documents?entityType=service_case&entityId=${c.caseId}`,
  ];
}

beforeAll(async () => {
  app = await testApp();
  dept = `r_${uniqueLetters(10)}`;
  otherDept = `r_${uniqueLetters(10)}`;
  const { db } = await testDatabase();
  for (const code of [dept, otherDept]) {
    await db
      .insertInto('departments')
      .values({
        id: newId(),
        code,
        name: JSON.stringify({ sv: code, it: code, en: `Dept ${code}` }),
        supervisor_id: null,
      } as never)
      .execute();
  }
  [rep, agent, otherAgent] = await Promise.all([
    signInAs('representative'),
    signInAs('department_agent', { department: dept }),
    signInAs('department_agent', { department: otherDept }),
  ]);
  [X, Y, Z] = [await customerWithCase(), await customerWithCase(), await customerWithCase()];
  await refer(Y, otherDept);
}, 60_000);

describe('a department agent reads what a referral to their department links to', () => {
  it('nothing of a customer before a referral to the department: 404, and lists omit them', async () => {
    for (const url of reads(X)) expectProblem(await get(agent, url), 404, 'not_found');
    expect((await get(agent, `/claims?customerId=${X.customerId}`)).json().items).toEqual([]);
    expect((await get(agent, `/cases?customerId=${X.customerId}`)).json().items).toEqual([]);
    expect((await get(agent, `/customers?q=${X.customerNumber}`)).json().items).toEqual([]);
    // The representative reads all of it: the scoping is the agent's, not the records'.
    for (const url of reads(X)) expect((await get(rep, url)).statusCode, url).toBe(200);
  });

  it('the case, its claim, policy, customer header and documents once referred; never the rest', async () => {
    const claimDoc = await upload(rep, 'claim', X.claimId);
    const customerDoc = await upload(rep, 'customer', X.customerId);
    const unsentDoc = await upload(rep, 'customer', X.customerId);
    const referral = await refer(X, dept, [customerDoc]);
    for (const url of reads(X)) expect((await get(agent, url)).statusCode, url).toBe(200);
    expect((await get(agent, `/documents/${claimDoc}/content`)).statusCode).toBe(200);
    // Sent with the referral: readable one by one, although the customer's record is not in reach.
    expect((await get(agent, `/documents/${customerDoc}`)).statusCode).toBe(200);
    expectProblem(await get(agent, `/documents/${unsentDoc}`), 404, 'not_found');
    expectProblem(
      await get(agent, `/documents?entityType=customer&entityId=${X.customerId}`),
      404,
      'not_found',
    );
    // Customer-wide views stay the case owner's.
    for (const url of [
      `/customers/${X.customerId}/timeline`,
      `/customers/${X.customerId}/policies`,
      `/customers/${X.customerId}/calls`,
      `/customers/${X.customerId}/bank-accounts`,
    ]) {
      expectProblem(await get(agent, url), 404, 'not_found');
      expect((await get(rep, url)).statusCode, url).toBe(200);
    }
    // Lists and searches show X, and never Y (another department's) or Z (nobody's).
    const customers = (await get(agent, '/customers?limit=100'))
      .json()
      .items.map((c: { id: string }) => c.id);
    expect(customers).toContain(X.customerId);
    expect(customers).not.toContain(Y.customerId);
    expect(customers).not.toContain(Z.customerId);
    const claims = await get(agent, '/claims?limit=100');
    expect(claims.body).toContain(X.claimId);
    expect(claims.body).not.toContain(Y.claimId);
    expect(claims.body).not.toContain(Z.claimId);
    const cases = await get(agent, '/cases?limit=100');
    expect(cases.body).toContain(X.caseId);
    expect(cases.body).not.toContain(Y.caseId);
    expect(cases.body).not.toContain(Z.caseId);
    for (const other of [Y, Z]) {
      for (const url of reads(other)) expectProblem(await get(agent, url), 404, 'not_found');
    }
    // Another team's queue is not the department's work.
    expectProblem(await get(agent, '/queues/team?team=ANY'), 404, 'not_found');
    expect((await get(agent, '/queues/department')).body).toContain(referral.referralNumber);
  });

  it('not another department’s answer on a shared case; the case owner reads both', async () => {
    const theirs = await refer(X, otherDept);
    const accepted = await post(otherAgent, `/referrals/${theirs.id}/accept`, { version: theirs.version });
    expect(accepted.statusCode, accepted.body).toBe(200);
    const answered = await post(otherAgent, `/referrals/${theirs.id}/answer`, {
      version: accepted.json().version,
      answer: 'Medical opinion: the certificate supports the claim.',
    });
    expect(answered.statusCode, answered.body).toBe(200);
    const bodies = async (who: Session) =>
      ((await get(who, `/cases/${X.caseId}`)).json().messages as { body: string }[]).map((m) => m.body);
    expect((await bodies(rep)).some((b) => b.includes(theirs.referralNumber))).toBe(true);
    expect((await bodies(agent)).some((b) => b.includes(theirs.referralNumber))).toBe(false);
    // The other department's agent reaches X's case too now, but not Z.
    expect((await get(otherAgent, `/cases/${X.caseId}`)).statusCode).toBe(200);
    expectProblem(await get(otherAgent, `/cases/${Z.caseId}`), 404, 'not_found');
  });

  it('keeps reading after answering: a finished referral still links the department to the case', async () => {
    const { db } = await testDatabase();
    const referral = await db
      .selectFrom('referrals')
      .select(['id', 'version'])
      .where('case_id', '=', X.caseId)
      .where('department', '=', dept)
      .executeTakeFirstOrThrow();
    const answered = await post(agent, `/referrals/${referral.id}/answer`, {
      version: referral.version,
      answer: 'Paid on 3 March to the account ending 1234.',
    });
    expect(answered.statusCode, answered.body).toBe(200);
    for (const url of reads(X)) expect((await get(agent, url)).statusCode, url).toBe(200);
    // Reading is all it grants: the finished referral takes no further action.
    expectProblem(
      await post(agent, `/referrals/${referral.id}/return`, {
        version: answered.json().version,
        reason: 'x',
      }),
      409,
      'referral_transition_not_allowed',
    );
  });

  it('mail in and out only about the claims and cases in reach', async () => {
    const { db } = await testDatabase();
    const inbound = (c: Customer) => ({
      id: newId(),
      channel: 'email' as const,
      message_id: `<${newId()}@reach.example>`,
      customer_id: c.customerId,
      claim_id: c.claimId,
      case_id: null,
      match_rule: 'reference_in_subject' as const,
      status: 'matched' as const,
      rejection_reason: null,
      from_address: 'someone@example.se',
      subject: 'About my claim',
      body_text: 'Hello',
      in_reply_to: null,
      language: 'sv' as const,
    });
    const [mine, theirs] = [inbound(X), inbound(Z)];
    await db.insertInto('inbound_messages').values([mine, theirs]).execute();
    expect((await get(agent, `/inbound-messages/${mine.id}`)).statusCode).toBe(200);
    expectProblem(await get(agent, `/inbound-messages/${theirs.id}`), 404, 'not_found');
    expect((await get(rep, `/inbound-messages/${theirs.id}`)).statusCode).toBe(200);
    const list = await get(agent, `/inbound-messages?status=matched&limit=200`);
    expect(list.statusCode, list.body).toBe(200);
    for (const c of [Y, Z]) expect(list.body).not.toContain(c.customerId);
    const outbox = await get(agent, '/outbox?limit=200');
    expect(outbox.statusCode, outbox.body).toBe(200);
    for (const c of [Y, Z]) expect(outbox.body).not.toContain(c.customerId);
  });

  it('an agent without a department reaches nothing', async () => {
    const loose = await signInAs('department_agent');
    for (const url of reads(X)) expectProblem(await get(loose, url), 404, 'not_found');
    expect((await get(loose, '/customers?limit=100')).json().items).toEqual([]);
  });
});
