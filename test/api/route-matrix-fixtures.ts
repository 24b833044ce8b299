import { randomBytes } from 'node:crypto';
import type { FastifyInstance } from 'fastify';
import { numberYear } from '../../src/db/number-year.ts';
import { nextNumber } from '../../src/db/numbers.ts';
import type { Role } from '../../src/db/schema.ts';
import { newId } from '../../src/lib/ids.ts';
import { makeProduct } from '../support/factories.ts';
import { paymentScenario, swedishIban } from '../support/payment-fixtures.ts';
import { type Session, signInAs } from '../support/test-app.ts';
import { testDatabase } from '../support/test-database.ts';
import { insertDepartment } from '../support/walk-fixtures.ts';
import { uniqueLetters } from './api-helpers.ts';

// The records the route matrix walks: two customers (A and B), each with a claim and its payment
// order, a service case, a referral (A's to the matrix agent's department, B's to another), a
// document, a bank-account change, a complaint and a call. Built once, through the real API where
// a use case exists and straight in the database where the tests of that module already do so.
// Department reach (docs/security.md): the service case is about the customer's claim and policy,
// and the call was logged on the case, so A's customer header, claim, policy, case, claim document
// and call are what the referral to the matrix agent's department links to; A's bank-account change
// and complaint are cases of their own that were never referred (outside reach); B's records hang
// off a referral to another department (outside reach).

export type CustomerData = {
  customerId: string;
  /** What GET /customers?q= finds the customer by. */
  customerNumber: string;
  policyId: string;
  claimId: string;
  caseId: string;
  referralId: string;
  documentId: string;
  accountChangeId: string;
  complaintId: string;
  callId: string;
  paymentId: string;
};

export type MatrixFixtures = {
  A: CustomerData;
  B: CustomerData;
  productId: string;
  versionId: string;
  departmentA: string;
  departmentB: string;
  batchId: string;
  authorityLimitId: string;
  targetUserId: string;
  sessions: Record<Role, Session>;
  /** A's own portal login is sessions.customer; B's is this. */
  customerB: Session;
};

const PDF = Buffer.from(
  '%PDF-1.4\n1 0 obj\n<< /Type /Catalog /Pages 2 0 R >>\nendobj\ntrailer\n<< /Root 1 0 R >>\n%%EOF\n',
);

function multipart(fields: Record<string, string>) {
  const boundary = `----matrix${randomBytes(8).toString('hex')}`;
  const parts = Object.entries(fields).map(
    ([name, value]) => `--${boundary}\r\nContent-Disposition: form-data; name="${name}"\r\n\r\n${value}\r\n`,
  );
  const file =
    `--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="receipt.pdf"\r\n` +
    'Content-Type: application/pdf\r\n\r\n';
  return {
    payload: Buffer.concat([Buffer.from(parts.join('') + file), PDF, Buffer.from(`\r\n--${boundary}--\r\n`)]),
    contentType: `multipart/form-data; boundary=${boundary}`,
  };
}

export { multipart as matrixUploadForm };

async function ok(res: { statusCode: number; body: string }, what: string) {
  if (res.statusCode >= 300) throw new Error(`fixture ${what}: ${res.statusCode} ${res.body}`);
  return JSON.parse(res.body) as Record<string, unknown> & { id: string };
}

