import type { FastifyInstance } from 'fastify';
import { beforeAll, describe, expect, it } from 'vitest';
import type { ClaimDecisionRow } from '../../src/db/schema.ts';
import { newId } from '../../src/lib/ids.ts';
import { loadDecisionLetterData } from '../../src/modules/outbound/decision-letter-data.ts';
import { decisionLetter } from '../../src/modules/outbound/index.ts';
import {
  createPaymentOrdersForDecision,
  isBankingDay,
  requestedExecutionDate,
} from '../../src/modules/payments/index.ts';
import { systemActor } from '../../src/modules/users/actor.ts';
import { makeInsuredWithAuthority } from '../support/factories.ts';
import { swedishIban } from '../support/payment-fixtures.ts';
import { type Session, signInAs, testApp } from '../support/test-app.ts';
import { testDatabase } from '../support/test-database.ts';
import { claimBody, customerWithPolicy, expectProblem } from './api-helpers.ts';

// Payment orders from decisions (issue 7): one per approved decision (the database refuses a
// second), to the customer's current checked account on the next banking day, held for a person
// when the account is fresh or the amount is high, four eyes on the review, late interest with
// the decision letter explaining it, appeals that pay the difference or open a recovery item.

let app: FastifyInstance;
let rep: Session;
let rep2: Session;
let sup: Session;
let desk: Session;
let admin: Session;

beforeAll(async () => {
  app = await testApp();
  [rep, rep2, sup, desk, admin] = await Promise.all([
    signInAs('representative'),
    signInAs('representative'),
    signInAs('supervisor'),
    signInAs('department_agent', { department: 'payments' }),
    signInAs('administrator'),
  ]);
});

/** A customer with a paid-up policy on a fresh SE product whose authority limits fit this file. */
async function insured() {
  const { db } = await testDatabase();
  return makeInsuredWithAuthority(db, { maxMinor: 5_000_000 });
}

/** An account on file since long ago (no change request: onboarding), valid unless `iban` says otherwise. */
async function accountOnFile(customerId: string, iban = swedishIban()) {
  const { db } = await testDatabase();
  await db
    .insertInto('customer_bank_accounts')
    .values({
      id: newId(),
      customer_id: customerId,
      scheme: 'iban',
      iban,
      bic: 'ESSESESS',
      holder_name: 'Anna Lindqvist',
      valid_from: new Date('2025-01-01T00:00:00Z'),
    })
    .execute();
  return iban;
}

/** The customer's payout account changed through the four-eyes flow: request, verify, approve. */
async function changeAccount(customerId: string, iban = swedishIban()) {
  const asked = await post(rep, `/customers/${customerId}/account-changes`, {
    field: 'bank_account',
    newValue: { scheme: 'iban', iban, holderName: 'Anna Lindqvist' },
  });
  expect(asked.statusCode, asked.body).toBe(201);
  const id = asked.json().id;
  const verified = await post(rep2, `/account-changes/${id}/verification`, {
    method: 'bankid',
    reference: 'BANKID-ORDER-1',
    version: 1,
  });
  expect(verified.statusCode, verified.body).toBe(200);
  const approved = await post(sup, `/account-changes/${id}/approve`, { version: 2 });
  expect(approved.statusCode, approved.body).toBe(200);
  return iban;
}

async function claimInReview(customerId: string, policyId: string, amountMinor = 800_000) {
  const res = await post(
    rep2,
    '/claims',
    claimBody(customerId, policyId, {
      cause: 'illness',
      documents: ['receipt'],
      lines: [
        {
          benefitCode: 'MEDICAL_EXPENSES',
          description: 'Clinic visit',
          serviceDate: '2026-02-15',
          amountMinor,
          currency: 'SEK',
        },
      ],
    }),
  );
  expect(res.statusCode, res.body).toBe(201);
  return res.json() as { id: string; claimNumber: string; version: number; status: string };
}

function post(session: Session, url: string, payload: unknown, headers: Record<string, string> = {}) {
  return app.inject({
    method: 'POST',
    url,
    headers: { ...session.headers, ...headers },
    payload: payload as object,
  });
}

