import type { FastifyInstance } from 'fastify';
import { beforeAll, describe, expect, it } from 'vitest';
import { registerClaim } from '../../src/modules/claims/register-claim.ts';
import { systemActor } from '../../src/modules/users/index.ts';
import { type Session, signInAs, testApp } from '../support/test-app.ts';
import { testDatabase } from '../support/test-database.ts';
import { claimBody, customerWithPolicy, expectProblem, fieldErrors } from './api-helpers.ts';

// Internal notes on a claim: staff write and read them, newest first, with the author's name; the
// customer can neither read nor write them; an empty note is refused with its field path; each
// note leaves an audit event without its words.

let app: FastifyInstance;
let rep: Session;
let claimNumber: string;
let customer: Session;

beforeAll(async () => {
  app = await testApp();
  const { db } = await testDatabase();
  rep = await signInAs('representative');
  const { customer: c, policy } = await customerWithPolicy();
  const { claim } = await registerClaim({
    db,
    actor: systemActor('test'),
    input: claimBody(c.id, policy.id) as never,
  });
  claimNumber = claim.claimNumber;
  customer = await signInAs('customer', { customerId: c.id });
});

describe('POST and GET /claims/{ref}/notes', () => {
  it('adds notes and lists them newest first with the author', async () => {
    const first = await app.inject({
      method: 'POST',
      url: `/claims/${claimNumber}/notes`,
      headers: rep.headers,
      payload: { body: '  Customer called: receipt comes by post.  ' },
    });
    expect(first.statusCode).toBe(201);
    expect(first.json()).toMatchObject({
      body: 'Customer called: receipt comes by post.',
      authorName: 'Test representative',
    });
    const second = await app.inject({
      method: 'POST',
      url: `/claims/${claimNumber}/notes`,
      headers: rep.headers,
      payload: { body: 'Receipt arrived.' },
    });
    expect(second.statusCode).toBe(201);
    const list = await app.inject({
      method: 'GET',
      url: `/claims/${claimNumber}/notes`,
      headers: rep.headers,
    });
    expect(list.statusCode).toBe(200);
    expect(list.json().items.map((n: { body: string }) => n.body)).toEqual([
      'Receipt arrived.',
      'Customer called: receipt comes by post.',
    ]);
    const { db } = await testDatabase();
    const events = await db
      .selectFrom('audit_events')
      .select(['action', 'data'])
      .where('entity_id', '=', first.json().claimId)
      .where('action', '=', 'claim.note_added')
      .execute();
    expect(events).toHaveLength(2);
    expect(JSON.stringify(events)).not.toContain('Receipt arrived');
  });

  it('refuses an empty note with its field path, an unknown claim, and the customer', async () => {
    const empty = await app.inject({
      method: 'POST',
      url: `/claims/${claimNumber}/notes`,
      headers: rep.headers,
      payload: { body: '   ' },
    });
    expect(fieldErrors(expectProblem(empty, 400, 'validation_failed')).map((e) => e.path)).toContainEqual([
      'body',
    ]);
    const unknown = await app.inject({
      method: 'GET',
      url: '/claims/CLM-1999-999999/notes',
      headers: rep.headers,
    });
    expectProblem(unknown, 404, 'not_found');
    const read = await app.inject({
      method: 'GET',
      url: `/claims/${claimNumber}/notes`,
      headers: customer.headers,
    });
    expectProblem(read, 403, 'forbidden');
    const write = await app.inject({
      method: 'POST',
      url: `/claims/${claimNumber}/notes`,
      headers: customer.headers,
      payload: { body: 'Let me in' },
    });
    expectProblem(write, 403, 'forbidden');
  });
});

describe('POST /claims/{ref}/notes with an Idempotency-Key', () => {
  it('a retry with the same Idempotency-Key returns the first note and writes nothing more', async () => {
    const { db } = await testDatabase();
    const key = `note-${Date.now()}-retry`;
    const post = (body: string) =>
      app.inject({
        method: 'POST',
        url: `/claims/${claimNumber}/notes`,
        headers: { ...rep.headers, 'idempotency-key': key },
        payload: { body },
      });
    const count = async () =>
      Number(
        (
          await db
            .selectFrom('claim_notes')
            .select(db.fn.countAll<string>().as('n'))
            .where('body', '=', 'Asked for the police report.')
            .executeTakeFirstOrThrow()
        ).n,
      );
    const before = await count();
    const first = await post('Asked for the police report.');
    expect(first.statusCode, first.body).toBe(201);
    const again = await post('Asked for the police report.');
    expect(again.statusCode).toBe(200); // decision 0005: a replay is 200, marked
    expect(again.headers['idempotent-replayed']).toBe('true');
    expect(again.json()).toEqual(first.json());
    expect(await count()).toBe(before + 1);
    // The same key for a different note is a client bug, refused.
    expectProblem(await post('Something else.'), 409, 'idempotency_key_reused');
    expect(await count()).toBe(before + 1);
  });
});
