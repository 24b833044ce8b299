import { createHash } from 'node:crypto';
import type { FastifyInstance } from 'fastify';
import { sql } from 'kysely';
import { beforeAll, describe, expect, it } from 'vitest';
import { newId } from '../../src/lib/ids.ts';
import { notify } from '../../src/modules/notifications/index.ts';
import { payPremiums } from '../support/factories.ts';
import { type Session, signInAs, testApp } from '../support/test-app.ts';
import { testDatabase } from '../support/test-database.ts';
import { claimBody, customerWithPolicy, expectProblem, fieldErrors } from './api-helpers.ts';

// The customer timeline: every source in one newest-first list, pages that join up without gaps
// or repeats, the kind and period filters, and who may read it.

let app: FastifyInstance;
let rep: Session;
let customerId: string;
let otherCustomerId: string;
const claimIds: string[] = [];

type Entry = { id: string; kind: string; occurredAt: string; reference: string | null; entityId: string };

beforeAll(async () => {
  app = await testApp();
  rep = await signInAs('representative');
  const { db } = await testDatabase();
  const { customer, policy } = await customerWithPolicy();
  customerId = customer.id;
  otherCustomerId = (await customerWithPolicy()).customer.id;
  for (let i = 0; i < 3; i++) {
    const res = await app.inject({
      method: 'POST',
      url: '/claims',
      headers: rep.headers,
      payload: claimBody(customerId, policy.id, { description: `Timeline claim ${i}` }),
    });
    expect(res.statusCode, res.body).toBe(201);
    claimIds.push(res.json().id);
  }
  await payPremiums(db, { policyId: policy.id, amountMinor: 19_900, paidOn: ['2026-01-05', '2026-02-05'] });
  const caseId = newId();
  await db
    .insertInto('service_cases')
    .values({
      id: caseId,
      case_number: `CASE-TL-${caseId.slice(-8)}`,
      customer_id: customerId,
      kind: 'general_inquiry',
      category: 'general_inquiry',
      status: 'open',
      subject: 'When does my policy renew?',
      description: 'Asked on the phone',
      channel: 'phone',
      claim_id: null,
      policy_id: null,
      payment_id: null,
      language: 'sv',
      opened_by: rep.userId,
    })
    .execute();
  await db
    .insertInto('case_messages')
    .values({
      id: newId(),
      case_id: caseId,
      customer_id: customerId,
      author_kind: 'customer',
      author_user_id: null,
      visibility: 'customer',
      body: 'Thank you!',
    })
    .execute();
  // Three messages within one millisecond: a cursor that kept only milliseconds would lose one.
  for (const us of ['401', '402', '403']) {
    await db
      .insertInto('case_messages')
      .values({
        id: newId(),
        case_id: caseId,
        customer_id: customerId,
        author_kind: 'staff',
        author_user_id: rep.userId,
        visibility: 'customer',
        body: `Same millisecond ${us}`,
        created_at: sql<Date>`${`2026-03-01 10:00:00.123${us}+00`}::timestamptz`,
      })
      .execute();
  }
  await db
    .insertInto('calls')
    .values({
      id: newId(),
      customer_id: customerId,
      direction: 'inbound',
      phone_number: '+46701234567',
      started_at: new Date(),
      outcome: 'resolved',
      notes: 'Asked about the renewal date',
      claim_id: null,
      case_id: caseId,
      handled_by: rep.userId,
    })
    .execute();
  await db
    .insertInto('inbound_messages')
    .values({
      id: newId(),
      channel: 'email',
      message_id: `<timeline-${caseId}@example.com>`,
      customer_id: customerId,
      claim_id: null,
      case_id: caseId,
      match_rule: 'reference_in_subject',
      status: 'matched',
      rejection_reason: null,
      from_address: 'customer@example.com',
      subject: 'Re: my case',
      body_text: 'Thanks',
      in_reply_to: null,
      language: 'en',
    })
    .execute();
  const content = Buffer.from('%PDF-1.4 timeline test');
  await db
    .insertInto('documents')
    .values({
      id: newId(),
      customer_id: customerId,
      entity_type: 'service_case',
      entity_id: caseId,
      filename: 'receipt.pdf',
      media_type: 'application/pdf',
      size_bytes: content.length,
      sha256: createHash('sha256').update(content).digest('hex'),
      content,
      source: 'portal',
      uploaded_by: null,
    })
    .execute();
  await db.transaction().execute((trx) =>
    notify(trx, {
      audience: 'customer',
      customerId,
      channel: 'letter',
      kind: 'claim.decided',
      language: 'sv',
      params: { reference: 'CLM-X', outcome: 'approved', details: '-' },
      dedupeKey: `timeline-test:${customerId}`,
    }),
  );
});