function get(session: Session, url: string) {
  return app.inject({ method: 'GET', url, headers: session.headers });
}

async function decide(
  session: Session,
  claimId: string,
  payload: Record<string, unknown> = { outcome: 'approve' },
) {
  const version = (await claimRow(claimId)).version;
  const res = await post(session, `/claims/${claimId}/decision`, { version, ...payload });
  expect(res.statusCode, res.body).toBe(201);
  return res.json().decision as { id: string; amountMinor: number };
}

async function claimRow(id: string) {
  const { db } = await testDatabase();
  return db.selectFrom('claims').selectAll().where('id', '=', id).executeTakeFirstOrThrow();
}

async function ordersOf(claimId: string) {
  const { db } = await testDatabase();
  return db
    .selectFrom('payment_orders')
    .selectAll()
    .where('claim_id', '=', claimId)
    .orderBy('created_at')
    .orderBy('instalment_no')
    .execute();
}

async function decisionRow(id: string): Promise<ClaimDecisionRow> {
  const { db } = await testDatabase();
  return db.selectFrom('claim_decisions').selectAll().where('id', '=', id).executeTakeFirstOrThrow();
}

/** The decision letter of the claim's latest decision notice, as text (spaces normalised). */
async function letterText(customerId: string, claimId: string, language: 'en' | 'sv' | 'it') {
  const { db } = await testDatabase();
  const notice = await db
    .selectFrom('notifications')
    .select('id')
    .where('customer_id', '=', customerId)
    .where('kind', '=', 'claim.decided')
    .orderBy('created_at', 'desc')
    .executeTakeFirstOrThrow();
  const data = await db
    .transaction()
    .execute((trx) => loadDecisionLetterData(trx, { claimId, notificationId: notice.id, language }));
  return JSON.stringify(decisionLetter(data, language).blocks).replace(/[\u00a0\u202f]/g, ' ');
}

/** Puts an order through a released batch and settles it, straight in the database (helper B/C's part). */
async function settle(paymentId: string) {
  const { db } = await testDatabase();
  const order = await db
    .selectFrom('payment_orders')
    .selectAll()
    .where('id', '=', paymentId)
    .executeTakeFirstOrThrow();
  const batchId = newId();
  await db
    .insertInto('payment_batches')
    .values({
      id: batchId,
      batch_number: `PBT-A-${newId().slice(-12)}`,
      message_id: `A${newId().replaceAll('-', '').slice(0, 30)}`,
      currency: 'SEK',
      requested_execution_date: order.requested_execution_date,
      debtor_name: 'Claimdesk Försäkring AB',
      debtor_iban: 'SE4550000000058398257466',
      debtor_bic: 'ESSESESS',
      payment_count: 1,
      control_sum_minor: order.principal_minor + order.interest_minor,
      status: 'released',
      needs_second_approval: false,
      created_by: null,
      released_at: new Date(),
      file_xml: '<Document/>',
    })
    .execute();
  await db
    .updateTable('payment_orders')
    .set({
      status: 'settled',
      batch_id: batchId,
      sent_at: new Date(),
      settled_on: order.requested_execution_date,
    })
    .where('id', '=', paymentId)
    .execute();
}

