import { createHash } from 'node:crypto';
import type { FastifyInstance } from 'fastify';
import { sql } from 'kysely';
import { beforeAll, describe, expect, it } from 'vitest';
import type { PaymentOrderRow, PaymentStatus } from '../../src/db/schema.ts';
import { newId } from '../../src/lib/ids.ts';
import { recordAuditEvents } from '../../src/modules/audit/index.ts';
import { changePaymentStatus } from '../../src/modules/payments/index.ts';
import { systemActor } from '../../src/modules/users/actor.ts';
import { paymentScenario } from '../support/payment-fixtures.ts';
import { type Session, signInAs, testApp } from '../support/test-app.ts';
import { testDatabase } from '../support/test-database.ts';
import { expectProblem } from './api-helpers.ts';

// The ledger (per claim, per customer) and the batch reconciliation, read through the API and
// checked against sums computed straight in SQL. Rows are built with paymentScenario and moved
// with changePaymentStatus, as the bank-file import would.

let app: FastifyInstance;
let rep: Session;
let desk: Session;

beforeAll(async () => {
  app = await testApp();
  [rep, desk] = await Promise.all([
    signInAs('representative'),
    signInAs('department_agent', { department: 'payments' }),
  ]);
});

const actor = systemActor('ledger-test');
const get = (s: Session, url: string) => app.inject({ method: 'GET', url, headers: s.headers });

async function move(
  paymentId: string,
  to: PaymentStatus,
  opts: { reasonCode?: string; settledOn?: string; at: string },
): Promise<PaymentOrderRow> {
  const { db } = await testDatabase();
  return db.transaction().execute(async (trx) => {
    const payment = await trx
      .selectFrom('payment_orders')
      .selectAll()
      .where('id', '=', paymentId)
      .forUpdate()
      .executeTakeFirstOrThrow();
    const changed = await changePaymentStatus(trx, {
      payment,
      to,
      source: 'bank_file',
      actor,
      reason: `test: ${to}`,
      reasonCode: opts.reasonCode ?? null,
      set: {
        ...(opts.reasonCode ? { reason_code: opts.reasonCode } : {}),
        ...(opts.settledOn ? { settled_on: opts.settledOn } : {}),
      },
      now: new Date(opts.at),
    });
    await recordAuditEvents(trx, payment.customer_id, [changed.event]);
    return changed.payment;
  });
}

/** The fixture decides "now": date the decision before the payments, as it would be. */
async function decidedOn(decisionId: string, at: string) {
  const { db } = await testDatabase();
  await db
    .updateTable('claim_decisions')
    .set({ decided_at: new Date(at) })
    .where('id', '=', decisionId)
    .execute();
}

function groupHeader(count: number, controlSum: string): string {
  return (
    '<?xml version="1.0" encoding="UTF-8"?><Document xmlns="urn:iso:std:iso:20022:tech:xsd:pain.001.001.09">' +
    `<CstmrCdtTrfInitn><GrpHdr><MsgId>M</MsgId><CreDtTm>2026-03-02T08:00:00</CreDtTm><NbOfTxs>${count}</NbOfTxs>` +
    `<CtrlSum>${controlSum}</CtrlSum></GrpHdr></CstmrCdtTrfInitn></Document>`
  );
}

/** A released batch holding the given orders, its file saying `fileCount` and `fileSum`. */
async function releasedBatch(orders: PaymentOrderRow[], file?: { count: number; sum: string }) {
  const { db } = await testDatabase();
  const total = orders.reduce((s, o) => s + o.principal_minor + o.interest_minor, 0);
  const batch = await db
    .insertInto('payment_batches')
    .values({
      id: newId(),
      batch_number: `PBT-L-${newId().slice(-12)}`.toUpperCase(),
      message_id: `L${newId().replaceAll('-', '').slice(0, 30)}`,
      currency: 'SEK',
      requested_execution_date: '2026-03-02',
      debtor_name: 'Claimdesk Försäkring AB',
      debtor_iban: 'SE4550000000058398257466',
      debtor_bic: 'ESSESESS',
      payment_count: orders.length,
      control_sum_minor: total,
      status: 'released',
      needs_second_approval: false,
      created_by: null,
      released_at: new Date('2026-03-02T08:00:00Z'),
      file_xml: groupHeader(file?.count ?? orders.length, file?.sum ?? (total / 100).toFixed(2)),
    })
    .returningAll()
    .executeTakeFirstOrThrow();
  await db
    .updateTable('payment_orders')
    .set({ batch_id: batch.id })
    .where(
      'id',
      'in',
      orders.map((o) => o.id),
    )
    .execute();
  return batch;
}