async function page(query: string, session: Session = rep) {
  const res = await app.inject({
    method: 'GET',
    url: `/customers/${customerId}/timeline${query}`,
    headers: session.headers,
  });
  return res;
}

async function all(query: string, limit: number): Promise<Entry[]> {
  const out: Entry[] = [];
  let cursor: string | null = null;
  for (let i = 0; i < 100; i++) {
    const sep = query ? '&' : '?';
    const res = await page(`${query}${sep}limit=${limit}${cursor ? `&cursor=${cursor}` : ''}`);
    expect(res.statusCode, res.body).toBe(200);
    const body = res.json() as { items: Entry[]; nextCursor: string | null };
    out.push(...body.items);
    cursor = body.nextCursor;
    if (!cursor) return out;
  }
  throw new Error('timeline did not end');
}

describe('customer timeline', () => {
  it('lists every source newest first', async () => {
    const items = await all('', 50);
    const kinds = new Set(items.map((e) => e.kind));
    for (const k of ['claim', 'case', 'message', 'document', 'payment', 'contact'])
      expect(kinds).toContain(k);
    const sorted = [...items].sort(
      (a, b) => b.occurredAt.localeCompare(a.occurredAt) || b.id.localeCompare(a.id),
    );
    expect(items.map((e) => e.id)).toEqual(sorted.map((e) => e.id));
    expect(
      items
        .filter((e) => e.kind === 'claim')
        .map((e) => e.entityId)
        .sort(),
    ).toEqual([...claimIds].sort());
    // nothing of the other customer
    const other = await app.inject({
      method: 'GET',
      url: `/customers/${otherCustomerId}/timeline`,
      headers: rep.headers,
    });
    const otherIds = new Set((other.json().items as Entry[]).map((e) => e.id));
    expect(items.some((e) => otherIds.has(e.id))).toBe(false);
  });

  it('pages of 1 join up to the same list without gaps or repeats', async () => {
    const whole = await all('', 200);
    const paged = await all('', 1);
    expect(paged.map((e) => e.id)).toEqual(whole.map((e) => e.id));
    expect(new Set(paged.map((e) => e.id)).size).toBe(paged.length);
  });

  it('filters by kind and by period', async () => {
    const claims = await all('?kinds=claim,payment', 50);
    expect(new Set(claims.map((e) => e.kind))).toEqual(new Set(['claim', 'payment']));
    const feb = await all('?kinds=payment&from=2026-02-01&to=2026-02-28', 50);
    expect(feb.map((e) => e.occurredAt)).toEqual(['2026-02-05T00:00:00.000Z']);
  });

  it('refuses bad input with field paths', async () => {
    const kinds = expectProblem(await page('?kinds=claim,gossip'), 400, 'validation_failed');
    expect(fieldErrors(kinds).map((e) => e.path.join('.'))).toContain('kinds');
    const cursor = expectProblem(await page('?cursor=bm90LWEtY3Vyc29y'), 400, 'validation_failed');
    expect(fieldErrors(cursor)[0]?.code).toBe('invalid_cursor');
    const period = expectProblem(await page('?from=2026-03-01&to=2026-02-01'), 400, 'validation_failed');
    expect(fieldErrors(period).map((e) => e.path.join('.'))).toContain('from');
    const missing = await app.inject({
      method: 'GET',
      url: `/customers/${newId()}/timeline`,
      headers: rep.headers,
    });
    expectProblem(missing, 404, 'not_found');
  });

  it('is staff only: a customer cannot read a timeline, not even their own', async () => {
    const customer = await signInAs('customer', { customerId });
    expectProblem(await page('', customer), 403, 'forbidden');
  });
});