describe('one payment order per approved decision', () => {
  it('a decision makes one ready order to the account on file, on a banking day, naming the claim', async () => {
    const { customer, policy } = await insured();
    const iban = await accountOnFile(customer.id);
    // With a portal login the decision is a one-line notice there, so the payment gets its own notice.
    await signInAs('customer', { customerId: customer.id });
    const claim = await claimInReview(customer.id, policy.id);
    const decision = await decide(rep, claim.id);

    const [order, ...rest] = await ordersOf(claim.id);
    expect(rest).toEqual([]);
    expect(order).toMatchObject({
      kind: 'claim_payment',
      decision_id: decision.id,
      instalment_no: 1,
      status: 'ready',
      principal_minor: 800_000,
      currency: 'SEK',
      creditor_scheme: 'iban',
      creditor_iban: iban,
      created_by: rep.userId,
      hold_reasons: [],
      remittance_info: `Claimdesk ${claim.claimNumber}`,
    });
    expect(order?.payment_number).toMatch(/^PAY-\d{4}-\d{6}$/);
    expect(order?.end_to_end_id).toBe(order?.payment_number);
    const date = String(order?.requested_execution_date);
    expect(isBankingDay('SE', date)).toBe(true);
    expect(date >= new Date(Date.now() - 86_400_000).toISOString().slice(0, 10)).toBe(true);

    // History, audit and the customer's notice.
    const { db } = await testDatabase();
    const history = await db
      .selectFrom('payment_status_changes')
      .selectAll()
      .where('payment_id', '=', order?.id ?? '')
      .execute();
    expect(history.map((h) => [h.from_status, h.to_status])).toEqual([[null, 'ready']]);
    const audit = await db
      .selectFrom('audit_events')
      .select('action')
      .where('entity_id', '=', order?.id ?? '')
      .execute();
    expect(audit.map((a) => a.action)).toEqual(['payment.created']);
    const notice = await db
      .selectFrom('notifications')
      .selectAll()
      .where('customer_id', '=', customer.id)
      .where('kind', '=', 'payment.scheduled')
      .executeTakeFirstOrThrow();
    expect(notice.body).toContain(`**** ${iban.slice(-4)}`);
    expect(notice.body).toContain(order?.payment_number);

    // A retry of the hook (the same decision again) makes nothing new.
    const row = await decisionRow(decision.id);
    const again = await db
      .transaction()
      .execute((trx) => createPaymentOrdersForDecision(trx, { decision: row, actor: systemActor('test') }));
    expect(again.orders.map((o) => o.id)).toEqual([order?.id]);
    expect(again.events).toEqual([]);
    expect(await ordersOf(claim.id)).toHaveLength(1);

    // The database itself refuses a second live order for the decision (partial unique index).
    await expect(
      db
        .insertInto('payment_orders')
        .values({
          id: newId(),
          payment_number: `PAY-X-${newId().slice(-10)}`,
          kind: 'claim_payment',
          claim_id: claim.id,
          decision_id: decision.id,
          customer_id: customer.id,
          bank_account_id: order?.bank_account_id ?? null,
          principal_minor: 1,
          currency: 'SEK',
          remittance_info: 'duplicate',
          end_to_end_id: `E2E-${newId().slice(-10)}`,
          requested_execution_date: date,
          status: 'ready',
          created_by: null,
        })
        .execute(),
    ).rejects.toMatchObject({ code: '23505' });
  });

  it('a straight-through decision makes its order too, with no person as its creator', async () => {
    const { customer, policy } = await insured();
    await accountOnFile(customer.id);
    const claim = await claimInReview(customer.id, policy.id, 120_000);
    expect(claim.status).toBe('approved');
    const [order, ...rest] = await ordersOf(claim.id);
    expect(rest).toEqual([]);
    expect(order).toMatchObject({ status: 'ready', created_by: null, principal_minor: 120_000 });
  });

  it('an EUR order asks for a TARGET2 banking day: Good Friday and Easter Monday skipped', async () => {
    const { decision } = await approvedInSql({ currency: 'EUR', amountMinor: 50_000 });
    // 08:00 UTC on Good Friday 2026 (TARGET2 closed 3 and 6 April).
    const made = await makeOrders(decision, new Date('2026-04-03T08:00:00Z'));
    expect(made.orders).toHaveLength(1);
    expect(made.orders[0]).toMatchObject({
      currency: 'EUR',
      requested_execution_date: '2026-04-07',
      status: 'ready',
    });
  });

  it('a daily benefit of a benefit programme is paid in monthly instalments that sum exactly', async () => {
    // 22 January to 2 March 2026: 10 days in January, 28 in February, 2 in March.
    const { decision, claimNumber } = await approvedInSql({
      currency: 'SEK',
      amountMinor: 100_001,
      benefitProgramme: true,
      days: { startDate: '2026-01-22', days: 40 },
    });
    const made = await makeOrders(decision, new Date('2026-02-10T08:00:00Z'));
    expect(
      made.orders.map((o) => [
        o.kind,
        o.instalment_no,
        o.principal_minor,
        o.requested_execution_date,
        o.remittance_info,
      ]),
    ).toEqual([
      ['benefit_instalment', 1, 25_000, '2026-02-10', `Claimdesk ${claimNumber} 1/3`],
      ['benefit_instalment', 2, 70_000, '2026-02-25', `Claimdesk ${claimNumber} 2/3`],
      ['benefit_instalment', 3, 5_001, '2026-03-25', `Claimdesk ${claimNumber} 3/3`],
    ]);
    expect(new Set(made.orders.map((o) => o.end_to_end_id)).size).toBe(3);
    // A retry makes nothing new.
    expect((await makeOrders(decision, new Date('2026-02-10T08:00:00Z'))).orders).toHaveLength(3);
  });
});