async function customerData(
  app: FastifyInstance,
  rep: Session,
  department: string,
  team: string,
): Promise<CustomerData> {
  const { db } = await testDatabase();
  const scenario = await paymentScenario(db, { status: 'ready' });
  const post = (url: string, payload: object) =>
    app.inject({ method: 'POST', url, headers: { ...rep.headers, 'idempotency-key': newId() }, payload });
  const serviceCase = await db.transaction().execute(async (trx) => {
    const caseNumber = await nextNumber(trx, 'CASE', numberYear());
    const row = await trx
      .insertInto('service_cases')
      .values({
        id: newId(),
        case_number: caseNumber,
        customer_id: scenario.customerId,
        kind: 'general_inquiry',
        category: 'general_inquiry',
        status: 'in_progress',
        subject: 'Where is my money?',
        description: 'The reimbursement has not arrived.',
        channel: 'phone',
        claim_id: scenario.claimId,
        policy_id: scenario.policyId,
        language: 'sv',
        opened_by: rep.userId,
      })
      .returningAll()
      .executeTakeFirstOrThrow();
    await trx
      .insertInto('work_items')
      .values({
        id: newId(),
        kind: 'service_case',
        subject_id: row.id,
        customer_id: scenario.customerId,
        reference: caseNumber,
        summary: row.subject,
        subject_status: row.status,
        owner_id: rep.userId,
        team,
        department: null,
        language: 'sv',
        product_code: null,
      })
      .execute();
    return row;
  });
  const referral = await ok(
    await post(`/cases/${serviceCase.id}/referrals`, { department, question: 'Was it paid?' }),
    'referral',
  );
  const form = multipart({ entityType: 'claim', entityId: scenario.claimId, kind: 'receipt' });
  const document = await ok(
    await app.inject({
      method: 'POST',
      url: '/documents',
      headers: { ...rep.headers, 'content-type': form.contentType },
      payload: form.payload,
    }),
    'document',
  );
  const change = await ok(
    await post(`/customers/${scenario.customerId}/account-changes`, {
      field: 'bank_account',
      newValue: { scheme: 'iban', iban: swedishIban(), holderName: 'Anna Lindqvist' },
    }),
    'account change',
  );
  const complaint = await ok(
    await post('/complaints', {
      customerId: scenario.customerId,
      causeCategory: 'claim_decision',
      channel: 'phone',
      description: 'The claim was refused.',
      requestedRemedy: 'Pay the claim',
    }),
    'complaint',
  );
  const call = await ok(
    await post('/calls', {
      direction: 'inbound',
      phoneNumber: '+46701234567',
      customerId: scenario.customerId,
      caseId: serviceCase.id,
      startedAt: '2026-03-02T09:15:00+01:00',
      notes: 'Asks about the claim.',
    }),
    'call',
  );
  const { customer_number } = await db
    .selectFrom('customers')
    .select('customer_number')
    .where('id', '=', scenario.customerId)
    .executeTakeFirstOrThrow();
  return {
    customerId: scenario.customerId,
    customerNumber: customer_number,
    policyId: scenario.policyId,
    claimId: scenario.claimId,
    caseId: serviceCase.id,
    referralId: referral.id,
    documentId: document.id,
    accountChangeId: change.id,
    complaintId: String(complaint.caseId),
    callId: call.id,
    paymentId: scenario.payment.id,
  };
}

export async function buildMatrixFixtures(app: FastifyInstance): Promise<MatrixFixtures> {
  const { db } = await testDatabase();
  const departmentA = `m_${uniqueLetters(10)}`;
  const departmentB = `m_${uniqueLetters(10)}`;
  const team = `MT${uniqueLetters(6)}`;
  await insertDepartment(departmentA);
  await insertDepartment(departmentB);
  // The records are made by a representative of their own, so that the matrix's representative is
  // not the requester of the bank-account change (four eyes would refuse them for that reason).
  const [maker, representative, supervisor, department_agent, administrator, auditor, agentB] =
    await Promise.all([
      signInAs('representative', { team }),
      signInAs('representative'),
      signInAs('supervisor'),
      signInAs('department_agent', { department: departmentA }),
      signInAs('administrator'),
      signInAs('auditor'),
      signInAs('department_agent', { department: departmentB }),
    ]);
  void agentB; // staffs department B, so that referrals to it are accepted
  const A = await customerData(app, maker, departmentA, team);
  const B = await customerData(app, maker, departmentB, team);
  const [customer, customerB] = await Promise.all([
    signInAs('customer', { customerId: A.customerId }),
    signInAs('customer', { customerId: B.customerId }),
  ]);
  const { product, version } = await makeProduct(db);
  const batched = await paymentScenario(db, { status: 'batched' });
  const authorityLimitId = newId();
  await db
    .insertInto('authority_limits')
    .values({
      id: authorityLimitId,
      role: 'representative',
      user_id: null,
      product_code: product.code,
      currency: 'SEK',
      max_amount_minor: 1_000_000,
      own_registration_max_minor: 1_000_000,
      causes: null,
    })
    .execute();
  const target = await signInAs('representative');
  return {
    A,
    B,
    productId: product.id,
    versionId: version.id,
    departmentA,
    departmentB,
    batchId: batched.batch?.id ?? '',
    authorityLimitId,
    targetUserId: target.userId,
    sessions: { customer, representative, supervisor, department_agent, administrator, auditor },
    customerB,
  };
}