describe('the claim ledger', () => {
  it('a payment returned by the bank and re-paid: every figure equals the SQL sums, the balance ends at 0', async () => {
    const { db } = await testDatabase();
    const s = await paymentScenario(db, {
      status: 'sent',
      amountMinor: 125_000,
      executionDate: '2026-03-02',
    });
    await decidedOn(s.decisionId, '2026-03-01T10:00:00Z');
    await move(s.payment.id, 'returned', { reasonCode: 'AC04', at: '2026-03-05T10:00:00Z' });
    const number = `PAY-L-${newId().slice(-12)}`.toUpperCase();
    const repayment = await db
      .insertInto('payment_orders')
      .values({
        ...s.payment,
        id: newId(),
        payment_number: number,
        end_to_end_id: number,
        replaces_payment_id: s.payment.id,
        interest_minor: 1_234,
        interest: null,
        hold_reasons: [],
        status: 'sent',
        requested_execution_date: '2026-03-10',
        version: 1,
        created_at: new Date('2026-03-09T10:00:00Z'),
      })
      .returningAll()
      .executeTakeFirstOrThrow();
    await move(repayment.id, 'settled', { settledOn: '2026-03-11', at: '2026-03-12T07:00:00Z' });

    const res = await get(rep, `/claims/${s.claimNumber}/ledger`);
    expect(res.statusCode, res.body).toBe(200);
    const ledger = res.json();
    expect(ledger).toMatchObject({ claimId: s.claimId, customerId: s.customerId, currency: 'SEK' });
    expect(ledger.figures).toMatchObject({
      approvedMinor: 125_000,
      paidPrincipalMinor: 125_000,
      paidInterestMinor: 1_234,
      repaidMinor: 125_000,
      returnedMinor: 125_000,
      inTransitMinor: 0,
      scheduledMinor: 0,
      orderedMinor: 250_000,
      outstandingMinor: 0,
      unscheduledMinor: 0,
    });
    expect(
      ledger.movements.map((m: Record<string, unknown>) => [
        m.date,
        m.kind,
        m.reference,
        m.amountMinor,
        m.balanceMinor,
      ]),
    ).toEqual([
      ['2026-03-01', 'decision', 'decision 1', 125_000, 125_000],
      ['2026-03-05', 'payment_returned', s.payment.payment_number, 0, 125_000],
      ['2026-03-11', 'repayment_settled', number, -125_000, 0],
    ]);
    expect(ledger.movements[1].reasonCode).toBe('AC04');

    // The same figures straight from the tables.
    const sums = await sql<{ status: string; principal: string; interest: string }>`
      SELECT status, sum(principal_minor) AS principal, sum(interest_minor) AS interest
      FROM payment_orders WHERE claim_id = ${s.claimId} GROUP BY status`.execute(db);
    const by = Object.fromEntries(sums.rows.map((r) => [r.status, r]));
    expect(ledger.figures.paidPrincipalMinor).toBe(Number(by.settled?.principal));
    expect(ledger.figures.paidInterestMinor).toBe(Number(by.settled?.interest));
    expect(ledger.figures.returnedMinor).toBe(Number(by.returned?.principal));
    const approved = await db
      .selectFrom('claim_decisions')
      .select('amount_minor')
      .where('claim_id', '=', s.claimId)
      .where('superseded_at', 'is', null)
      .executeTakeFirstOrThrow();
    expect(ledger.figures.outstandingMinor).toBe(approved.amount_minor - Number(by.settled?.principal));

    // The customer's ledger is the sum of their claims (one here); they may read it, nobody else's.
    const portal = await signInAs('customer', { customerId: s.customerId });
    const mine = await get(portal, `/customers/${s.customerId}/ledger`);
    expect(mine.statusCode, mine.body).toBe(200);
    expect(mine.json().currencies).toEqual([
      expect.objectContaining({
        currency: 'SEK',
        figures: ledger.figures,
        claims: [{ claimId: s.claimId, claimNumber: s.claimNumber, figures: ledger.figures }],
      }),
    ]);
    expect(
      mine
        .json()
        .currencies[0].movements.every((m: { claimNumber: string }) => m.claimNumber === s.claimNumber),
    ).toBe(true);
    expect((await get(portal, `/claims/${s.claimId}/ledger`)).statusCode).toBe(200);
    const other = await paymentScenario(db, { status: 'ready' });
    expectProblem(await get(portal, `/customers/${other.customerId}/ledger`), 404, 'not_found');
    expectProblem(await get(portal, `/claims/${other.claimNumber}/ledger`), 404, 'not_found');
    expectProblem(await get(rep, '/claims/CLM-1999-000000/ledger'), 404, 'not_found');
    expectProblem(await get(rep, `/customers/${newId()}/ledger`), 404, 'not_found');
  });

  it('an appeal that lowered the amount after payment: the customer owes the recovery until it is recovered', async () => {
    const { db } = await testDatabase();
    const s = await paymentScenario(db, {
      status: 'settled',
      amountMinor: 100_000,
      executionDate: '2026-03-02',
    });
    await decidedOn(s.decisionId, '2026-03-01T10:00:00Z');
    const assessment = await db
      .selectFrom('claim_assessments')
      .select('id')
      .where('claim_id', '=', s.claimId)
      .executeTakeFirstOrThrow();
    await db
      .updateTable('claim_decisions')
      .set({ superseded_at: new Date('2026-03-20T10:00:00Z') })
      .where('id', '=', s.decisionId)
      .execute();
    const lowered = newId();
    await db
      .insertInto('claim_decisions')
      .values({
        id: lowered,
        claim_id: s.claimId,
        customer_id: s.customerId,
        outcome: 'partially_approved',
        amount_minor: 70_000,
        currency: 'SEK',
        decided_by: null,
        assessment_id: assessment.id,
        straight_through: false,
        decision_no: 2,
        decided_at: new Date('2026-03-20T10:00:00Z'),
      })
      .execute();
    const recoveryId = newId();
    await db
      .insertInto('recovery_items')
      .values({
        id: recoveryId,
        recovery_number: `REC-L-${newId().slice(-12)}`,
        claim_id: s.claimId,
        customer_id: s.customerId,
        decision_id: lowered,
        amount_minor: 30_000,
        currency: 'SEK',
        status: 'open',
      })
      .execute();
    let ledger = (await get(rep, `/claims/${s.claimId}/ledger`)).json();
    expect(ledger.figures).toMatchObject({
      approvedMinor: 70_000,
      paidPrincipalMinor: 100_000,
      outstandingMinor: -30_000,
      recoveries: { openMinor: 30_000, recoveredMinor: 0, waivedMinor: 0, totalMinor: 30_000 },
    });
    expect(ledger.movements.map((m: { amountMinor: number }) => m.amountMinor)).toEqual([
      100_000, -100_000, -30_000,
    ]);

    await db
      .updateTable('recovery_items')
      .set({ status: 'recovered', resolved_at: new Date('2026-04-02T10:00:00Z') })
      .where('id', '=', recoveryId)
      .execute();
    ledger = (await get(rep, `/claims/${s.claimId}/ledger`)).json();
    expect(ledger.figures).toMatchObject({
      outstandingMinor: 0,
      recoveries: { openMinor: 0, recoveredMinor: 30_000 },
    });
    expect(ledger.movements.at(-1)).toMatchObject({
      kind: 'recovery_recovered',
      date: '2026-04-02',
      balanceMinor: 0,
    });
  });
});