/**
 * A claim approved straight in SQL (no decision use case: no order yet), with an account on file;
 * `days` makes its one line a daily benefit, `benefitProgramme` its product a benefit programme.
 */
async function approvedInSql(o: {
  currency: string;
  amountMinor: number;
  benefitProgramme?: boolean;
  days?: { startDate: string; days: number };
}) {
  const { customer, policy, product, version } = await customerWithPolicy({ currency: o.currency });
  const { db } = await testDatabase();
  if (o.benefitProgramme) {
    await db
      .updateTable('products')
      .set({ kind: 'benefit_programme' })
      .where('id', '=', product.id)
      .execute();
  }
  await accountOnFile(customer.id);
  const insured = await db
    .selectFrom('policy_insured_persons')
    .select('id')
    .where('policy_id', '=', policy.id)
    .executeTakeFirstOrThrow();
  const claim = await db
    .insertInto('claims')
    .values({
      id: newId(),
      claim_number: `CLM-T-${newId().slice(-10)}`,
      customer_id: customer.id,
      policy_id: policy.id,
      insured_person_id: insured.id,
      status: 'approved',
      channel: 'phone',
      incident_date: o.days?.startDate ?? '2026-02-15',
      description: 'Approved in SQL',
      currency: o.currency,
      total_claimed_minor: o.amountMinor,
      registered_by: null,
    })
    .returningAll()
    .executeTakeFirstOrThrow();
  await db
    .insertInto('claim_lines')
    .values({
      id: newId(),
      claim_id: claim.id,
      customer_id: customer.id,
      line_no: 1,
      benefit_code: o.days ? 'SICKNESS_BENEFIT' : 'MEDICAL_EXPENSES',
      description: 'Line',
      service_date: o.days?.startDate ?? '2026-02-15',
      amount_minor: o.amountMinor,
      currency: o.currency,
      provider: null,
      days: o.days?.days ?? null,
    })
    .execute();
  const assessmentId = newId();
  await db
    .insertInto('claim_assessments')
    .values({
      id: assessmentId,
      claim_id: claim.id,
      customer_id: customer.id,
      seq: 1,
      engine_version: 'test',
      product_version_id: version.id,
      recommendation: 'approve',
      benefit_minor: o.amountMinor,
      straight_through: false,
      // A well-formed result (the claim lists read it), though no engine ran: the claim is approved in SQL.
      result: JSON.stringify({
        engineVersion: 'test',
        productVersionId: version.id,
        recommendation: 'approve',
        currency: o.currency,
        totals: {
          submittedMinor: o.amountMinor,
          eligibleMinor: o.amountMinor,
          deductibleMinor: 0,
          copayMinor: 0,
          benefitMinor: o.amountMinor,
        },
        lines: [
          {
            lineNo: 1,
            benefitCode: o.days ? 'SICKNESS_BENEFIT' : 'MEDICAL_EXPENSES',
            submittedMinor: o.amountMinor,
            eligibleMinor: o.amountMinor,
            deductibleMinor: 0,
            copayMinor: 0,
            benefitMinor: o.amountMinor,
            reasons: [],
          },
        ],
        missing: [],
        riskFlags: [],
        reasons: [],
        explanation: [],
        accumulatorDeltas: [],
        straightThrough: false,
      }),
      input: JSON.stringify({}),
      trigger: 'manual',
    })
    .execute();
  const decision = await db
    .insertInto('claim_decisions')
    .values({
      id: newId(),
      claim_id: claim.id,
      customer_id: customer.id,
      outcome: 'approved',
      amount_minor: o.amountMinor,
      currency: o.currency,
      decided_by: null,
      assessment_id: assessmentId,
      straight_through: false,
    })
    .returningAll()
    .executeTakeFirstOrThrow();
  return { decision, claimNumber: claim.claim_number };
}

