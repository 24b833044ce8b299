import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { PaymentOrderRow } from '../../src/db/schema.ts';
import { newId } from '../../src/lib/ids.ts';
import {
  configurePayments,
  DEFAULT_PAYMENT_SETTINGS,
  requestedExecutionDate,
  validateAgainstXsd,
} from '../../src/modules/payments/index.ts';
import { camt054 } from '../support/camt054.ts';
import {
  makeCustomer,
  makePolicy,
  makeProduct,
  payPremiums,
  STRAIGHT_THROUGH_CONFIG,
} from '../support/factories.ts';
import { swedishIban } from '../support/payment-fixtures.ts';
import { type Session, signInAs, testApp } from '../support/test-app.ts';
import { testDatabase } from '../support/test-database.ts';
import { claimBody } from './api-helpers.ts';

// The walk-through of docs/payments.md, over HTTP, as the people involved do it:
//  1. a representative approves a claim → one payment order, ready for the next batch;
//  2. a payments agent batches the ready orders; the batch is above the four-eyes limit, so its
//     creator cannot approve it and a second agent does; it is released as a pain.001.001.09 file
//     that validates against the official XSD;
//  3. the bank's camt.054 notification is imported → the order is settled, the claim paid;
//  4. another claim's payment comes back (AC04, account closed) → a service case for the
//     representative; the customer's new account goes through the four-eyes account change → a
//     re-payment, held because the account is brand new, released by the payments desk, batched,
//     sent and settled → that claim is paid too;
//  5. a claim decided after its legal payment date → the order carries räntelagen 6 § interest,
//     explained in the decision letter.
// The file pays in NOK, a currency no other test file uses, so its batches take only its own orders
// whichever files run at the same time on a shared PostgreSQL.

const CURRENCY = 'NOK';
const DEBTOR_IBAN = 'NO9386011117947';

let app: FastifyInstance;
let rep: Session;
let rep2: Session;
let sup: Session;
let agent: Session;
let agent2: Session;

beforeAll(async () => {
  app = await testApp();
  [rep, rep2, sup, agent, agent2] = await Promise.all([
    signInAs('representative'),
    signInAs('representative'),
    signInAs('supervisor'),
    signInAs('department_agent', { department: 'payments' }),
    signInAs('department_agent', { department: 'payments' }),
  ]);
  configurePayments({
    ...DEFAULT_PAYMENT_SETTINGS,
    currencies: {
      ...DEFAULT_PAYMENT_SETTINGS.currencies,
      // Any batch needs a second approval (limit 1.00): the walk-through shows the four eyes.
      NOK: {
        debtor: { name: 'Claimdesk Forsikring', iban: DEBTOR_IBAN, bic: 'DNBANOKK' },
        singleApprovalLimitMinor: 10_000_000,
        batchApprovalLimitMinor: 100,
      },
    },
  });
});

afterAll(() => configurePayments(DEFAULT_PAYMENT_SETTINGS));

function post(session: Session, url: string, payload: unknown) {
  return app.inject({ method: 'POST', url, headers: session.headers, payload: payload as object });
}

function get(session: Session, url: string) {
  return app.inject({ method: 'GET', url, headers: session.headers });
}

/** A customer with a paid-up NOK policy on a Swedish product, an old bank account and a claim in review. */
async function claimInReview(amountMinor: number) {
  const { db } = await testDatabase();
  const customer = await makeCustomer(db);
  const { product, version } = await makeProduct(db, { currency: CURRENCY, config: STRAIGHT_THROUGH_CONFIG });
  const policy = await makePolicy(db, { customerId: customer.id, productVersionId: version.id });
  await payPremiums(db, {
    policyId: policy.id,
    amountMinor: 12 * 19_900,
    currency: CURRENCY,
    paidOn: ['2026-01-01'],
  });
  await db
    .insertInto('authority_limits')
    .values({
      id: newId(),
      role: 'representative',
      user_id: null,
      product_code: product.code,
      currency: CURRENCY,
      max_amount_minor: 5_000_000,
      own_registration_max_minor: 5_000_000,
      causes: null,
    })
    .execute();
  await db
    .insertInto('customer_bank_accounts')
    .values({
      id: newId(),
      customer_id: customer.id,
      scheme: 'iban',
      iban: swedishIban(),
      bic: 'ESSESESS',
      holder_name: `${customer.givenName} ${customer.familyName}`,
      valid_from: new Date('2024-01-01T00:00:00Z'),
    })
    .execute();
  const res = await post(
    rep2,
    '/claims',
    claimBody(customer.id, policy.id, {
      cause: 'illness',
      documents: ['receipt'],
      lines: [
        {
          benefitCode: 'MEDICAL_EXPENSES',
          description: 'Clinic visit',
          serviceDate: '2026-02-15',
          amountMinor,
          currency: CURRENCY,
        },
      ],
    }),
  );
  expect(res.statusCode, res.body).toBe(201);
  const claim = res.json() as { id: string; claimNumber: string; status: string };
  expect(claim.status).toBe('in_review');
  return { customer, claim };
}

