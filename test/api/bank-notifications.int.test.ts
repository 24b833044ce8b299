import type { FastifyInstance } from 'fastify';
import { beforeAll, describe, expect, it } from 'vitest';
import { openServiceCaseInTransaction } from '../../src/modules/cases/index.ts';
import { systemActor } from '../../src/modules/users/actor.ts';
import { camt054 } from '../support/camt054.ts';
import { paymentScenario } from '../support/payment-fixtures.ts';
import { type Session, signInAs, testApp } from '../support/test-app.ts';
import { testDatabase } from '../support/test-database.ts';
import { countRows, expectProblem, uniqueSuffix } from './api-helpers.ts';

// camt.054 bank notifications over HTTP (issue 7, item 4 and its "Bad input"): settled, returned
// and rejected payments with their consequences (claim paid, delay cases closed, a returned
// payment's service case and notice), nothing applied twice, unknown and mismatched entries
// reported, invalid files refused with line numbers, and manual status updates. Every payment
// here is this file's own (paymentScenario makes a fresh customer, claim and order each time).

let app: FastifyInstance;
let desk: Session;
let sup: Session;
let rep: Session;

beforeAll(async () => {
  app = await testApp();
  [desk, sup, rep] = await Promise.all([
    signInAs('department_agent', { department: 'payments' }),
    signInAs('supervisor'),
    signInAs('representative'),
  ]);
});

function msgId(): string {
  return `MSG-${uniqueSuffix()}`.slice(0, 35);
}

function postCamt(xml: string, session: Session = desk, headers: Record<string, string> = {}) {
  return app.inject({
    method: 'POST',
    url: '/bank-notifications',
    headers: { ...session.headers, 'content-type': 'application/xml', ...headers },
    payload: xml,
  });
}

async function paymentRow(id: string) {
  const { db } = await testDatabase();
  return db.selectFrom('payment_orders').selectAll().where('id', '=', id).executeTakeFirstOrThrow();
}

function statusChanges(paymentId: string): Promise<number> {
  return countRows('payment_status_changes', { column: 'payment_id', value: paymentId });
}