async function makeOrders(decision: ClaimDecisionRow, now: Date) {
  const { db } = await testDatabase();
  return db
    .transaction()
    .execute((trx) => createPaymentOrdersForDecision(trx, { decision, actor: systemActor('test'), now }));
}

describe('the bank account', () => {
  it('none on file → awaiting_account and the customer is asked; the account applied → ready', async () => {
    const { customer, policy } = await insured();
    const claim = await claimInReview(customer.id, policy.id);
    await decide(rep, claim.id);
    const [waiting] = await ordersOf(claim.id);
    expect(waiting).toMatchObject({ status: 'awaiting_account', bank_account_id: null, creditor_iban: null });
    const { db } = await testDatabase();
    // No portal login: the decision goes out as a letter (email), and the letter asks for the account.
    expect(await letterText(customer.id, claim.id, 'en')).toContain(
      'We have no bank account on file for you',
    );

    const iban = await changeAccount(customer.id);
    const [ready] = await ordersOf(claim.id);
    // The customer's first account is not a "changed" account: no fraud hold.
    expect(ready).toMatchObject({ id: waiting?.id, status: 'ready', creditor_iban: iban, hold_reasons: [] });
    const history = await db
      .selectFrom('payment_status_changes')
      .select(['from_status', 'to_status'])
      .where('payment_id', '=', waiting?.id ?? '')
      .orderBy('at')
      .execute();
    expect(history).toEqual([
      { from_status: null, to_status: 'awaiting_account' },
      { from_status: 'awaiting_account', to_status: 'ready' },
    ]);
  });

  it('an IBAN with a bad checksum never reaches an order', async () => {
    const { customer, policy } = await insured();
    const good = swedishIban();
    // Same account, check digits off by one: the table does not check, the payment does.
    const bad = `${good.slice(0, 2)}${String((Number(good.slice(2, 4)) + 1) % 100).padStart(2, '0')}${good.slice(4)}`;
    await accountOnFile(customer.id, bad);
    const claim = await claimInReview(customer.id, policy.id);
    await decide(rep, claim.id);
    const [order] = await ordersOf(claim.id);
    expect(order).toMatchObject({ status: 'awaiting_account', bank_account_id: null, creditor_iban: null });
    const { db } = await testDatabase();
    const [change] = await db
      .selectFrom('payment_status_changes')
      .select('note')
      .where('payment_id', '=', order?.id ?? '')
      .execute();
    expect(change?.note).toMatch(/fails its check/);
  });

  it('a freshly changed account → held; the decider may not release it (403), another person can', async () => {
    const { customer, policy } = await insured();
    await accountOnFile(customer.id);
    await changeAccount(customer.id);
    const claim = await claimInReview(customer.id, policy.id);
    await decide(sup, claim.id);
    const [held] = await ordersOf(claim.id);
    expect(held).toMatchObject({
      status: 'held',
      hold_reasons: ['bank_account_recently_changed'],
      created_by: sup.userId,
    });
    const { db } = await testDatabase();
    const scheduled = await db
      .selectFrom('notifications')
      .select('id')
      .where('customer_id', '=', customer.id)
      .where('kind', '=', 'payment.scheduled')
      .execute();
    expect(scheduled).toEqual([]); // a hold tells the customer nothing

    const body = {
      action: 'release',
      version: held?.version,
      note: 'Called the customer back on the number on file.',
    };
    expectProblem(
      await post(sup, `/payments/${held?.payment_number}/review`, body),
      403,
      'four_eyes_required',
    );
    expectProblem(await post(rep, `/payments/${held?.payment_number}/review`, body), 403, 'forbidden');
    expectProblem(
      await post(desk, `/payments/${held?.payment_number}/review`, { ...body, version: 99 }),
      409,
      'version_conflict',
    );
    const released = await post(desk, `/payments/${held?.payment_number}/review`, body);
    expect(released.statusCode, released.body).toBe(200);
    expect(released.json()).toMatchObject({
      status: 'ready',
      approvedBy: desk.userId,
      version: (held?.version ?? 0) + 1,
    });
    expect(released.json().history.map((h: { to: string }) => h.to)).toEqual(['held', 'ready']);
    expectProblem(
      await post(desk, `/payments/${held?.payment_number}/review`, {
        ...body,
        version: released.json().version,
      }),
      409,
      'payment_transition_not_allowed',
    );
    expect(
      await db
        .selectFrom('notifications')
        .select('id')
        .where('customer_id', '=', customer.id)
        .where('kind', '=', 'payment.scheduled')
        .execute(),
    ).toHaveLength(1);
  });

  it('a returned payment is paid again to the new account, with a new end-to-end id', async () => {
    const { customer, policy } = await insured();
    await accountOnFile(customer.id);
    const claim = await claimInReview(customer.id, policy.id);
    await decide(rep, claim.id);
    const [first] = await ordersOf(claim.id);
    await settle(first?.id ?? '');
    const { db } = await testDatabase();
    await db
      .updateTable('payment_orders')
      .set({ status: 'returned', reason_code: 'AC04' })
      .where('id', '=', first?.id ?? '')
      .execute();
    const iban = await changeAccount(customer.id);
    const [, repayment, ...rest] = await ordersOf(claim.id);
    expect(rest).toEqual([]);
    expect(repayment).toMatchObject({
      kind: 'repayment',
      replaces_payment_id: first?.id,
      decision_id: first?.decision_id,
      principal_minor: first?.principal_minor,
      interest_minor: first?.interest_minor,
      creditor_iban: iban,
      // The new account replaced one on file: a person looks first.
      status: 'held',
      hold_reasons: ['bank_account_recently_changed'],
    });
    expect(repayment?.end_to_end_id).not.toBe(first?.end_to_end_id);
  });
});

