import type { FastifyInstance } from 'fastify';
import { beforeAll, describe, expect, it } from 'vitest';
import { makePolicy, makeProduct, randomPersonnummer } from '../support/factories.ts';
import { type Session, signInAs, TEST_PASSWORD, testApp } from '../support/test-app.ts';
import { testDatabase } from '../support/test-database.ts';
import {
  auditEventsBy,
  claimBody,
  countRows,
  customerWithPolicy,
  expectProblem,
  uniqueLetters,
  uniqueSuffix,
} from './api-helpers.ts';

let app: FastifyInstance;

beforeAll(async () => {
  app = await testApp();
});

function signIn(email: string, password: string) {
  return app.inject({ method: 'POST', url: '/auth/sign-in', payload: { email, password } });
}

/** The problem document without the per-request members. */
function stable(body: Record<string, unknown>) {
  const { requestId: _r, ...rest } = body;
  return rest;
}

describe('sign-in', () => {
  it('a wrong password and an unknown email get the same 401 invalid_credentials', async () => {
    const rep = await signInAs('representative');
    const wrong = await signIn(rep.email, 'not the password');
    const unknown = await signIn(`nobody-${uniqueSuffix()}@test.claimdesk.example`, TEST_PASSWORD);
    const a = expectProblem(wrong, 401, 'invalid_credentials');
    const b = expectProblem(unknown, 401, 'invalid_credentials');
    expect(stable(a)).toEqual(stable(b));
    expect(a.detail).not.toMatch(/password is wrong for|no such|unknown/i);
    expect(wrong.headers['set-cookie']).toBeUndefined();
    expect(unknown.headers['set-cookie']).toBeUndefined();
  });

  it('the email is matched case-insensitively', async () => {
    const rep = await signInAs('representative');
    const res = await signIn(rep.email.toUpperCase(), TEST_PASSWORD);
    expect(res.statusCode).toBe(200);
    expect(res.json().user.userId).toBe(rep.userId);
  });

  it('sets an httpOnly, SameSite session cookie that authenticates GET /auth/me', async () => {
    const rep = await signInAs('supervisor');
    const res = await signIn(rep.email, TEST_PASSWORD);
    expect(res.statusCode).toBe(200);
    const body = res.json();
    expect(body.user).toMatchObject({ userId: rep.userId, role: 'supervisor', customerId: null });
    expect(new Date(body.expiresAt).getTime()).toBeGreaterThan(Date.now());

    const cookie = res.cookies.find((c) => c.name === 'claimdesk_session');
    expect(cookie).toBeDefined();
    expect(cookie?.value).toBe(body.token);
    expect(cookie?.httpOnly).toBe(true);
    expect(String(cookie?.sameSite).toLowerCase()).toBe('lax');
    expect(cookie?.path).toBe('/');
    expect(String(res.headers['set-cookie'])).toMatch(/HttpOnly/);
    expect(String(res.headers['set-cookie'])).toMatch(/SameSite=Lax/i);

    const me = await app.inject({
      method: 'GET',
      url: '/auth/me',
      cookies: { claimdesk_session: cookie?.value ?? '' },
    });
    expect(me.statusCode).toBe(200);
    expect(me.json()).toMatchObject({
      userId: rep.userId,
      role: 'supervisor',
      displayName: 'Test supervisor',
    });
  });

  it('sign-out revokes the token (bearer and cookie alike) and clears the cookie', async () => {
    const rep = await signInAs('representative');
    const res = await signIn(rep.email, TEST_PASSWORD);
    const token = res.json().token as string;
    const bearer = { authorization: `Bearer ${token}` };
    expect((await app.inject({ method: 'GET', url: '/auth/me', headers: bearer })).statusCode).toBe(200);

    const out = await app.inject({ method: 'POST', url: '/auth/sign-out', headers: bearer });
    expect(out.statusCode).toBe(204);
    expect(out.body).toBe('');
    const cleared = out.cookies.find((c) => c.name === 'claimdesk_session');
    expect(cleared?.value).toBe('');
    expect(cleared?.expires?.getTime()).toBeLessThanOrEqual(Date.now());

    expectProblem(
      await app.inject({ method: 'GET', url: '/auth/me', headers: bearer }),
      401,
      'unauthenticated',
    );
    expectProblem(
      await app.inject({ method: 'GET', url: '/auth/me', cookies: { claimdesk_session: token } }),
      401,
      'unauthenticated',
    );
    // The other session of the same user (from signInAs) is unaffected.
    expect((await app.inject({ method: 'GET', url: '/auth/me', headers: rep.headers })).statusCode).toBe(200);
  });
});

