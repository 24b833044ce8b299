import { createHash } from 'node:crypto';
import type { FastifyInstance } from 'fastify';
import { beforeAll, describe, expect, it } from 'vitest';
import { makeCustomer, randomPersonnummer } from '../support/factories.ts';
import { type Session, signInAs, testApp } from '../support/test-app.ts';
import { testDatabase } from '../support/test-database.ts';
import { countRows, expectProblem, fieldErrors, uniqueSuffix } from './api-helpers.ts';

// API tokens for integrations (issue 9 §1, decision 0012): shown once, stored hashed, scoped
// (the actor's rights are the role's intersected with the scopes), revocable, expiring.

let app: FastifyInstance;
let admin: Session;

beforeAll(async () => {
  app = await testApp();
  admin = await signInAs('administrator');
});

function issue(body: Record<string, unknown>, headers: Record<string, string> = admin.headers) {
  return app.inject({ method: 'POST', url: '/api-tokens', headers, payload: body });
}

function bearer(token: string) {
  return { authorization: `Bearer ${token}` };
}

function newCustomer(headers: Record<string, string>, email: string) {
  return app.inject({
    method: 'POST',
    url: '/customers',
    headers,
    payload: {
      givenName: 'Integra',
      familyName: 'Tion',
      preferredLanguage: 'sv',
      email,
      country: 'SE',
      nationalId: randomPersonnummer(),
    },
  });
}

async function serviceUser() {
  return signInAs('representative');
}

describe('issuing a token', () => {
  it('shows the cdk_ secret once, stores only its SHA-256, lists it without secrets, audits it', async () => {
    const svc = await serviceUser();
    const res = await issue({ name: 'Broker sync', userId: svc.userId, scopes: ['customers:read'] });
    expect(res.statusCode, res.body).toBe(201);
    expect(res.headers['cache-control']).toBe('no-store');
    const created = res.json();
    expect(created.token).toMatch(/^cdk_[A-Za-z0-9_-]{43}$/);
    expect(created).toMatchObject({
      userId: svc.userId,
      name: 'Broker sync',
      scopes: ['customers:read'],
      status: 'active',
      prefix: created.token.slice(0, 10),
      createdBy: admin.userId,
      lastUsedAt: null,
    });
    const days = (new Date(created.expiresAt).getTime() - Date.now()) / 86_400_000;
    expect(days).toBeGreaterThan(89.9);
    expect(days).toBeLessThanOrEqual(90);

    const { db } = await testDatabase();
    const row = await db
      .selectFrom('api_tokens')
      .selectAll()
      .where('id', '=', created.id)
      .executeTakeFirstOrThrow();
    expect(row.token_hash).toBe(createHash('sha256').update(created.token).digest('hex'));
    expect(JSON.stringify(row)).not.toContain(created.token.slice(10));

    const list = await app.inject({
      method: 'GET',
      url: `/api-tokens?userId=${svc.userId}`,
      headers: admin.headers,
    });
    expect(list.statusCode).toBe(200);
    expect(list.json().items).toHaveLength(1);
    expect(list.body).not.toContain(created.token.slice(10));
    expect(list.body).not.toContain(row.token_hash);

    const audit = await db
      .selectFrom('audit_events')
      .select(['action', 'actor_id'])
      .where('entity_id', '=', created.id)
      .execute();
    expect(audit).toEqual([{ action: 'api_token.created', actor_id: admin.userId }]);
  });

  it('refuses scopes that are unknown, repeated or beyond the user’s role, naming each', async () => {
    const svc = await serviceUser();
    const res = await issue({
      name: 'Too wide',
      userId: svc.userId,
      scopes: ['customers:read', 'claims:fly', 'users:manage', 'customers:read'],
    });
    const problem = expectProblem(res, 400, 'validation_failed');
    expect(fieldErrors(problem).map((e) => [e.pointer, e.code])).toEqual([
      ['/scopes/1', 'unknown_scope'],
      ['/scopes/2', 'scope_not_in_role'],
      ['/scopes/3', 'duplicate'],
    ]);
    expect(await countRows('api_tokens', { column: 'user_id', value: svc.userId })).toBe(0);
  });

  it('is for active staff logins only, and only administrators issue tokens', async () => {
    const customer = await makeCustomer((await testDatabase()).db);
    const customerLogin = await signInAs('customer', { customerId: customer.id });
    const forCustomer = await issue({ name: 'x', userId: customerLogin.userId, scopes: ['claims:read'] });
    expect(fieldErrors(expectProblem(forCustomer, 400, 'validation_failed'))[0]?.pointer).toBe('/userId');

    const rep = await serviceUser();
    expectProblem(await issue({ name: 'mine', scopes: ['claims:read'] }, rep.headers), 403, 'forbidden');
    const auditor = await signInAs('auditor');
    expectProblem(await issue({ name: 'mine', scopes: ['claims:read'] }, auditor.headers), 403, 'forbidden');
    // Auditors may read the list; representatives may not.
    expect(
      (await app.inject({ method: 'GET', url: '/api-tokens', headers: auditor.headers })).statusCode,
    ).toBe(200);
    expectProblem(
      await app.inject({ method: 'GET', url: '/api-tokens', headers: rep.headers }),
      403,
      'forbidden',
    );
  });
});