async function approve(claimId: string) {
  const claim = (await get(rep, `/claims/${claimId}`)).json();
  const res = await post(rep, `/claims/${claimId}/decision`, { version: claim.version, outcome: 'approve' });
  expect(res.statusCode, res.body).toBe(201);
}

async function ordersOf(claimId: string): Promise<PaymentOrderRow[]> {
  const { db } = await testDatabase();
  return db
    .selectFrom('payment_orders')
    .selectAll()
    .where('claim_id', '=', claimId)
    .orderBy('created_at')
    .execute();
}

async function claimStatus(claimId: string): Promise<string> {
  return (await get(rep, `/claims/${claimId}`)).json().status;
}

/** Batch → creator refused → second agent approves → release → the file, validated here too. */
async function batchAndRelease(): Promise<{ batch: { id: string; batchNumber: string }; xml: string }> {
  const created = await post(agent, '/payment-batches', { currency: CURRENCY });
  expect(created.statusCode, created.body).toBe(201);
  const batch = created.json();
  expect(batch.status).toBe('awaiting_approval');
  const own = await post(agent, `/payment-batches/${batch.id}/approve`, { version: batch.version });
  expect(own.statusCode, own.body).toBe(403);
  expect(own.json().code).toBe('four_eyes_required');
  const approved = await post(agent2, `/payment-batches/${batch.id}/approve`, { version: batch.version });
  expect(approved.statusCode, approved.body).toBe(200);
  const released = await post(agent, `/payment-batches/${batch.id}/release`, {
    version: approved.json().version,
  });
  expect(released.statusCode, released.body).toBe(200);
  expect(released.json().status).toBe('released');
  const file = await get(agent, `/payment-batches/${batch.id}/file`);
  expect(file.statusCode).toBe(200);
  expect(file.headers['content-type']).toMatch(/^application\/xml/);
  const verdict = await validateAgainstXsd(file.body, 'pain.001.001.09');
  expect(verdict.problems).toEqual([]);
  expect(verdict.valid).toBe(true);
  return { batch: released.json(), xml: file.body };
}

async function importCamt(entries: Parameters<typeof camt054>[0]['entries']) {
  const res = await app.inject({
    method: 'POST',
    url: '/bank-notifications',
    headers: { ...agent.headers, 'content-type': 'application/xml' },
    payload: camt054({ accountIban: DEBTOR_IBAN, entries }),
  });
  expect(res.statusCode, res.body).toBe(201);
  return res.json();
}