describe('the batch reconciliation', () => {
  it('the file, the batch and the orders agree; outcomes and notifications equal the SQL sums', async () => {
    const { db } = await testDatabase();
    const scenarios = await Promise.all(
      [100_000, 250_050, 33_333].map((amountMinor) => paymentScenario(db, { status: 'sent', amountMinor })),
    );
    const orders = scenarios.map((s) => s.payment);
    const batch = await releasedBatch(orders);
    const [a, b] = orders as [PaymentOrderRow, PaymentOrderRow, PaymentOrderRow];
    await move(a.id, 'settled', { settledOn: '2026-03-03', at: '2026-03-04T07:00:00Z' });
    await move(b.id, 'returned', { reasonCode: 'AC04', at: '2026-03-05T07:00:00Z' });
    const notificationId = newId();
    await db
      .insertInto('bank_notifications')
      .values({
        id: notificationId,
        message_id: `CAMT-${newId()}`,
        file_sha256: createHash('sha256').update(notificationId).digest('hex'),
        imported_by: null,
        entries_total: 2,
        applied: 2,
        ignored: 0,
        unknown: 0,
        report: JSON.stringify({}),
      })
      .execute();
    await db
      .insertInto('bank_notification_entries')
      .values(
        [
          [a, 'settled'],
          [b, 'returned'],
        ].map(([o, outcome]) => ({
          id: newId(),
          notification_id: notificationId,
          entry_key: `K-${newId()}`,
          end_to_end_id: (o as PaymentOrderRow).end_to_end_id,
          payment_id: (o as PaymentOrderRow).id,
          outcome: outcome as 'settled' | 'returned',
          amount_minor: (o as PaymentOrderRow).principal_minor,
          currency: 'SEK',
          reason_code: outcome === 'returned' ? 'AC04' : null,
          booking_date: '2026-03-03',
        })),
      )
      .execute();

    const res = await get(desk, `/payment-batches/${batch.batch_number}/reconciliation`);
    expect(res.statusCode, res.body).toBe(200);
    const r = res.json();
    const total = 100_000 + 250_050 + 33_333;
    expect(r).toMatchObject({
      batchId: batch.id,
      declared: { count: 3, sumMinor: total },
      file: { count: 3, sumMinor: total },
      orders: { count: 3, sumMinor: total },
      balanced: true,
      byStatus: {
        settled: { count: 1, sumMinor: 100_000 },
        returned: { count: 1, sumMinor: 250_050 },
        rejected: { count: 0, sumMinor: 0 },
        sent: { count: 1, sumMinor: 33_333 },
        other: { count: 0, sumMinor: 0 },
      },
      notifications: [
        { notificationId, entries: 2, amountMinor: 350_050, settled: 1, returned: 1, rejected: 0 },
      ],
    });
    const direct = await sql<{ status: string; n: string; total: string }>`
      SELECT status, count(*) AS n, sum(principal_minor + interest_minor) AS total
      FROM payment_orders WHERE batch_id = ${batch.id} GROUP BY status`.execute(db);
    for (const row of direct.rows) {
      expect(r.byStatus[row.status], row.status).toEqual({
        count: Number(row.n),
        sumMinor: Number(row.total),
      });
    }
    // By id as well; staff outside the payments desk's department and customers may not.
    expect((await get(rep, `/payment-batches/${batch.id}/reconciliation`)).json().orders.count).toBe(3);
    const portal = await signInAs('customer', { customerId: scenarios[0]?.customerId });
    expectProblem(await get(portal, `/payment-batches/${batch.id}/reconciliation`), 403, 'forbidden');
    const medical = await signInAs('department_agent', { department: 'medical' });
    expectProblem(await get(medical, `/payment-batches/${batch.id}/reconciliation`), 403, 'forbidden');
    expectProblem(await get(desk, '/payment-batches/PBT-1999-000000/reconciliation'), 404, 'not_found');
  });

  it('a file whose control sum differs from its orders is not balanced', async () => {
    const { db } = await testDatabase();
    const s = await paymentScenario(db, { status: 'sent', amountMinor: 50_000 });
    const batch = await releasedBatch([s.payment], { count: 1, sum: '500.01' });
    const r = (await get(desk, `/payment-batches/${batch.id}/reconciliation`)).json();
    expect(r).toMatchObject({
      declared: { count: 1, sumMinor: 50_000 },
      file: { count: 1, sumMinor: 50_001 },
      orders: { count: 1, sumMinor: 50_000 },
      balanced: false,
    });
  });
});