describe('using a token', () => {
  it('acts within the scopes: an in-scope read works, an out-of-scope write is 403 and writes nothing', async () => {
    const svc = await serviceUser();
    const { token } = (
      await issue({ name: 'Reader', userId: svc.userId, scopes: ['customers:read'] })
    ).json();
    const read = await app.inject({ method: 'GET', url: '/customers?limit=1', headers: bearer(token) });
    expect(read.statusCode, read.body).toBe(200);
    const me = await app.inject({ method: 'GET', url: '/auth/me', headers: bearer(token) });
    expect(me.json()).toMatchObject({ userId: svc.userId, role: 'representative' });

    // The representative's role may create customers; the token may not.
    const email = `token.${uniqueSuffix()}@example.se`;
    expectProblem(await newCustomer(bearer(token), email), 403, 'forbidden');
    expect(await countRows('customers', { column: 'email', value: email })).toBe(0);
    // The user's own session still may (the scopes bind the token, not the user).
    expect((await newCustomer(svc.headers, email)).statusCode).toBe(201);
  });

  it('a scope the role loses later does not keep working (intersection at every request)', async () => {
    const svc = await serviceUser();
    const { token } = (
      await issue({ name: 'Writer', userId: svc.userId, scopes: ['customers:read', 'customers:create'] })
    ).json();
    const first = await newCustomer(bearer(token), `w1.${uniqueSuffix()}@example.se`);
    expect(first.statusCode, first.body).toBe(201);
    const patched = await app.inject({
      method: 'PATCH',
      url: `/users/${svc.userId}`,
      headers: admin.headers,
      payload: { version: 1, role: 'auditor' },
    });
    expect(patched.statusCode, patched.body).toBe(200);
    const email = `w2.${uniqueSuffix()}@example.se`;
    expectProblem(await newCustomer(bearer(token), email), 403, 'forbidden');
    expect(await countRows('customers', { column: 'email', value: email })).toBe(0);
  });

  it('a revoked, expired, unknown or malformed token, or one of a deactivated user, is refused', async () => {
    const svc = await serviceUser();
    const a = (await issue({ name: 'A', userId: svc.userId, scopes: ['customers:read'] })).json();
    const b = (await issue({ name: 'B', userId: svc.userId, scopes: ['customers:read'] })).json();
    const ok = (t: string) => app.inject({ method: 'GET', url: '/customers?limit=1', headers: bearer(t) });
    expect((await ok(a.token)).statusCode).toBe(200);

    const revoked = await app.inject({
      method: 'POST',
      url: `/api-tokens/${a.id}/revoke`,
      headers: admin.headers,
    });
    expect(revoked.statusCode, revoked.body).toBe(200);
    expect(revoked.json()).toMatchObject({ status: 'revoked' });
    expectProblem(await ok(a.token), 401, 'unauthenticated');
    // Revoking again changes nothing and is audited once.
    expect(
      (await app.inject({ method: 'POST', url: `/api-tokens/${a.id}/revoke`, headers: admin.headers }))
        .statusCode,
    ).toBe(200);
    expect(await countRows('audit_events', { column: 'entity_id', value: a.id })).toBe(2);

    const { db } = await testDatabase();
    await db
      .updateTable('api_tokens')
      .set({ expires_at: new Date(Date.now() - 1000) })
      .where('id', '=', b.id)
      .execute();
    expectProblem(await ok(b.token), 401, 'unauthenticated');
    expect(
      (
        await app.inject({
          method: 'GET',
          url: `/api-tokens?userId=${svc.userId}&status=expired`,
          headers: admin.headers,
        })
      )
        .json()
        .items.map((t: { id: string }) => t.id),
    ).toEqual([b.id]);

    expectProblem(await ok(`cdk_${'A'.repeat(43)}`), 401, 'unauthenticated');
    expectProblem(await ok('cdk_not-even-the-right-length'), 401, 'unauthenticated');

    const c = (await issue({ name: 'C', userId: svc.userId, scopes: ['customers:read'] })).json();
    expect((await ok(c.token)).statusCode).toBe(200);
    const off = await app.inject({
      method: 'PATCH',
      url: `/users/${svc.userId}`,
      headers: admin.headers,
      payload: { version: 1, active: false },
    });
    expect(off.statusCode, off.body).toBe(200);
    expectProblem(await ok(c.token), 401, 'unauthenticated');
  });

  it('a token cannot issue tokens, even with users:manage (no widening its own scopes)', async () => {
    const other = await signInAs('administrator');
    const { token } = (
      await issue({ name: 'Admin bot', userId: other.userId, scopes: ['users:manage', 'users:read'] })
    ).json();
    const res = await issue({ name: 'wider', scopes: ['users:manage', 'products:write'] }, bearer(token));
    expectProblem(res, 403, 'forbidden');
    expect(await countRows('api_tokens', { column: 'user_id', value: other.userId })).toBe(1);
  });

  it('needs no Origin (no ambient credential) and records last use at most once a minute', async () => {
    const svc = await serviceUser();
    const { id, token } = (
      await issue({ name: 'Poller', userId: svc.userId, scopes: ['customers:read'] })
    ).json();
    const { db } = await testDatabase();
    const lastUsed = async () =>
      (
        await db
          .selectFrom('api_tokens')
          .select('last_used_at')
          .where('id', '=', id)
          .executeTakeFirstOrThrow()
      ).last_used_at;
    expect(await lastUsed()).toBeNull();
    await app.inject({ method: 'GET', url: '/customers?limit=1', headers: bearer(token) });
    const first = await lastUsed();
    expect(first).not.toBeNull();
    await app.inject({ method: 'GET', url: '/customers?limit=1', headers: bearer(token) });
    expect(new Date((await lastUsed()) as Date).getTime()).toBe(new Date(first as Date).getTime());
  });
});