describe('a settled file', () => {
  it('settles the order, pays the claim, closes its delay case and tells the customer', async () => {
    const { db } = await testDatabase();
    const s = await paymentScenario(db, { status: 'sent', amountMinor: 125_000 });
    const delayCase = await db.transaction().execute((trx) =>
      openServiceCaseInTransaction(trx, {
        customerId: s.customerId,
        kind: 'payment_delay',
        subject: 'Where is my money?',
        description: 'The customer asks about the payment.',
        channel: 'phone',
        claimId: s.claimId,
        paymentId: s.payment.id,
        actor: systemActor('test'),
      }),
    );
    expect(delayCase.serviceCase.payment_id).toBe(s.payment.id);
    const messageId = msgId();
    const xml = camt054({
      messageId,
      entries: [
        {
          endToEndId: s.payment.end_to_end_id,
          amountMinor: 125_000,
          outcome: 'settled',
          bookingDate: '2026-03-03',
          acctSvcrRef: `BANKREF-${uniqueSuffix()}`,
        },
      ],
    });
    const res = await postCamt(xml);
    expect(res.statusCode, res.body).toBe(201);
    const report = res.json();
    expect(report).toMatchObject({ messageId, entries: 1, ignored: [], unknown: [], mismatched: [] });
    expect(report.applied).toEqual([
      expect.objectContaining({
        paymentId: s.payment.id,
        paymentNumber: s.payment.payment_number,
        outcome: 'settled',
        amountMinor: 125_000,
        currency: 'SEK',
      }),
    ]);

    const payment = await paymentRow(s.payment.id);
    expect(payment).toMatchObject({ status: 'settled', settled_on: '2026-03-03' });
    expect(payment.bank_reference).toMatch(/^BANKREF-/);
    const claim = await db
      .selectFrom('claims')
      .select('status')
      .where('id', '=', s.claimId)
      .executeTakeFirstOrThrow();
    expect(claim.status).toBe('paid');
    const closed = await db
      .selectFrom('service_cases')
      .select(['status', 'resolution'])
      .where('id', '=', delayCase.serviceCase.id)
      .executeTakeFirstOrThrow();
    expect(closed).toMatchObject({ status: 'closed', resolution: 'payment settled' });
    const change = await db
      .selectFrom('payment_status_changes')
      .selectAll()
      .where('payment_id', '=', s.payment.id)
      .where('to_status', '=', 'settled')
      .executeTakeFirstOrThrow();
    expect(change).toMatchObject({ from_status: 'sent', source: 'bank_file', actor_id: desk.userId });
    expect(change.bank_notification_id).toBe(report.notificationId);
    const notice = await db
      .selectFrom('notifications')
      .select(['subject', 'body', 'language'])
      .where('customer_id', '=', s.customerId)
      .where('kind', '=', 'payment.settled')
      .executeTakeFirstOrThrow();
    expect(notice.subject).toContain(s.claimNumber);
    expect(notice.body).toContain('2026-03-03');
    const audit = await db
      .selectFrom('audit_events')
      .select('action')
      .where('customer_id', '=', s.customerId)
      .where('actor_id', '=', desk.userId)
      .where('action', 'in', ['payment.status_changed', 'claim.status_changed'])
      .execute();
    expect(audit.map((a) => a.action).sort()).toEqual(['claim.status_changed', 'payment.status_changed']);

    // The same file again: refused, naming the first import; nothing applied twice.
    const before = await statusChanges(s.payment.id);
    const again = expectProblem(await postCamt(xml), 409, 'bank_file_already_imported');
    expect(again.earlierImport).toMatchObject({ id: report.notificationId, messageId });
    expect(await statusChanges(s.payment.id)).toBe(before);
    expect(await countRows('bank_notifications', { column: 'message_id', value: messageId })).toBe(1);

    // The report is kept.
    const stored = await app.inject({
      method: 'GET',
      url: `/bank-notifications/${report.notificationId}`,
      headers: desk.headers,
    });
    expect(stored.statusCode).toBe(200);
    expect(stored.json()).toEqual(report);
    const list = await app.inject({
      method: 'GET',
      url: '/bank-notifications?limit=200',
      headers: desk.headers,
    });
    expect(list.statusCode).toBe(200);
    expect(list.json().items).toContainEqual(
      expect.objectContaining({ id: report.notificationId, entries: 1, applied: 1, mismatched: 0 }),
    );
  });

  it('an entry repeated in a later file is ignored as already imported', async () => {
    const { db } = await testDatabase();
    const s = await paymentScenario(db, { status: 'sent' });
    const first = msgId();
    const entry = {
      endToEndId: s.payment.end_to_end_id,
      amountMinor: s.payment.principal_minor,
      outcome: 'settled' as const,
      acctSvcrRef: `REF-${uniqueSuffix()}`,
    };
    expect((await postCamt(camt054({ messageId: first, entries: [entry] }))).statusCode).toBe(201);
    const changes = await statusChanges(s.payment.id);
    const res = await postCamt(camt054({ messageId: msgId(), entries: [entry] }));
    expect(res.statusCode, res.body).toBe(201);
    expect(res.json()).toMatchObject({ applied: [], unknown: [], mismatched: [] });
    expect(res.json().ignored).toEqual([
      expect.objectContaining({
        endToEndId: s.payment.end_to_end_id,
        why: `already imported (file ${first})`,
      }),
    ]);
    expect(await statusChanges(s.payment.id)).toBe(changes);
  });

  it('two imports of the same file at once: one applies, the other is refused', async () => {
    const { db } = await testDatabase();
    const s = await paymentScenario(db, { status: 'sent' });
    const xml = camt054({
      messageId: msgId(),
      entries: [
        { endToEndId: s.payment.end_to_end_id, amountMinor: s.payment.principal_minor, outcome: 'settled' },
      ],
    });
    const results = await Promise.all([postCamt(xml), postCamt(xml)]);
    expect(results.map((r) => r.statusCode).sort()).toEqual([201, 409]);
    expect(results.find((r) => r.statusCode === 409)?.json().code).toBe('bank_file_already_imported');
    expect(await statusChanges(s.payment.id)).toBe(1);
  });

  it('a retry with the same Idempotency-Key returns the first report', async () => {
    const { db } = await testDatabase();
    const s = await paymentScenario(db, { status: 'sent' });
    const xml = camt054({
      messageId: msgId(),
      entries: [
        { endToEndId: s.payment.end_to_end_id, amountMinor: s.payment.principal_minor, outcome: 'settled' },
      ],
    });
    const key = { 'idempotency-key': `camt-${uniqueSuffix()}` };
    const first = await postCamt(xml, desk, key);
    expect(first.statusCode).toBe(201);
    const retry = await postCamt(xml, desk, key);
    expect(retry.statusCode).toBe(200);
    expect(retry.headers['idempotent-replayed']).toBe('true');
    expect(retry.json()).toEqual(first.json());
    expect(await statusChanges(s.payment.id)).toBe(1);
  });
});