describe('permissions', () => {
  it('an auditor cannot register a customer → 403 forbidden, nothing written', async () => {
    const auditor = await signInAs('auditor');
    const email = `audited.${uniqueSuffix()}@example.se`;
    const res = await app.inject({
      method: 'POST',
      url: '/customers',
      headers: auditor.headers,
      payload: {
        givenName: 'Nils',
        familyName: 'Holm',
        preferredLanguage: 'sv',
        email,
        country: 'SE',
        nationalId: randomPersonnummer(),
      },
    });
    expectProblem(res, 403, 'forbidden');
    expect(await countRows('customers', { column: 'email', value: email })).toBe(0);
    expect(await auditEventsBy(auditor.userId)).toBe(0);
    // …but may read.
    expect(
      (await app.inject({ method: 'GET', url: '/customers?limit=1', headers: auditor.headers })).statusCode,
    ).toBe(200);
  });

  describe('a customer', () => {
    let mine: Awaited<ReturnType<typeof customerWithPolicy>>;
    let other: Awaited<ReturnType<typeof customerWithPolicy>>;
    let me: Session;
    let rep: Session;
    let myClaim: { id: string; claimNumber: string };
    let otherClaim: { id: string; claimNumber: string };

    beforeAll(async () => {
      mine = await customerWithPolicy();
      other = await customerWithPolicy();
      me = await signInAs('customer', { customerId: mine.customer.id });
      rep = await signInAs('representative');
      const a = await app.inject({
        method: 'POST',
        url: '/claims',
        headers: rep.headers,
        payload: claimBody(mine.customer.id, mine.policy.id),
      });
      const b = await app.inject({
        method: 'POST',
        url: '/claims',
        headers: rep.headers,
        payload: claimBody(other.customer.id, other.policy.id),
      });
      expect([a.statusCode, b.statusCode]).toEqual([201, 201]);
      myClaim = a.json();
      otherClaim = b.json();
    });

    it('reads their own customer record', async () => {
      const res = await app.inject({
        method: 'GET',
        url: `/customers/${mine.customer.id}`,
        headers: me.headers,
      });
      expect(res.statusCode).toBe(200);
      expect(res.json()).toMatchObject({
        id: mine.customer.id,
        customerNumber: mine.customer.customerNumber,
      });
    });

    it("gets 404 not_found (not 403) for another customer's record", async () => {
      const res = await app.inject({
        method: 'GET',
        url: `/customers/${other.customer.id}`,
        headers: me.headers,
      });
      expectProblem(res, 404, 'not_found');
      expect(res.body).not.toContain(other.customer.nationalId);
      expect(res.body).not.toContain(other.customer.customerNumber);
    });

    it('finds only themselves when searching', async () => {
      const res = await app.inject({
        method: 'GET',
        url: '/customers?q=Lindqvist&limit=200',
        headers: me.headers,
      });
      expect(res.statusCode).toBe(200);
      expect(res.json().items.map((c: { id: string }) => c.id)).toEqual([mine.customer.id]);
      expect(res.json().total).toBe(1);
    });

    it('reads their own claim by id and by number', async () => {
      for (const ref of [myClaim.id, myClaim.claimNumber]) {
        const res = await app.inject({ method: 'GET', url: `/claims/${ref}`, headers: me.headers });
        expect(res.statusCode).toBe(200);
        expect(res.json()).toMatchObject({ id: myClaim.id, customerId: mine.customer.id });
      }
    });

    it("gets 404 not_found for another customer's claim, by id and by number", async () => {
      for (const ref of [otherClaim.id, otherClaim.claimNumber]) {
        const res = await app.inject({ method: 'GET', url: `/claims/${ref}`, headers: me.headers });
        expectProblem(res, 404, 'not_found');
      }
    });

    it('lists only their own claims even when filtering for someone else', async () => {
      const res = await app.inject({
        method: 'GET',
        url: `/claims?customerId=${other.customer.id}`,
        headers: me.headers,
      });
      expect(res.statusCode).toBe(200);
      expect(res.json()).toMatchObject({ items: [], total: 0 });
      const own = await app.inject({ method: 'GET', url: '/claims', headers: me.headers });
      expect(own.json().items.map((c: { id: string }) => c.id)).toEqual([myClaim.id]);
    });

    it('filing a claim for another customer → 4xx and nothing written', async () => {
      const before = {
        claims: await countRows('claims', { column: 'customer_id', value: other.customer.id }),
        chain: await countRows('audit_events', { column: 'chain', value: other.customer.id }),
        mine: await auditEventsBy(me.userId),
      };
      const res = await app.inject({
        method: 'POST',
        url: '/claims',
        headers: me.headers,
        payload: claimBody(other.customer.id, other.policy.id),
      });
      const problem = expectProblem(res, 422, 'customer_not_found');
      expect(problem.errors?.[0]?.path).toEqual(['customerId']);
      expect({
        claims: await countRows('claims', { column: 'customer_id', value: other.customer.id }),
        chain: await countRows('audit_events', { column: 'chain', value: other.customer.id }),
        mine: await auditEventsBy(me.userId),
      }).toEqual(before);
    });

    it("filing for themselves on someone else's policy → 422 policy_not_found (no hint it exists)", async () => {
      const res = await app.inject({
        method: 'POST',
        url: '/claims',
        headers: me.headers,
        payload: claimBody(mine.customer.id, other.policy.id),
      });
      const problem = expectProblem(res, 422, 'policy_not_found');
      expect(problem.errors?.[0]?.path).toEqual(['policyId']);
      expect(await countRows('claims', { column: 'customer_id', value: mine.customer.id })).toBe(1);
    });

    it('files their own claim, always through the portal channel', async () => {
      const res = await app.inject({
        method: 'POST',
        url: '/claims',
        headers: me.headers,
        payload: claimBody(mine.customer.id, mine.policy.id, { channel: 'phone', description: 'Own claim' }),
      });
      expect(res.statusCode).toBe(201);
      expect(res.json()).toMatchObject({
        customerId: mine.customer.id,
        channel: 'portal',
        registeredBy: me.userId,
      });
    });

    it('cannot register customers → 403 forbidden', async () => {
      const res = await app.inject({
        method: 'POST',
        url: '/customers',
        headers: me.headers,
        payload: {
          givenName: 'Eve',
          familyName: 'Intruder',
          preferredLanguage: 'en',
          country: 'SE',
          nationalId: randomPersonnummer(),
        },
      });
      expectProblem(res, 403, 'forbidden');
    });
  });

  it('a representative registers a customer and a claim', async () => {
    const rep = await signInAs('representative');
    const nationalId = randomPersonnummer();
    const created = await app.inject({
      method: 'POST',
      url: '/customers',
      headers: rep.headers,
      payload: {
        givenName: 'Maja',
        familyName: `Ek${uniqueLetters()}`,
        preferredLanguage: 'sv',
        email: `Maja.${uniqueSuffix()}@Example.se`,
        phone: '+46 70-123 45 67',
        country: 'SE',
        nationalId,
      },
    });
    expect(created.statusCode).toBe(201);
    const customer = created.json();
    expect(customer).toMatchObject({
      givenName: 'Maja',
      country: 'SE',
      nationalIdCountry: 'SE',
      nationalId: nationalId.replace(/\D/g, ''),
      phone: '+46701234567',
      timeZone: 'Europe/Stockholm',
      version: 1,
    });
    expect(customer.email).toBe(customer.email.toLowerCase());
    expect(customer.customerNumber).toMatch(/^CUS-\d{4}-\d{6}$/);
    expect(customer.birthDate).toMatch(/^\d{4}-\d{2}-\d{2}$/);

    // Findable by full name (given + family) and by customer number, as read out on the phone.
    for (const q of [`maja ${customer.familyName}`, customer.customerNumber]) {
      const found = await app.inject({
        method: 'GET',
        url: `/customers?q=${encodeURIComponent(q)}`,
        headers: rep.headers,
      });
      expect(found.statusCode).toBe(200);
      expect(found.json().items.map((c: { id: string }) => c.id)).toEqual([customer.id]);
    }

    const { db } = await testDatabase();
    const { version } = await makeProduct(db);
    const policy = await makePolicy(db, { customerId: customer.id, productVersionId: version.id });
    const claim = await app.inject({
      method: 'POST',
      url: '/claims',
      headers: rep.headers,
      payload: claimBody(customer.id, policy.id),
    });
    expect(claim.statusCode).toBe(201);
    expect(claim.json()).toMatchObject({
      customerId: customer.id,
      policyId: policy.id,
      channel: 'phone',
      status: 'in_review',
      currency: 'SEK',
      registeredBy: rep.userId,
    });
    expect(claim.json().insuredPersonId).toBe(policy.insuredPersons[0]?.id);
  });
});
