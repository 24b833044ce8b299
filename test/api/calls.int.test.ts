import { randomInt } from 'node:crypto';
import type { FastifyInstance } from 'fastify';
import { beforeAll, describe, expect, it } from 'vitest';
import { newId } from '../../src/lib/ids.ts';
import { makeCustomer, makePolicy, makeProduct, randomCodiceFiscale } from '../support/factories.ts';
import { type Session, signInAs, testApp } from '../support/test-app.ts';
import { testDatabase } from '../support/test-database.ts';
import { claimBody, countRows, expectProblem, fieldErrors } from './api-helpers.ts';

// Phone calls over HTTP: logging and ending a call, links confined to the caller's own records,
// the screen-pop that finds a caller by a number typed any way, and a claim registered during a
// call (channel phone, the call linked in the same transaction).

let app: FastifyInstance;
let rep: Session;

/** A Swedish mobile number nobody else in the shared database has: E.164 and how people type it. */
function uniqueMobile() {
  const digits = String(randomInt(1_000_000, 9_999_999));
  return {
    e164: `+4673${digits}`,
    typed: `073-${digits.slice(0, 3)} ${digits.slice(3, 5)} ${digits.slice(5)}`,
  };
}

/** A customer with that number, a policy, and a portal login. */
async function caller(phone = uniqueMobile()) {
  const { db } = await testDatabase();
  const customer = await makeCustomer(db, { phone: phone.e164 });
  const { version } = await makeProduct(db);
  const policy = await makePolicy(db, { customerId: customer.id, productVersionId: version.id });
  return { customer, policy, phone };
}

function post(url: string, who: Session, payload: unknown, headers: Record<string, string> = {}) {
  return app.inject({
    method: 'POST',
    url,
    headers: { ...who.headers, ...headers },
    payload: payload as object,
  });
}

beforeAll(async () => {
  app = await testApp();
  rep = await signInAs('representative');
});