describe('late-payment interest (räntelagen 6 §)', () => {
  it('is computed from the legal payment date and explained in the decision letter', async () => {
    const { customer, policy } = await insured();
    await accountOnFile(customer.id);
    const claim = await claimInReview(customer.id, policy.id);
    const { db } = await testDatabase();
    // The legal payment date (FAL's month) passed 10 days before the execution date the order will get.
    const execution = requestedExecutionDate('SEK', new Date());
    const dueDate = new Date(Date.parse(`${execution}T00:00:00Z`) - 10 * 86_400_000)
      .toISOString()
      .slice(0, 10);
    const updated = await db
      .updateTable('deadlines')
      .set({ due_at: new Date(`${dueDate}T12:00:00Z`) })
      .where('policy_code', '=', 'se.fal.claim_payment')
      .where(
        'work_item_id',
        'in',
        db.selectFrom('work_items').select('id').where('subject_id', '=', claim.id),
      )
      .executeTakeFirst();
    expect(Number(updated.numUpdatedRows)).toBe(1);

    await decide(rep, claim.id);
    const [order] = await ordersOf(claim.id);
    expect(order?.requested_execution_date).toBe(execution);
    expect(order?.legal_due_date).toBe(dueDate);
    // By hand: 8 000.00 SEK, 10 days (the day after the due date to the execution date inclusive) at
    // the half-year's reference rate + 8 points, actual/365, rounded once.
    const rate = await db
      .selectFrom('interest_reference_rates')
      .select('rate_hundredths')
      .where('country', '=', 'SE')
      .where('valid_from', '<=', execution)
      .orderBy('valid_from', 'desc')
      .executeTakeFirstOrThrow();
    const annualPercent = rate.rate_hundredths / 100 + 8; // 2 % + 8 = 10 % for 2026
    const expected = Math.round((800_000 * annualPercent * 10) / 36_500); // 10 %: 2 191.78 → 2 192
    expect(order?.interest_minor).toBe(expected);
    expect(order?.interest).toMatchObject({
      legalDueDate: dueDate,
      toDate: execution,
      marginPercentagePoints: 8,
    });

    const text = await letterText(customer.id, claim.id, 'en');
    expect(text).toContain('Interest for late payment');
    expect(text).toContain('section 6 of the Swedish Interest Act');
    expect(text).toContain('10 days later');
    expect(text).toContain(`that is ${annualPercent}% a year`);
    const money = (minor: number) =>
      `SEK ${(minor / 100).toLocaleString('en-GB', { minimumFractionDigits: 2 })}`;
    expect(text).toContain(`The interest is ${money(expected)}`);
    expect(text).toContain(`${money(800_000 + expected)} in total`);
  });
});