describe('entries that are not applied', () => {
  it('unknown end-to-end ids, mismatched amounts and pending entries are reported, not applied', async () => {
    const { db } = await testDatabase();
    const s = await paymentScenario(db, { status: 'sent', amountMinor: 50_000 });
    const unknownId = `PAY-NOPE-${uniqueSuffix()}`.slice(0, 35);
    const res = await postCamt(
      camt054({
        messageId: msgId(),
        entries: [
          { endToEndId: unknownId, amountMinor: 10_000, outcome: 'settled' },
          { endToEndId: s.payment.end_to_end_id, amountMinor: 49_999, outcome: 'settled' },
          { endToEndId: s.payment.end_to_end_id, amountMinor: 50_000, outcome: 'pending' },
        ],
      }),
    );
    expect(res.statusCode, res.body).toBe(201);
    const report = res.json();
    expect(report.applied).toEqual([]);
    expect(report.unknown).toEqual([
      expect.objectContaining({ endToEndId: unknownId, why: 'no payment has this end-to-end id' }),
    ]);
    expect(report.mismatched).toEqual([
      expect.objectContaining({
        paymentNumber: s.payment.payment_number,
        amountMinor: 49_999,
        expectedAmountMinor: 50_000,
        expectedCurrency: 'SEK',
      }),
    ]);
    expect(report.ignored).toEqual([expect.objectContaining({ why: expect.stringContaining('PDNG') })]);
    expect((await paymentRow(s.payment.id)).status).toBe('sent');
    expect(await statusChanges(s.payment.id)).toBe(0);
  });

  it('an invalid file is refused with its line numbers and nothing is stored', async () => {
    const messageId = msgId();
    const good = camt054({
      messageId,
      entries: [{ endToEndId: 'PAY-X', amountMinor: 100, outcome: 'settled' }],
    });
    const bad = good.replace('<CdtDbtInd>DBIT</CdtDbtInd>', '<CdtDbtInd>DEBIT</CdtDbtInd>');
    const problem = expectProblem(await postCamt(bad), 422, 'bank_file_invalid');
    expect(problem.errors?.length).toBeGreaterThan(0);
    const line = bad.split('\n').findIndex((l) => l.includes('DEBIT')) + 1;
    expect(problem.errors?.[0]).toMatchObject({ path: ['line', line], code: 'schema' });
    expect(problem.errors?.[0]?.message).toMatch(new RegExp(`^line ${line}: `));
    expect(problem.problems).toEqual([expect.objectContaining({ line })]);
    expect(await countRows('bank_notifications', { column: 'message_id', value: messageId })).toBe(0);

    // text/xml is accepted as well as application/xml.
    expectProblem(await postCamt(bad, desk, { 'content-type': 'text/xml' }), 422, 'bank_file_invalid');
    const notXml = expectProblem(await postCamt('this is not xml'), 422, 'bank_file_invalid');
    expect(notXml.errors?.[0]?.message).toMatch(/^line 1: /);
  });

  it('only the payments desk imports', async () => {
    const xml = camt054({ messageId: msgId(), entries: [] });
    expectProblem(await postCamt(xml, rep), 403, 'forbidden');
    const other = await signInAs('department_agent', { department: 'medical' });
    expectProblem(await postCamt(xml, other), 403, 'forbidden');
  });
});