describe('POST /calls and PATCH /calls/{id}', () => {
  it('logs a call with the number as E.164, ends it, and keeps the history in the audit trail', async () => {
    const { customer, phone } = await caller();
    const key = { 'idempotency-key': `call-${newId()}` };
    const body = {
      direction: 'inbound',
      phoneNumber: phone.typed,
      customerId: customer.id,
      startedAt: '2026-03-02T09:15:00+01:00',
      notes: 'Asks about the luggage claim.',
    };
    const logged = await post('/calls', rep, body, key);
    expect(logged.statusCode, logged.body).toBe(201);
    const call = logged.json();
    expect(call).toMatchObject({
      customerId: customer.id,
      direction: 'inbound',
      phoneNumber: phone.e164,
      startedAt: '2026-03-02T08:15:00.000Z',
      endedAt: null,
      outcome: 'answered',
      handledBy: rep.userId,
      version: 1,
    });
    const replay = await post('/calls', rep, body, key);
    expect(replay.statusCode).toBe(200);
    expect(replay.headers['idempotent-replayed']).toBe('true');
    expect(replay.json()).toEqual(call);
    expect(await countRows('calls', { column: 'customer_id', value: customer.id })).toBe(1);

    const patch = (payload: unknown) =>
      app.inject({
        method: 'PATCH',
        url: `/calls/${call.id}`,
        headers: rep.headers,
        payload: payload as object,
      });
    const ended = await patch({ version: 1, endedAt: '2026-03-02T08:21:30Z', outcome: 'resolved' });
    expect(ended.statusCode, ended.body).toBe(200);
    expect(ended.json()).toMatchObject({ version: 2, durationSeconds: 390, outcome: 'resolved' });
    // The same change again is no change; a stale version is a conflict.
    expect((await patch({ version: 2, outcome: 'resolved' })).json().version).toBe(2);
    expectProblem(await patch({ version: 1, notes: 'late edit' }), 409, 'version_conflict');
    const early = expectProblem(
      await patch({ version: 2, endedAt: '2026-03-02T08:00:00Z' }),
      400,
      'validation_failed',
    );
    expect(fieldErrors(early).map((e) => e.path)).toEqual([['endedAt']]);

    const { db } = await testDatabase();
    const audit = await db
      .selectFrom('audit_events')
      .select(['action', 'data'])
      .where('entity_id', '=', call.id)
      .orderBy('seq')
      .execute();
    expect(audit.map((a) => a.action)).toEqual(['call.logged', 'call.ended']);
    expect(JSON.stringify(audit)).not.toContain('luggage'); // notes stay out of the trail

    const list = await app.inject({
      method: 'GET',
      url: `/customers/${customer.id}/calls`,
      headers: rep.headers,
    });
    expect(list.json()).toMatchObject({ items: [{ id: call.id, version: 2 }], nextCursor: null });
  });

  it('refuses junk numbers with the field path, and links to another customer’s records with 422', async () => {
    const mine = await caller();
    const theirs = await caller();
    for (const phoneNumber of ['not a number', '12', '070-123 45 67 ext 9', '+46 70 abc']) {
      const problem = expectProblem(
        await post('/calls', rep, { direction: 'inbound', phoneNumber, customerId: mine.customer.id }),
        400,
        'validation_failed',
      );
      expect(fieldErrors(problem).map((e) => e.path)).toEqual([['phoneNumber']]);
    }
    // An Italian customer's national number is read as Italian.
    const { db } = await testDatabase();
    const italian = await makeCustomer(db, {
      country: 'IT',
      nationalIdCountry: 'IT',
      nationalId: randomCodiceFiscale(),
      preferredLanguage: 'it',
      phone: '+390212345678',
    });
    const milan = await post('/calls', rep, {
      direction: 'outbound',
      phoneNumber: '02 1234 5678',
      customerId: italian.id,
      outcome: 'no_answer',
    });
    expect(milan.statusCode, milan.body).toBe(201);
    expect(milan.json().phoneNumber).toBe('+390212345678');

    const claim = await post('/claims', rep, claimBody(theirs.customer.id, theirs.policy.id));
    expect(claim.statusCode, claim.body).toBe(201);
    const linked = expectProblem(
      await post('/calls', rep, {
        direction: 'inbound',
        phoneNumber: mine.phone.typed,
        customerId: mine.customer.id,
        claimId: claim.json().id,
        caseId: newId(),
      }),
      422,
      'call_link_invalid',
    );
    expect(fieldErrors(linked).map((e) => e.path)).toEqual([['claimId'], ['caseId']]);
    expect(await countRows('calls', { column: 'customer_id', value: mine.customer.id })).toBe(0);

    // A call from an unknown number, linked later: it takes the claim's customer.
    const anonymous = (
      await post('/calls', rep, { direction: 'inbound', phoneNumber: uniqueMobile().typed })
    ).json();
    expect(anonymous.customerId).toBeNull();
    const patched = await app.inject({
      method: 'PATCH',
      url: `/calls/${anonymous.id}`,
      headers: rep.headers,
      payload: { version: 1, claimId: claim.json().id },
    });
    expect(patched.statusCode, patched.body).toBe(200);
    expect(patched.json()).toMatchObject({
      customerId: theirs.customer.id,
      claimId: claim.json().id,
      version: 2,
    });
  });
});

describe('GET /screen-pop', () => {
  it('finds the caller by a differently formatted number, with open claims, open cases and last contacts', async () => {
    const { customer, policy, phone } = await caller();
    const claim = (await post('/claims', rep, claimBody(customer.id, policy.id))).json();
    const serviceCase = await post('/cases', rep, {
      customerId: customer.id,
      kind: 'general_inquiry',
      subject: 'Where is my money?',
      description: 'Calls about the payment.',
    });
    expect(serviceCase.statusCode, serviceCase.body).toBe(201);
    const call = (
      await post('/calls', rep, {
        direction: 'inbound',
        phoneNumber: phone.e164,
        customerId: customer.id,
        notes: 'First call',
      })
    ).json();
    // A second customer sharing the line stored the number in national format with punctuation.
    const { db } = await testDatabase();
    const spouse = await makeCustomer(db, { givenName: 'Zelda' });
    await db.updateTable('customers').set({ phone: phone.typed }).where('id', '=', spouse.id).execute();

    for (const number of [phone.typed, `0046 ${phone.e164.slice(3)}`, `+46 (0)${phone.e164.slice(3)}`]) {
      const res = await app.inject({
        method: 'GET',
        url: `/screen-pop?number=${encodeURIComponent(number)}`,
        headers: rep.headers,
      });
      expect(res.statusCode, res.body).toBe(200);
      const pop = res.json();
      expect(pop.number).toBe(phone.e164);
      expect(pop.customers.map((c: { id: string }) => c.id).sort()).toEqual([customer.id, spouse.id].sort());
      const found = pop.customers.find((c: { id: string }) => c.id === customer.id);
      // dueAt: the nearest running clock (null while a clock is paused, e.g. waiting for documents).
      expect(found.openClaims).toEqual([
        {
          id: claim.id,
          claimNumber: claim.claimNumber,
          status: claim.status,
          dueAt: found.openClaims[0].dueAt,
        },
      ]);
      expect(found.openCases).toEqual([
        {
          id: serviceCase.json().id,
          caseNumber: serviceCase.json().caseNumber,
          status: 'open',
          dueAt: expect.any(String),
        },
      ]);
      for (const item of [...found.openClaims, ...found.openCases]) {
        if (item.dueAt !== null) expect(new Date(item.dueAt).toISOString()).toBe(item.dueAt);
      }
      expect(found.recentContacts.length).toBeGreaterThanOrEqual(1);
      expect(found.recentContacts.length).toBeLessThanOrEqual(5);
      expect(found.recentContacts).toContainEqual(
        expect.objectContaining({ kind: 'call', id: call.id, channel: 'phone', summary: 'First call' }),
      );
    }
  });

  it('an unknown number is an empty list; a bad number is 400 on `number`', async () => {
    const unknown = await app.inject({
      method: 'GET',
      url: `/screen-pop?number=${encodeURIComponent(uniqueMobile().typed)}`,
      headers: rep.headers,
    });
    expect(unknown.statusCode).toBe(200);
    expect(unknown.json().customers).toEqual([]);
    const bad = expectProblem(
      await app.inject({ method: 'GET', url: '/screen-pop?number=hello', headers: rep.headers }),
      400,
      'validation_failed',
    );
    expect(fieldErrors(bad)).toEqual([
      { path: ['number'], pointer: '/number', code: 'invalid_phone_number' },
    ]);
  });
});

