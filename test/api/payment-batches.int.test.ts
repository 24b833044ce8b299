import { XMLParser } from 'fast-xml-parser';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  configurePayments,
  createPaymentBatch,
  DEFAULT_PAYMENT_SETTINGS,
  decimalToMinor,
  validateAgainstXsd,
} from '../../src/modules/payments/index.ts';
import { systemActor } from '../../src/modules/users/index.ts';
import { paymentScenario } from '../support/payment-fixtures.ts';
import { type Session, signInAs, testApp } from '../support/test-app.ts';
import { testDatabase } from '../support/test-database.ts';
import { expectProblem } from './api-helpers.ts';

// Batches, four-eyes approval and release of pain.001 files. Other test files (and, on
// PostgreSQL, other workers at the same time) make SEK and EUR orders; a batch takes EVERY ready
// order of its currency, so these tests pay in DKK, a currency no other test uses, configured
// here with a batch limit of 3 000,00. Orders are made 'held' and turned 'ready' in DKK in one
// statement, so no other batcher ever sees them as ready SEK orders.

const CURRENCY = 'DKK';
const BATCH_LIMIT = 300_000;

const parser = new XMLParser({
  ignoreAttributes: false,
  parseTagValue: false,
  isArray: (n) => n === 'CdtTrfTxInf',
});

let creator: Session;
let approver: Session;
let outsider: Session;

beforeAll(async () => {
  configurePayments({
    ...DEFAULT_PAYMENT_SETTINGS,
    currencies: {
      ...DEFAULT_PAYMENT_SETTINGS.currencies,
      [CURRENCY]: {
        debtor: { name: 'Claimdesk Försäkring AB', iban: 'SE4550000000058398257466', bic: 'ESSESESS' },
        singleApprovalLimitMinor: 1_000_000,
        batchApprovalLimitMinor: BATCH_LIMIT,
      },
    },
  });
  [creator, approver, outsider] = await Promise.all([
    signInAs('department_agent', { department: 'payments' }),
    signInAs('department_agent', { department: 'payments' }),
    signInAs('department_agent', { department: 'medical' }),
  ]);
  // A run that failed half-way on a persistent database may have left ready DKK orders behind.
  const { db } = await testDatabase();
  await db
    .updateTable('payment_orders')
    .set({ status: 'cancelled', batch_id: null })
    .where('currency', '=', CURRENCY)
    .where('status', 'in', ['ready', 'held'])
    .execute();
});

afterAll(() => configurePayments(DEFAULT_PAYMENT_SETTINGS));

async function readyOrder(amountMinor: number, over: { needsSecondApproval?: boolean; iban?: string } = {}) {
  const { db } = await testDatabase();
  const s = await paymentScenario(db, { status: 'held', amountMinor, executionDate: '2026-03-02' });
  return db
    .updateTable('payment_orders')
    .set({
      status: 'ready',
      currency: CURRENCY,
      needs_second_approval: over.needsSecondApproval ?? false,
      ...(over.iban ? { creditor_iban: over.iban } : {}),
    })
    .where('id', '=', s.payment.id)
    .returningAll()
    .executeTakeFirstOrThrow()
    .then((payment) => ({ ...s, payment }));
}

async function post(
  session: Session | null,
  url: string,
  payload: unknown,
  headers: Record<string, string> = {},
) {
  const app = await testApp();
  return app.inject({
    method: 'POST',
    url,
    payload: payload as object,
    headers: { ...session?.headers, ...headers },
  });
}

async function get(session: Session, url: string) {
  const app = await testApp();
  return app.inject({ method: 'GET', url, headers: session.headers });
}

async function ordersOf(batchId: string) {
  const { db } = await testDatabase();
  return db
    .selectFrom('payment_orders')
    .selectAll()
    .where('batch_id', '=', batchId)
    .orderBy('payment_number')
    .execute();
}