describe('returned and rejected payments', () => {
  it('returned with AC04: order returned, a payment_returned case on payment and claim, the customer asked for a new account', async () => {
    const { db } = await testDatabase();
    const s = await paymentScenario(db, { status: 'sent', amountMinor: 80_000 });
    const res = await postCamt(
      camt054({
        messageId: msgId(),
        entries: [
          {
            endToEndId: s.payment.end_to_end_id,
            amountMinor: 80_000,
            outcome: 'returned',
            reasonCode: 'AC04',
            bookingDate: '2026-03-05',
          },
        ],
      }),
    );
    expect(res.statusCode, res.body).toBe(201);
    expect(res.json().applied).toEqual([
      expect.objectContaining({ outcome: 'returned', reasonCode: 'AC04' }),
    ]);
    const payment = await paymentRow(s.payment.id);
    expect(payment).toMatchObject({ status: 'returned', reason_code: 'AC04' });
    expect(payment.reason_text).toBe('bank account closed — ask the customer for a new one');
    const serviceCase = await db
      .selectFrom('service_cases')
      .selectAll()
      .where('payment_id', '=', s.payment.id)
      .executeTakeFirstOrThrow();
    expect(serviceCase).toMatchObject({
      kind: 'payment_delay',
      category: 'payment_returned',
      claim_id: s.claimId,
      customer_id: s.customerId,
      status: 'open',
    });
    // The customer is Swedish: the case reads in Swedish, naming the bank's reason.
    expect(serviceCase.subject).toContain('bankkontot är avslutat');
    expect(serviceCase.description).toContain('AC04');
    const notice = await db
      .selectFrom('notifications')
      .select(['kind', 'body', 'entity_id'])
      .where('customer_id', '=', s.customerId)
      .where('kind', '=', 'payment.returned')
      .executeTakeFirstOrThrow();
    expect(notice.entity_id).toBe(serviceCase.id);
    expect(notice.body).toContain('nytt utbetalningskonto');
    expect(notice.body).toContain(serviceCase.case_number);
    // The claim itself stays approved: the money has not reached the customer.
    const claim = await db
      .selectFrom('claims')
      .select('status')
      .where('id', '=', s.claimId)
      .executeTakeFirstOrThrow();
    expect(claim.status).toBe('approved');
  });

  it('a settled order later returned becomes returned', async () => {
    const { db } = await testDatabase();
    const s = await paymentScenario(db, { status: 'settled' });
    const res = await postCamt(
      camt054({
        messageId: msgId(),
        entries: [
          {
            endToEndId: s.payment.end_to_end_id,
            amountMinor: s.payment.principal_minor,
            outcome: 'returned',
            reasonCode: 'MD07',
          },
        ],
      }),
    );
    expect(res.statusCode, res.body).toBe(201);
    expect(res.json().applied).toHaveLength(1);
    expect(await paymentRow(s.payment.id)).toMatchObject({ status: 'returned', reason_code: 'MD07' });
    // MD07 is not fixed by a new account: the customer is told we look into it.
    const kinds = await db
      .selectFrom('notifications')
      .select('kind')
      .where('customer_id', '=', s.customerId)
      .where('kind', 'like', 'payment.%')
      .execute();
    expect(kinds.map((k) => k.kind)).toEqual(['payment.returned_checking']);
  });

  it('a rejected order (status RJCT) becomes rejected; a settled entry for a returned order is ignored', async () => {
    const { db } = await testDatabase();
    const s = await paymentScenario(db, { status: 'sent' });
    const returned = await paymentScenario(db, { status: 'returned' });
    const res = await postCamt(
      camt054({
        messageId: msgId(),
        entries: [
          {
            endToEndId: s.payment.end_to_end_id,
            amountMinor: s.payment.principal_minor,
            outcome: 'rejected',
            reasonCode: 'AC01',
          },
          {
            endToEndId: returned.payment.end_to_end_id,
            amountMinor: returned.payment.principal_minor,
            outcome: 'settled',
          },
        ],
      }),
    );
    expect(res.statusCode, res.body).toBe(201);
    expect(await paymentRow(s.payment.id)).toMatchObject({ status: 'rejected', reason_code: 'AC01' });
    expect(res.json().ignored).toEqual([
      expect.objectContaining({
        paymentId: returned.payment.id,
        why: 'the payment is returned: it cannot become settled',
      }),
    ]);
    expect((await paymentRow(returned.payment.id)).status).toBe('returned');
  });
});