describe('appeals after payment', () => {
  it('a lower amount after a settled payment opens a recovery item, never a negative payment', async () => {
    const { customer, policy } = await insured();
    await accountOnFile(customer.id);
    const claim = await claimInReview(customer.id, policy.id);
    await decide(rep, claim.id);
    const [paid] = await ordersOf(claim.id);
    await settle(paid?.id ?? '');
    const appealed = await post(rep, `/claims/${claim.id}/appeal`, {
      reason: 'Invoice was for two people',
      version: (await claimRow(claim.id)).version,
    });
    expect(appealed.statusCode, appealed.body).toBe(200);
    const lower = await decide(rep, claim.id, {
      outcome: 'partial',
      lines: [{ lineNo: 1, payableMinor: 500_000 }],
    });

    expect((await ordersOf(claim.id)).map((o) => [o.status, o.principal_minor])).toEqual([
      ['settled', 800_000],
    ]);
    const { db } = await testDatabase();
    const item = await db
      .selectFrom('recovery_items')
      .selectAll()
      .where('claim_id', '=', claim.id)
      .executeTakeFirstOrThrow();
    expect(item).toMatchObject({
      decision_id: lower.id,
      amount_minor: 300_000,
      currency: 'SEK',
      status: 'open',
    });
    expect(item.recovery_number).toMatch(/^REC-\d{4}-\d{6}$/);
    expect(await letterText(customer.id, claim.id, 'en')).toContain(
      'We have already paid you SEK 8,000.00, which is more than the new decision gives. We will contact you about the difference of SEK 3,000.00',
    );

    const body = { outcome: 'waived', note: 'Small amount, customer in good faith.', version: 1 };
    expectProblem(await post(rep, `/recoveries/${item.recovery_number}/resolve`, body), 403, 'forbidden');
    expectProblem(
      await post(desk, `/recoveries/${item.recovery_number}/resolve`, { ...body, version: 7 }),
      409,
      'version_conflict',
    );
    const resolved = await post(desk, `/recoveries/${item.recovery_number}/resolve`, body);
    expect(resolved.statusCode, resolved.body).toBe(200);
    expect(resolved.json()).toMatchObject({ status: 'waived', resolvedBy: desk.userId, version: 2 });
    expectProblem(
      await post(desk, `/recoveries/${item.id}/resolve`, { ...body, version: 2 }),
      409,
      'recovery_transition_not_allowed',
    );
  });

  it('a higher amount pays only the difference; an unsent order of the old decision is cancelled', async () => {
    const { customer, policy } = await insured();
    await accountOnFile(customer.id);
    const claim = await claimInReview(customer.id, policy.id);
    await decide(rep, claim.id, { outcome: 'partial', lines: [{ lineNo: 1, payableMinor: 500_000 }] });
    const [paid] = await ordersOf(claim.id);
    await settle(paid?.id ?? '');
    await post(rep, `/claims/${claim.id}/appeal`, {
      reason: 'Second look',
      version: (await claimRow(claim.id)).version,
    });
    const higher = await decide(rep, claim.id, { outcome: 'approve' });
    const orders = await ordersOf(claim.id);
    expect(orders.map((o) => [o.decision_id === higher.id, o.status, o.principal_minor])).toEqual([
      [false, 'settled', 500_000],
      [true, 'ready', 300_000],
    ]);
    const letter = await letterText(customer.id, claim.id, 'en');
    expect(letter).toContain(
      'Of this amount, SEK 5,000.00 has already been paid to you; we now pay the rest.',
    );
    expect(letter).toContain('We will pay SEK 3,000.00 to your account');

    // Appeal again before the difference went out, and deny: the unsent order is cancelled and
    // what was paid (500 000) is now to be recovered in full.
    await post(rep, `/claims/${claim.id}/appeal`, {
      reason: 'Third look',
      version: (await claimRow(claim.id)).version,
    });
    const denied = await decide(rep, claim.id, { outcome: 'deny', reasonCodes: ['not_covered'] });
    expect((await ordersOf(claim.id)).map((o) => o.status)).toEqual(['settled', 'cancelled']);
    const { db } = await testDatabase();
    const item = await db
      .selectFrom('recovery_items')
      .selectAll()
      .where('decision_id', '=', denied.id)
      .executeTakeFirstOrThrow();
    expect(item.amount_minor).toBe(500_000);
  });
});