describe('a claim registered during a call', () => {
  it('has channel phone, and the call links it in the same transaction', async () => {
    const { customer, policy, phone } = await caller();
    // The caller is not identified when the call is logged.
    const call = (await post('/calls', rep, { direction: 'inbound', phoneNumber: phone.typed })).json();
    const res = await post(
      '/claims',
      rep,
      claimBody(customer.id, policy.id, { channel: 'email', callId: call.id }),
    );
    expect(res.statusCode, res.body).toBe(201);
    expect(res.json().channel).toBe('phone');
    const stored = await app.inject({ method: 'GET', url: `/calls/${call.id}`, headers: rep.headers });
    expect(stored.json()).toMatchObject({ claimId: res.json().id, customerId: customer.id, version: 2 });
  });

  it('a call of another customer is 422 and registers nothing', async () => {
    const mine = await caller();
    const theirs = await caller();
    const call = (
      await post('/calls', rep, {
        direction: 'inbound',
        phoneNumber: theirs.phone.typed,
        customerId: theirs.customer.id,
      })
    ).json();
    const problem = expectProblem(
      await post('/claims', rep, claimBody(mine.customer.id, mine.policy.id, { callId: call.id })),
      422,
      'call_link_invalid',
    );
    expect(fieldErrors(problem).map((e) => e.path)).toEqual([['callId']]);
    expect(await countRows('claims', { column: 'customer_id', value: mine.customer.id })).toBe(0);
    const unchanged = await app.inject({ method: 'GET', url: `/calls/${call.id}`, headers: rep.headers });
    expect(unchanged.json()).toMatchObject({ claimId: null, version: 1 });
  });
});

describe('who may', () => {
  it('customers neither log nor read calls (403), nor screen-pop', async () => {
    const { customer, phone } = await caller();
    const portal = await signInAs('customer', { customerId: customer.id });
    expectProblem(
      await post('/calls', portal, { direction: 'inbound', phoneNumber: phone.typed }),
      403,
      'forbidden',
    );
    expectProblem(
      await app.inject({ method: 'GET', url: `/customers/${customer.id}/calls`, headers: portal.headers }),
      403,
      'forbidden',
    );
    expectProblem(
      await app.inject({
        method: 'GET',
        url: `/screen-pop?number=${encodeURIComponent(phone.typed)}`,
        headers: portal.headers,
      }),
      403,
      'forbidden',
    );
    // An auditor reads; only those who take calls log them.
    const auditor = await signInAs('auditor');
    expect(
      (await app.inject({ method: 'GET', url: `/customers/${customer.id}/calls`, headers: auditor.headers }))
        .statusCode,
    ).toBe(200);
    expectProblem(
      await post('/calls', auditor, { direction: 'inbound', phoneNumber: phone.typed }),
      403,
      'forbidden',
    );
    expectProblem(
      await app.inject({ method: 'GET', url: `/customers/${newId()}/calls`, headers: rep.headers }),
      404,
      'not_found',
    );
  });
});