describe('service cases linked to a payment', () => {
  it('refuse a payment of another customer or another claim', async () => {
    const { db } = await testDatabase();
    const a = await paymentScenario(db, { status: 'sent' });
    const b = await paymentScenario(db, { status: 'sent' });
    const open = (paymentId: string) =>
      db.transaction().execute((trx) =>
        openServiceCaseInTransaction(trx, {
          customerId: a.customerId,
          kind: 'payment_delay',
          subject: 'Late',
          description: 'Late payment',
          channel: 'phone',
          claimId: a.claimId,
          paymentId,
          actor: systemActor('test'),
        }),
      );
    await expect(open(b.payment.id)).rejects.toMatchObject({
      code: 'case_link_invalid',
      errors: [expect.objectContaining({ path: ['paymentId'] })],
    });
    const linked = await open(a.payment.id);
    expect(linked.serviceCase.payment_id).toBe(a.payment.id);
  });
});

describe('manual status updates', () => {
  it('a supervisor records a settlement by hand: versioned, audited, same consequences', async () => {
    const { db } = await testDatabase();
    const s = await paymentScenario(db, { status: 'sent' });
    const url = `/payments/${s.payment.payment_number}/status`;
    const body = { to: 'settled', bookingDate: '2026-03-04', note: 'Bank confirmed by phone', version: 1 };

    expectProblem(
      await app.inject({ method: 'POST', url, headers: rep.headers, payload: body }),
      403,
      'forbidden',
    );
    const stale = expectProblem(
      await app.inject({ method: 'POST', url, headers: sup.headers, payload: { ...body, version: 7 } }),
      409,
      'version_conflict',
    );
    expect(stale.currentVersion).toBe(s.payment.version);
    expect(await statusChanges(s.payment.id)).toBe(0);

    const res = await app.inject({
      method: 'POST',
      url,
      headers: sup.headers,
      payload: { ...body, version: s.payment.version },
    });
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json()).toMatchObject({
      status: 'settled',
      settledOn: '2026-03-04',
      claimPaid: true,
      serviceCaseNumber: null,
      version: s.payment.version + 1,
    });
    const change = await db
      .selectFrom('payment_status_changes')
      .selectAll()
      .where('payment_id', '=', s.payment.id)
      .where('to_status', '=', 'settled')
      .executeTakeFirstOrThrow();
    expect(change).toMatchObject({ source: 'manual', actor_id: sup.userId });
    expect(change.note).toContain('Bank confirmed by phone');
    const event = await db
      .selectFrom('audit_events')
      .select(['action', 'reason'])
      .where('entity_id', '=', s.payment.id)
      .where('actor_id', '=', sup.userId)
      .executeTakeFirstOrThrow();
    expect(event.action).toBe('payment.status_changed');
    expect(event.reason).toContain('Bank confirmed by phone');
    const claim = await db
      .selectFrom('claims')
      .select('status')
      .where('id', '=', s.claimId)
      .executeTakeFirstOrThrow();
    expect(claim.status).toBe('paid');

    // Settled again: not allowed (settled → settled is no transition).
    expectProblem(
      await app.inject({
        method: 'POST',
        url,
        headers: sup.headers,
        payload: { ...body, version: s.payment.version + 1 },
      }),
      409,
      'payment_transition_not_allowed',
    );
  });

  it('a manual return opens the case; bad input is a field error; an unknown payment is 404', async () => {
    const { db } = await testDatabase();
    const s = await paymentScenario(db, { status: 'sent' });
    const url = `/payments/${s.payment.id}/status`;
    const future = expectProblem(
      await app.inject({
        method: 'POST',
        url,
        headers: sup.headers,
        payload: { to: 'returned', reasonCode: 'AC04', bookingDate: '2999-01-01', note: 'x', version: 1 },
      }),
      400,
      'validation_failed',
    );
    expect(future.errors?.[0]?.path).toEqual(['bookingDate']);
    const res = await app.inject({
      method: 'POST',
      url,
      headers: sup.headers,
      payload: {
        to: 'returned',
        reasonCode: 'AC04',
        note: 'Letter from the bank',
        version: s.payment.version,
      },
    });
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json()).toMatchObject({ status: 'returned', reasonCode: 'AC04', claimPaid: false });
    expect(res.json().serviceCaseNumber).toMatch(/^CASE-/);
    expectProblem(
      await app.inject({
        method: 'POST',
        url: '/payments/PAY-2099-999999/status',
        headers: sup.headers,
        payload: { to: 'settled', note: 'x', version: 1 },
      }),
      404,
      'not_found',
    );
  });
});