describe('reading payments', () => {
  it('a customer sees their own payment with its history, another customer gets 404; staff list by claim', async () => {
    const { customer, policy } = await insured();
    await accountOnFile(customer.id);
    const claim = await claimInReview(customer.id, policy.id);
    await decide(rep, claim.id);
    const [order] = await ordersOf(claim.id);
    const owner = await signInAs('customer', { customerId: customer.id });
    const mine = await get(owner, `/payments/${order?.payment_number}`);
    expect(mine.statusCode, mine.body).toBe(200);
    expect(mine.json()).toMatchObject({
      paymentNumber: order?.payment_number,
      status: 'ready',
      createdBy: null,
    });
    expect(mine.json().history).toEqual([expect.objectContaining({ from: null, to: 'ready', note: null })]);

    const stranger = await signInAs('customer', { customerId: (await insured()).customer.id });
    expectProblem(await get(stranger, `/payments/${order?.id}`), 404, 'not_found');
    const strangerList = await get(stranger, `/payments?claim=${claim.claimNumber}`);
    expect(strangerList.json().items).toEqual([]);

    const list = await get(desk, `/payments?claim=${claim.claimNumber}&status=ready&limit=1`);
    expect(list.statusCode, list.body).toBe(200);
    expect(list.json().items.map((p: { id: string }) => p.id)).toEqual([order?.id]);
    expectProblem(await get(desk, '/payments?before=not-a-cursor'), 400, 'validation_failed');
  });
});

describe('reference rates', () => {
  it('an administrator adds a half-year (201), a repeat is harmless (200); others may only read', async () => {
    const year = 2090 + Math.floor(Math.random() * 9);
    const rate = { validFrom: `${year}-07-01`, ratePercent: 2.25, source: 'Riksbanken, test' };
    const created = await post(admin, '/reference-rates', rate);
    expect(created.statusCode, created.body).toBe(201);
    expect(created.json()).toMatchObject({
      country: 'SE',
      validFrom: `${year}-07-01`,
      ratePercent: 2.25,
      verified: false,
    });
    expect((await post(admin, '/reference-rates', rate)).statusCode).toBe(200);
    expectProblem(await post(desk, '/reference-rates', rate), 403, 'forbidden');
    const bad = expectProblem(
      await post(admin, '/reference-rates', { ...rate, validFrom: `${year}-03-01` }),
      400,
      'validation_failed',
    );
    expect(bad.errors?.[0]?.path).toEqual(['validFrom']);
    const list = await get(rep, '/reference-rates');
    expect(list.json().items).toContainEqual(expect.objectContaining({ validFrom: `${year}-07-01` }));
  });
});