describe('payment batches', () => {
  it('above the limit: waits for a second person, then releases one valid file, and only one', async () => {
    const a = await readyOrder(200_000);
    const b = await readyOrder(150_005);

    const created = await post(
      creator,
      '/payment-batches',
      { currency: CURRENCY },
      { 'idempotency-key': `batch-${a.payment.id}` },
    );
    expect(created.statusCode, created.body).toBe(201);
    const batch = created.json();
    expect(batch).toMatchObject({
      status: 'awaiting_approval',
      needsSecondApproval: true,
      currency: CURRENCY,
      paymentCount: 2,
      controlSumMinor: 350_005,
      requestedExecutionDate: '2026-03-02',
      messageId: `CLAIMDESK-${batch.batchNumber}`,
      version: 1,
    });
    expect(batch.batchNumber).toMatch(/^PBT-\d{4}-\d{6}$/);
    expect(batch.messageId.length).toBeLessThanOrEqual(35);
    expect((await ordersOf(batch.id)).map((o) => o.status)).toEqual(['batched', 'batched']);

    const retry = await post(
      creator,
      '/payment-batches',
      { currency: CURRENCY },
      { 'idempotency-key': `batch-${a.payment.id}` },
    );
    expect(retry.statusCode).toBe(200);
    expect(retry.headers['idempotent-replayed']).toBe('true');
    expect(retry.json().id).toBe(batch.id);

    expectProblem(
      await post(creator, `/payment-batches/${batch.id}/release`, { version: 1 }),
      409,
      'payment_batch_transition_not_allowed',
    );
    expectProblem(
      await post(creator, `/payment-batches/${batch.id}/approve`, { version: 1 }),
      403,
      'four_eyes_required',
    );
    expectProblem(
      await post(outsider, `/payment-batches/${batch.id}/approve`, { version: 1 }),
      403,
      'forbidden',
    );
    expectProblem(
      await post(approver, `/payment-batches/${batch.id}/approve`, { version: 7 }),
      409,
      'version_conflict',
    );
    const approved = await post(approver, `/payment-batches/${batch.batchNumber}/approve`, { version: 1 });
    expect(approved.statusCode, approved.body).toBe(200);
    expect(approved.json()).toMatchObject({ status: 'approved', approvedBy: approver.userId, version: 2 });
    expectProblem(await get(creator, `/payment-batches/${batch.id}/file`), 404, 'not_found');

    const released = await post(creator, `/payment-batches/${batch.id}/release`, { version: 2 });
    expect(released.statusCode, released.body).toBe(200);
    expect(released.json()).toMatchObject({ status: 'released', releasedBy: creator.userId, version: 3 });
    const sha = released.json().fileSha256;
    expect(sha).toMatch(/^[0-9a-f]{64}$/);

    const file = await get(creator, `/payment-batches/${batch.id}/file`);
    expect(file.statusCode).toBe(200);
    expect(file.headers['content-type']).toMatch(/^application\/xml/);
    expect(file.headers['content-disposition']).toBe(`attachment; filename="${batch.messageId}.xml"`);
    const { createHash } = await import('node:crypto');
    expect(createHash('sha256').update(file.rawPayload).digest('hex')).toBe(sha);
    expect(await validateAgainstXsd(file.body, 'pain.001.001.09')).toEqual({ valid: true, problems: [] });
    const doc = parser.parse(file.body).Document.CstmrCdtTrfInitn;
    expect(doc.GrpHdr.MsgId).toBe(batch.messageId);
    expect(doc.GrpHdr.NbOfTxs).toBe('2');
    expect(decimalToMinor(doc.GrpHdr.CtrlSum, CURRENCY)).toBe(350_005n);
    const orders = await ordersOf(batch.id);
    const sum = orders.reduce((s, o) => s + o.principal_minor + o.interest_minor, 0);
    expect(decimalToMinor(doc.PmtInf.CtrlSum, CURRENCY)).toBe(BigInt(sum));
    expect(
      doc.PmtInf.CdtTrfTxInf.map((t: { PmtId: { EndToEndId: string } }) => t.PmtId.EndToEndId).sort(),
    ).toEqual([a.payment.end_to_end_id, b.payment.end_to_end_id].sort());
    expect(orders.every((o) => o.status === 'sent' && o.sent_at !== null)).toBe(true);

    const { db } = await testDatabase();
    const history = await db
      .selectFrom('payment_status_changes')
      .select(['to_status', 'source'])
      .where('payment_id', '=', a.payment.id)
      .orderBy('at')
      .orderBy('id')
      .execute();
    expect(history).toEqual([
      { to_status: 'batched', source: 'batch' },
      { to_status: 'sent', source: 'batch' },
    ]);

    // A retry of the release (same old version) returns the released batch and the same file.
    const again = await post(creator, `/payment-batches/${batch.id}/release`, { version: 2 });
    expect(again.statusCode).toBe(200);
    expect(again.json()).toMatchObject({ status: 'released', fileSha256: sha, version: 3 });
    expect((await get(creator, `/payment-batches/${batch.id}/file`)).body).toBe(file.body);
    const releases = await db
      .selectFrom('audit_events')
      .select('id')
      .where('entity_id', '=', batch.id)
      .where('action', '=', 'payment_batch.released')
      .execute();
    expect(releases).toHaveLength(1);
    expectProblem(
      await post(creator, `/payment-batches/${batch.id}/cancel`, { version: 3 }),
      409,
      'payment_batch_transition_not_allowed',
    );
  });

  it('below the limit: approved at once; message ids unique; nothing left → 409 nothing_to_pay', async () => {
    await readyOrder(10_000);
    const first = await post(creator, '/payment-batches', {
      currency: CURRENCY,
      executionDate: '2026-12-01',
    });
    expect(first.statusCode, first.body).toBe(201);
    expect(first.json()).toMatchObject({
      status: 'approved',
      needsSecondApproval: false,
      requestedExecutionDate: '2026-12-01',
    });
    await readyOrder(20_000);
    const second = await post(creator, '/payment-batches', { currency: CURRENCY });
    expect(second.statusCode).toBe(201);
    expect(second.json().messageId).not.toBe(first.json().messageId);
    expectProblem(await post(creator, '/payment-batches', { currency: CURRENCY }), 409, 'nothing_to_pay');

    // The creator may release a batch nobody had to approve.
    const released = await post(creator, `/payment-batches/${second.json().id}/release`, { version: 1 });
    expect(released.statusCode, released.body).toBe(200);

    const list = await get(creator, `/payment-batches?currency=${CURRENCY}&limit=200`);
    expect(list.statusCode).toBe(200);
    const ids = list.json().items.map((i: { id: string }) => i.id);
    expect(ids).toEqual(expect.arrayContaining([first.json().id, second.json().id]));
    const messageIds = list.json().items.map((i: { messageId: string }) => i.messageId);
    expect(new Set(messageIds).size).toBe(messageIds.length);
    expect((await get(creator, `/payment-batches/${first.json().batchNumber}`)).json().id).toBe(
      first.json().id,
    );
  });

  it('refuses an execution date before an order’s, and a currency we do not pay in', async () => {
    const order = await readyOrder(10_000);
    const early = expectProblem(
      await post(creator, '/payment-batches', { currency: CURRENCY, executionDate: '2026-01-01' }),
      400,
      'validation_failed',
    );
    expect(early.errors?.[0]).toMatchObject({ path: ['executionDate'], code: 'before_order_date' });
    const nok = expectProblem(
      await post(creator, '/payment-batches', { currency: 'NOK' }),
      400,
      'validation_failed',
    );
    expect(nok.errors?.[0]).toMatchObject({ path: ['currency'], code: 'currency_not_paid' });
    const { db } = await testDatabase();
    expect(
      (
        await db
          .selectFrom('payment_orders')
          .select('status')
          .where('id', '=', order.payment.id)
          .executeTakeFirstOrThrow()
      ).status,
    ).toBe('ready');
    // Tidy up: batch it (nothing left ready in DKK for the next test).
    expect((await post(creator, '/payment-batches', { currency: CURRENCY })).statusCode).toBe(201);
  });

  it('two batchers at once never share an order', async () => {
    const mine = await Promise.all([1, 2, 3, 4, 5, 6].map((n) => readyOrder(1_000 * n)));
    const { db } = await testDatabase();
    const [x, y] = await Promise.allSettled([
      createPaymentBatch({
        db,
        actor: systemActor('batcher-1'),
        input: { currency: CURRENCY },
        maxPayments: 4,
      }),
      createPaymentBatch({
        db,
        actor: systemActor('batcher-2'),
        input: { currency: CURRENCY },
        maxPayments: 4,
      }),
    ]);
    const batches = [x, y].flatMap((r) => (r.status === 'fulfilled' ? [r.value.body] : []));
    for (const r of [x, y])
      if (r.status === 'rejected') expect(r.reason).toMatchObject({ code: 'nothing_to_pay' });
    const taken = (await Promise.all(batches.map((b) => ordersOf(b.id)))).flat().map((o) => o.id);
    expect(new Set(taken).size).toBe(taken.length);
    expect(taken.sort()).toEqual(mine.map((m) => m.payment.id).sort());
    for (const b of batches) expect(b.paymentCount).toBe((await ordersOf(b.id)).length);
    const batched = await db
      .selectFrom('payment_status_changes')
      .select('payment_id')
      .where('payment_id', 'in', taken)
      .where('to_status', '=', 'batched')
      .execute();
    expect(batched).toHaveLength(6);
  });

  it('cancel: the orders are ready again and the next batch takes them', async () => {
    const a = await readyOrder(5_000);
    const b = await readyOrder(6_000);
    const batch = (await post(creator, '/payment-batches', { currency: CURRENCY })).json();
    expectProblem(
      await post(creator, `/payment-batches/${batch.id}/cancel`, { version: 9 }),
      409,
      'version_conflict',
    );
    const cancelled = await post(creator, `/payment-batches/${batch.id}/cancel`, {
      version: 1,
      reason: 'wrong day',
    });
    expect(cancelled.statusCode, cancelled.body).toBe(200);
    expect(cancelled.json()).toMatchObject({ status: 'cancelled', version: 2 });
    const { db } = await testDatabase();
    const orders = await db
      .selectFrom('payment_orders')
      .selectAll()
      .where('id', 'in', [a.payment.id, b.payment.id])
      .execute();
    expect(orders.map((o) => [o.status, o.batch_id])).toEqual([
      ['ready', null],
      ['ready', null],
    ]);
    expectProblem(
      await post(creator, `/payment-batches/${batch.id}/release`, { version: 2 }),
      409,
      'payment_batch_transition_not_allowed',
    );
    const next = (await post(creator, '/payment-batches', { currency: CURRENCY })).json();
    expect((await ordersOf(next.id)).map((o) => o.id).sort()).toEqual([a.payment.id, b.payment.id].sort());
  });

  it('a file that fails the schema is not released, and nothing changes', async () => {
    const bad = await readyOrder(7_000, { iban: 'SE45 5000 0000 0583 9825 7466' });
    const batch = (await post(creator, '/payment-batches', { currency: CURRENCY })).json();
    const refused = expectProblem(
      await post(creator, `/payment-batches/${batch.id}/release`, { version: 1 }),
      422,
      'bank_file_generation_failed',
    );
    const problems = refused.problems as { line: number | null; message: string }[];
    expect(problems.length).toBeGreaterThan(0);
    expect(problems[0]?.line).toBeGreaterThan(1);
    expect(problems[0]?.message).toMatch(/IBAN/);
    const after = (await get(creator, `/payment-batches/${batch.id}`)).json();
    expect(after).toMatchObject({ status: 'approved', version: 1, fileSha256: null });
    const { db } = await testDatabase();
    const order = await db
      .selectFrom('payment_orders')
      .selectAll()
      .where('id', '=', bad.payment.id)
      .executeTakeFirstOrThrow();
    expect(order).toMatchObject({ status: 'batched', sent_at: null });
    // Tidy up: out of the batch, and cancelled so that no later batch takes it.
    await post(creator, `/payment-batches/${batch.id}/cancel`, { version: 1 });
    await db
      .updateTable('payment_orders')
      .set({ status: 'cancelled' })
      .where('id', '=', bad.payment.id)
      .execute();
  });

  it('nobody approves a payment they decided themself', async () => {
    const big = await readyOrder(50_000, { needsSecondApproval: true });
    const { db } = await testDatabase();
    await db
      .updateTable('claim_decisions')
      .set({ decided_by: approver.userId })
      .where('id', '=', big.decisionId)
      .execute();
    const batch = (await post(creator, '/payment-batches', { currency: CURRENCY })).json();
    expect(batch).toMatchObject({ status: 'awaiting_approval', needsSecondApproval: true });
    const refused = expectProblem(
      await post(approver, `/payment-batches/${batch.id}/approve`, { version: 1 }),
      403,
      'four_eyes_required',
    );
    expect(refused.paymentNumbers).toEqual([big.payment.payment_number]);
    const third = await signInAs('supervisor');
    const ok = await post(third, `/payment-batches/${batch.id}/approve`, { version: 1 });
    expect(ok.statusCode, ok.body).toBe(200);
  });

  it('only the payments desk sees batches', async () => {
    const { db } = await testDatabase();
    const any = await db.selectFrom('payment_batches').select('id').limit(1).executeTakeFirstOrThrow();
    const customer = await signInAs('customer', {
      customerId: (await paymentScenario(db, { status: 'held' })).customerId,
    });
    expectProblem(await get(customer, '/payment-batches'), 403, 'forbidden');
    expectProblem(await get(customer, `/payment-batches/${any.id}`), 403, 'forbidden');
    expectProblem(await get(outsider, '/payment-batches'), 403, 'forbidden');
    expectProblem(await post(outsider, '/payment-batches', { currency: CURRENCY }), 403, 'forbidden');
    expectProblem(await get(creator, '/payment-batches/PBT-1999-000001'), 404, 'not_found');
  });
});