describe('payments, from the decision to the bank and back', () => {
  it('pays a claim, re-pays a returned payment to the new account, and pays interest when late', async () => {
    // 1. Two approved claims → one ready order each, to the account on file.
    const first = await claimInReview(600_000);
    const second = await claimInReview(700_000);
    await approve(first.claim.id);
    await approve(second.claim.id);
    const [paid] = await ordersOf(first.claim.id);
    const [returned] = await ordersOf(second.claim.id);
    expect(paid).toMatchObject({
      status: 'ready',
      principal_minor: 600_000,
      interest_minor: 0,
      currency: CURRENCY,
    });
    expect(returned).toMatchObject({ status: 'ready', principal_minor: 700_000 });
    expect((await ordersOf(first.claim.id)).length).toBe(1);
    const shown = (await get(rep, `/payments/${paid?.payment_number}`)).json();
    expect(shown.status).toBe('ready');

    // 2. Four-eyes release of a valid pain.001; both orders are in it, sent.
    const { xml } = await batchAndRelease();
    for (const o of [paid, returned]) expect(xml).toContain(`<EndToEndId>${o?.end_to_end_id}</EndToEndId>`);
    expect((await ordersOf(first.claim.id))[0]?.status).toBe('sent');

    // 3. The bank books the first and returns the second (AC04: account closed).
    const report = await importCamt([
      {
        endToEndId: paid?.end_to_end_id as string,
        amountMinor: 600_000,
        currency: CURRENCY,
        outcome: 'settled',
      },
      {
        endToEndId: returned?.end_to_end_id as string,
        amountMinor: 700_000,
        currency: CURRENCY,
        outcome: 'returned',
        reasonCode: 'AC04',
      },
    ]);
    expect(report.applied).toHaveLength(2);
    expect(report.unknown).toEqual([]);
    expect((await ordersOf(first.claim.id))[0]?.status).toBe('settled');
    expect(await claimStatus(first.claim.id)).toBe('paid');
    expect((await ordersOf(second.claim.id))[0]).toMatchObject({ status: 'returned', reason_code: 'AC04' });
    expect(await claimStatus(second.claim.id)).toBe('approved');

    // 4. The representative's case about the returned payment, linked to it.
    const { db } = await testDatabase();
    const serviceCase = await db
      .selectFrom('service_cases')
      .selectAll()
      .where('payment_id', '=', returned?.id as string)
      .executeTakeFirstOrThrow();
    expect(serviceCase).toMatchObject({
      kind: 'payment_delay',
      category: 'payment_returned',
      claim_id: second.claim.id,
    });
    const caseView = (await get(rep, `/cases/${serviceCase.case_number}`)).json();
    expect(JSON.stringify(caseView)).toContain('AC04');

    // The customer gives a new account; a second person approves the change (four eyes).
    const asked = await post(rep, `/customers/${second.customer.id}/account-changes`, {
      field: 'bank_account',
      newValue: { scheme: 'iban', iban: swedishIban(), holderName: 'New Account Holder' },
    });
    expect(asked.statusCode, asked.body).toBe(201);
    const changeId = asked.json().id;
    const verified = await post(rep2, `/account-changes/${changeId}/verification`, {
      method: 'bankid',
      reference: 'BANKID-ORDER-7',
      version: 1,
    });
    expect(verified.statusCode, verified.body).toBe(200);
    const applied = await post(sup, `/account-changes/${changeId}/approve`, { version: 2 });
    expect(applied.statusCode, applied.body).toBe(200);

    // A re-payment to the new account, held: the account changed minutes ago (a fraud pattern).
    const repayment = (await ordersOf(second.claim.id)).find((o) => o.kind === 'repayment');
    expect(repayment).toMatchObject({
      status: 'held',
      replaces_payment_id: returned?.id,
      principal_minor: 700_000,
      hold_reasons: ['bank_account_recently_changed'],
    });
    // The representative who decided cannot release it; the payments desk can, after checking.
    const byRep = await post(rep, `/payments/${repayment?.payment_number}/review`, {
      action: 'release',
      version: repayment?.version,
      note: 'Called the customer back on the number on file',
    });
    expect(byRep.statusCode).toBe(403);
    const released = await post(agent, `/payments/${repayment?.payment_number}/review`, {
      action: 'release',
      version: repayment?.version,
      note: 'Called the customer back on the number on file; the new account is theirs',
    });
    expect(released.statusCode, released.body).toBe(200);
    expect(released.json().status).toBe('ready');

    const { xml: second_file } = await batchAndRelease();
    expect(second_file).toContain(`<EndToEndId>${repayment?.end_to_end_id}</EndToEndId>`);
    await importCamt([
      {
        endToEndId: repayment?.end_to_end_id as string,
        amountMinor: 700_000,
        currency: CURRENCY,
        outcome: 'settled',
      },
    ]);
    expect(await claimStatus(second.claim.id)).toBe('paid');

    // The ledger of the returned-and-repaid claim sums exactly: approved 7 000.00, paid 7 000.00.
    const ledger = (await get(rep, `/claims/${second.claim.id}/ledger`)).json();
    expect(JSON.stringify(ledger)).toContain('700000');

    // 5. Late: the legal payment date (FAL's month) passed 5 days before the order's execution date.
    const late = await claimInReview(800_000);
    const execution = requestedExecutionDate(CURRENCY, new Date());
    const due = new Date(Date.parse(`${execution}T00:00:00Z`) - 5 * 86_400_000).toISOString().slice(0, 10);
    const moved = await db
      .updateTable('deadlines')
      .set({ due_at: new Date(`${due}T12:00:00Z`) })
      .where('policy_code', '=', 'se.fal.claim_payment')
      .where(
        'work_item_id',
        'in',
        db.selectFrom('work_items').select('id').where('subject_id', '=', late.claim.id),
      )
      .executeTakeFirst();
    expect(Number(moved.numUpdatedRows)).toBe(1);
    await approve(late.claim.id);
    const [withInterest] = await ordersOf(late.claim.id);
    const rate = await db
      .selectFrom('interest_reference_rates')
      .select('rate_hundredths')
      .where('country', '=', 'SE')
      .where('valid_from', '<=', execution)
      .orderBy('valid_from', 'desc')
      .executeTakeFirstOrThrow();
    // By hand: principal × (reference rate + 8 points) × 5 days / 365, rounded once.
    const expected = Math.round((800_000 * (rate.rate_hundredths + 800) * 5) / (365 * 10_000));
    expect(withInterest).toMatchObject({
      principal_minor: 800_000,
      interest_minor: expected,
      legal_due_date: due,
    });
    expect(expected).toBeGreaterThan(0);
    const view = (await get(rep, `/payments/${withInterest?.payment_number}`)).json();
    expect(JSON.stringify(view)).toContain(due);
  });
});
