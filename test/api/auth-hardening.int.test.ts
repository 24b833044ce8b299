import { randomInt } from 'node:crypto';
import type { FastifyInstance } from 'fastify';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { hashToken } from '../../src/modules/users/sessions.ts';
import { buildApp } from '../../src/server/app.ts';
import { loadConfig } from '../../src/server/config.ts';
import { randomPersonnummer } from '../support/factories.ts';
import { signInAs, TEST_PASSWORD, testApp } from '../support/test-app.ts';
import { testDatabase } from '../support/test-database.ts';
import { countRows, expectProblem, uniqueSuffix } from './api-helpers.ts';

// Attacks on authentication (issue 9 §1, decision 0012): each test tries the attack and checks
// that it fails and changed nothing. Sign-in attempts come from a documentation address of their
// own (in 198.18.0.0/15), so the per-address throttle of one test never touches another's.

let app: FastifyInstance;

beforeAll(async () => {
  app = await testApp();
});

function freshAddress(): string {
  return `198.18.${randomInt(0, 256)}.${randomInt(1, 255)}`;
}

function signIn(email: string, password: string, opts: { address: string; cookie?: string }) {
  return app.inject({
    method: 'POST',
    url: '/auth/sign-in',
    remoteAddress: opts.address,
    payload: { email, password },
    // A browser sends Origin with the cookie (without it, sign-in is a cookie-borne write: 403).
    ...(opts.cookie
      ? { cookies: { claimdesk_session: opts.cookie }, headers: { origin: 'http://localhost' } }
      : {}),
  });
}

function me(cookie: string) {
  return app.inject({ method: 'GET', url: '/auth/me', cookies: { claimdesk_session: cookie } });
}

function customerBody(email: string) {
  return {
    givenName: 'Nils',
    familyName: 'Holm',
    preferredLanguage: 'sv',
    email,
    country: 'SE',
    nationalId: randomPersonnummer(),
  };
}

/** The problem document without what differs per request. */
function stable(body: Record<string, unknown>) {
  const { requestId: _r, instance: _i, ...rest } = body;
  return rest;
}

describe('brute force', () => {
  it('five wrong passwords, then 429 with Retry-After — even for the right password', async () => {
    const rep = await signInAs('representative');
    const address = freshAddress();
    for (let i = 0; i < 5; i++) {
      expectProblem(await signIn(rep.email, `guess-${i}`, { address }), 401, 'invalid_credentials');
    }
    const locked = await signIn(rep.email, TEST_PASSWORD, { address });
    const problem = expectProblem(locked, 429, 'too_many_attempts');
    expect(Number(locked.headers['retry-after'])).toBe(900);
    expect(problem.retryAfterSeconds).toBe(900);
    expect(locked.headers['set-cookie']).toBeUndefined();
    // The lockout is audited once, by the system, naming the account.
    const { db } = await testDatabase();
    const events = await db
      .selectFrom('audit_events')
      .select(['data', 'actor_role'])
      .where('action', '=', 'sign_in.locked')
      .where(sql<boolean>`data->>'userId' = ${rep.userId}`)
      .execute();
    expect(events).toHaveLength(1);
    expect(events[0]?.data).toMatchObject({ scope: 'account', lockouts: 1, address });
  });

  it('concurrent guesses are bounded: of 30 at once, at most 14 reach the password check, then it is locked', async () => {
    const rep = await signInAs('representative');
    const address = freshAddress();
    const results = await Promise.all(
      Array.from({ length: 30 }, (_, i) => signIn(rep.email, `parallel-${i}`, { address })),
    );
    const checked = results.filter((r) => r.statusCode === 401).length;
    expect(checked).toBeGreaterThanOrEqual(5);
    // At most 10 are admitted at once; as they fail, others may be admitted until the 5th failure
    // locks the account: 4 + 10 = 14 guesses at most (decision 0012). Which of those happen depends
    // on timing (PGlite serialises the attempts, PostgreSQL runs them side by side).
    expect(checked).toBeLessThanOrEqual(14);
    for (const r of results.filter((x) => x.statusCode !== 401)) expectProblem(r, 429, 'too_many_attempts');
    const after = await signIn(rep.email, TEST_PASSWORD, { address });
    expectProblem(after, 429, 'too_many_attempts');
    expect(Number(after.headers['retry-after'])).toBeGreaterThan(800);
  });

  it('a few honest sign-ins of one login at the same time all succeed', async () => {
    const rep = await signInAs('representative');
    const address = freshAddress();
    const results = await Promise.all(
      Array.from({ length: 6 }, () => signIn(rep.email, TEST_PASSWORD, { address })),
    );
    expect(results.map((r) => r.statusCode)).toEqual([200, 200, 200, 200, 200, 200]);
  });

  it('an unknown email is throttled exactly like a real one (nothing tells them apart)', async () => {
    const rep = await signInAs('representative');
    const unknown = `nobody-${uniqueSuffix()}@test.claimdesk.example`;
    const [a, b] = [freshAddress(), freshAddress()];
    for (let i = 0; i < 6; i++) {
      const real = await signIn(rep.email, 'wrong', { address: a });
      const fake = await signIn(unknown, 'wrong', { address: b });
      expect(fake.statusCode).toBe(real.statusCode);
      expect(stable(fake.json())).toEqual(stable(real.json()));
      expect(fake.headers['retry-after']).toBe(real.headers['retry-after']);
    }
    expect((await signIn(unknown, 'wrong', { address: b })).statusCode).toBe(429);
  });

  it('a successful sign-in resets the account count', async () => {
    const rep = await signInAs('representative');
    const address = freshAddress();
    for (let i = 0; i < 4; i++) await signIn(rep.email, 'wrong', { address });
    expect((await signIn(rep.email, TEST_PASSWORD, { address })).statusCode).toBe(200);
    for (let i = 0; i < 5; i++) {
      expectProblem(await signIn(rep.email, 'wrong', { address }), 401, 'invalid_credentials');
    }
    expectProblem(await signIn(rep.email, 'wrong', { address }), 429, 'too_many_attempts');
  });

  it('an address that failed too often is locked for every account, shared through the database', async () => {
    const rep = await signInAs('representative');
    const address = freshAddress();
    const { db } = await testDatabase();
    // 99 failures within the window, as other server processes would have recorded them.
    await db
      .insertInto('sign_in_throttles')
      .values({
        key: `address:${address}`,
        id: crypto.randomUUID(),
        failures: 99,
        window_started_at: new Date(),
      })
      .execute();
    expect((await signIn(rep.email, TEST_PASSWORD, { address })).statusCode).toBe(200);
    // The hundredth, for an account that does not exist, locks the address…
    const other = `spray-${uniqueSuffix()}@test.claimdesk.example`;
    expectProblem(await signIn(other, 'guess', { address }), 401, 'invalid_credentials');
    // …for every account, the right password included.
    expectProblem(await signIn(rep.email, TEST_PASSWORD, { address }), 429, 'too_many_attempts');
    // The same account from another address is fine: only the address was locked.
    expect((await signIn(rep.email, TEST_PASSWORD, { address: freshAddress() })).statusCode).toBe(200);
  });
});

describe('session fixation', () => {
  it('a cookie the client brings to sign-in is never adopted; a live one is ended', async () => {
    const rep = await signInAs('supervisor');
    const planted = 'attacker-chosen-session-token-0123456789abcdef';
    const res = await signIn(rep.email, TEST_PASSWORD, { address: freshAddress(), cookie: planted });
    expect(res.statusCode).toBe(200);
    const issued = res.cookies.find((c) => c.name === 'claimdesk_session')?.value ?? '';
    expect(issued).not.toBe(planted);
    expect(issued).toBe(res.json().token);
    expectProblem(await me(planted), 401, 'unauthenticated');
    const { db } = await testDatabase();
    expect(
      await db
        .selectFrom('sessions')
        .select('user_id')
        .where('token_hash', '=', hashToken(planted))
        .execute(),
    ).toEqual([]);

    // Signing in again on the same browser ends the session it had.
    const again = await signIn(rep.email, TEST_PASSWORD, { address: freshAddress(), cookie: issued });
    const next = again.cookies.find((c) => c.name === 'claimdesk_session')?.value ?? '';
    expect(next).not.toBe(issued);
    expectProblem(await me(issued), 401, 'unauthenticated');
    expect((await me(next)).statusCode).toBe(200);
  });
});

describe('CSRF on cookie-authenticated writes', () => {
  async function cookieOf(role: 'representative' | 'administrator') {
    const user = await signInAs(role);
    const res = await signIn(user.email, TEST_PASSWORD, { address: freshAddress() });
    return { ...user, cookie: res.json().token as string };
  }

  it('a write with the cookie but no Origin/Referer, a foreign Origin or Origin null → 403, nothing written', async () => {
    const rep = await cookieOf('representative');
    const attempts: Record<string, string>[] = [
      {},
      { origin: 'https://evil.example' },
      { origin: 'null' },
      { referer: 'https://evil.example/claimdesk/form.html' },
      { origin: 'http://localhost.evil.example' },
      { origin: 'http://localhost:8080' },
    ];
    for (const headers of attempts) {
      const email = `csrf.${uniqueSuffix()}@example.se`;
      const res = await app.inject({
        method: 'POST',
        url: '/customers',
        headers,
        cookies: { claimdesk_session: rep.cookie },
        payload: customerBody(email),
      });
      expectProblem(res, 403, 'csrf_rejected');
      expect(await countRows('customers', { column: 'email', value: email })).toBe(0);
    }
    // Sign-out is a write too: a forged one does not end the session.
    const out = await app.inject({
      method: 'POST',
      url: '/auth/sign-out',
      headers: { origin: 'https://evil.example' },
      cookies: { claimdesk_session: rep.cookie },
    });
    expectProblem(out, 403, 'csrf_rejected');
    expect((await me(rep.cookie)).statusCode).toBe(200);
    expect(await countRows('audit_events', { column: 'actor_id', value: rep.userId })).toBe(0);
  });

  it('the same write from our own origin (Origin, or Referer alone) and with a bearer token passes', async () => {
    const rep = await cookieOf('representative');
    const sameOrigin = [{ origin: 'http://localhost:80' }, { referer: 'http://localhost/app/customers/new' }];
    for (const headers of sameOrigin) {
      const email = `ok.${uniqueSuffix()}@example.se`;
      const res = await app.inject({
        method: 'POST',
        url: '/customers',
        headers,
        cookies: { claimdesk_session: rep.cookie },
        payload: customerBody(email),
      });
      expect(res.statusCode, res.body).toBe(201);
    }
    // No ambient credential, no CSRF: a bearer request needs no Origin (and a cookie beside it does not matter).
    const email = `bearer.${uniqueSuffix()}@example.se`;
    const res = await app.inject({
      method: 'POST',
      url: '/customers',
      headers: { ...rep.headers },
      cookies: { claimdesk_session: rep.cookie },
      payload: customerBody(email),
    });
    expect(res.statusCode, res.body).toBe(201);
    // Reads are never refused for CSRF.
    expect((await me(rep.cookie)).statusCode).toBe(200);
  });
});

describe('session expiry and revocation', () => {
  async function freshCookie() {
    const user = await signInAs('representative');
    const res = await signIn(user.email, TEST_PASSWORD, { address: freshAddress() });
    return { ...user, cookie: res.json().token as string };
  }

  it('a session past its absolute expiry is refused', async () => {
    const s = await freshCookie();
    const { db } = await testDatabase();
    await db
      .updateTable('sessions')
      .set({ expires_at: new Date(Date.now() - 1000) })
      .where('token_hash', '=', hashToken(s.cookie))
      .execute();
    expectProblem(await me(s.cookie), 401, 'unauthenticated');
  });

  it('a session idle for longer than 30 minutes is refused; a used one slides, at most once a minute', async () => {
    const s = await freshCookie();
    const { db } = await testDatabase();
    const setSeen = (ms: number) =>
      db
        .updateTable('sessions')
        .set({ last_seen_at: new Date(Date.now() - ms) })
        .where('token_hash', '=', hashToken(s.cookie))
        .execute();
    const seen = async () =>
      new Date(
        (
          await db
            .selectFrom('sessions')
            .select('last_seen_at')
            .where('token_hash', '=', hashToken(s.cookie))
            .executeTakeFirstOrThrow()
        ).last_seen_at,
      ).getTime();

    await setSeen(20_000);
    const before = await seen();
    expect((await me(s.cookie)).statusCode).toBe(200);
    expect(await seen()).toBe(before); // used 20 s ago: no write

    await setSeen(29 * 60_000);
    expect((await me(s.cookie)).statusCode).toBe(200);
    expect(await seen()).toBeGreaterThan(Date.now() - 10_000); // slid forward

    await setSeen(31 * 60_000);
    expectProblem(await me(s.cookie), 401, 'unauthenticated');
  });

  it('a signed-out session is refused', async () => {
    const s = await freshCookie();
    const out = await app.inject({
      method: 'POST',
      url: '/auth/sign-out',
      headers: { origin: 'http://localhost' },
      cookies: { claimdesk_session: s.cookie },
    });
    expect(out.statusCode).toBe(204);
    expectProblem(await me(s.cookie), 401, 'unauthenticated');
  });

  it('a role change ends every session of the user; the new sign-in has the new role', async () => {
    const admin = await signInAs('administrator');
    const s = await freshCookie();
    const bearerSession = s.headers; // the session signInAs opened, used as a bearer token
    expect((await me(s.cookie)).statusCode).toBe(200);
    const changed = await app.inject({
      method: 'PATCH',
      url: `/users/${s.userId}`,
      headers: admin.headers,
      payload: { version: 1, role: 'auditor' },
    });
    expect(changed.statusCode, changed.body).toBe(200);
    expectProblem(await me(s.cookie), 401, 'unauthenticated');
    expectProblem(
      await app.inject({ method: 'GET', url: '/auth/me', headers: bearerSession }),
      401,
      'unauthenticated',
    );
    const again = await signIn(s.email, TEST_PASSWORD, { address: freshAddress() });
    expect(again.json().user.role).toBe('auditor');
    // A change of name or language is no privilege change: sessions stay.
    const renamed = await app.inject({
      method: 'PATCH',
      url: `/users/${s.userId}`,
      headers: admin.headers,
      payload: { version: 2, displayName: 'Renamed Person' },
    });
    expect(renamed.statusCode, renamed.body).toBe(200);
    expect((await me(again.json().token)).statusCode).toBe(200);
  });
});

describe('security headers and CORS', () => {
  it('every response carries the CSP, nosniff, frame and referrer headers; no HSTS on http', async () => {
    for (const res of [
      await app.inject({ method: 'GET', url: '/health' }),
      await app.inject({ method: 'GET', url: '/auth/me' }), // a 401 problem
      await app.inject({ method: 'GET', url: '/docs' }),
    ]) {
      const csp = String(res.headers['content-security-policy']);
      expect(csp).toContain("default-src 'self'");
      expect(csp).toContain("script-src 'self'");
      expect(csp).not.toMatch(/script-src[^;]*unsafe-inline/);
      expect(csp).toContain("object-src 'self' blob:");
      expect(csp).not.toContain('upgrade-insecure-requests');
      expect(res.headers['x-content-type-options']).toBe('nosniff');
      expect(res.headers['x-frame-options']).toBe('SAMEORIGIN');
      expect(res.headers['referrer-policy']).toBe('same-origin');
      expect(res.headers['strict-transport-security']).toBeUndefined();
    }
  });

  it('no cross-origin access by default: no Access-Control-Allow-Origin, preflights unapproved', async () => {
    const res = await app.inject({
      method: 'GET',
      url: '/health',
      headers: { origin: 'https://evil.example' },
    });
    expect(res.headers['access-control-allow-origin']).toBeUndefined();
    const preflight = await app.inject({
      method: 'OPTIONS',
      url: '/customers',
      headers: { origin: 'https://evil.example', 'access-control-request-method': 'POST' },
    });
    expect(preflight.headers['access-control-allow-origin']).toBeUndefined();
    expect(preflight.statusCode).toBeGreaterThanOrEqual(400);
  });

  describe('behind HTTPS with an allowed origin', () => {
    let secure: FastifyInstance;
    beforeAll(async () => {
      const config = loadConfig({
        LOG_LEVEL: 'silent',
        NODE_ENV: 'test',
        CLAIMDESK_DATA_DIR: 'memory://',
        COOKIE_SECURE: 'true',
        CORS_ORIGINS: 'https://partner.example',
        CLAIMDESK_TRUST_PROXY: '127.0.0.1',
      });
      secure = await buildApp({ config, database: await testDatabase() });
      await secure.ready();
    });
    afterAll(async () => {
      await secure?.close();
    });

    it('sends HSTS, upgrades requests, marks the cookie Secure, trusts its proxy and lets the listed origin in', async () => {
      const health = await secure.inject({ method: 'GET', url: '/health' });
      expect(health.headers['strict-transport-security']).toMatch(/max-age=31536000/);
      expect(String(health.headers['content-security-policy'])).toContain('upgrade-insecure-requests');

      const user = await signInAs('representative');
      const res = await secure.inject({
        method: 'POST',
        url: '/auth/sign-in',
        remoteAddress: freshAddress(),
        payload: { email: user.email, password: TEST_PASSWORD },
      });
      expect(res.statusCode).toBe(200);
      expect(res.cookies.find((c) => c.name === 'claimdesk_session')?.secure).toBe(true);

      // Behind the trusted proxy, the throttle sees the client's address from X-Forwarded-For.
      const client = freshAddress();
      const { db } = await testDatabase();
      await db
        .insertInto('sign_in_throttles')
        .values({
          key: `address:${client}`,
          id: crypto.randomUUID(),
          window_started_at: new Date(),
          locked_until: new Date(Date.now() + 600_000),
          lockouts: 1,
        })
        .execute();
      const viaProxy = (forwardedFor?: string) =>
        secure.inject({
          method: 'POST',
          url: '/auth/sign-in',
          remoteAddress: '127.0.0.1',
          headers: forwardedFor ? { 'x-forwarded-for': forwardedFor } : {},
          payload: { email: user.email, password: TEST_PASSWORD },
        });
      expectProblem(await viaProxy(client), 429, 'too_many_attempts');
      expect((await viaProxy(freshAddress())).statusCode).toBe(200);

      const preflight = await secure.inject({
        method: 'OPTIONS',
        url: '/customers',
        headers: { origin: 'https://partner.example', 'access-control-request-method': 'POST' },
      });
      expect(preflight.statusCode).toBe(204);
      expect(preflight.headers['access-control-allow-origin']).toBe('https://partner.example');
      const other = await secure.inject({
        method: 'GET',
        url: '/health',
        headers: { origin: 'https://evil.example' },
      });
      expect(other.headers['access-control-allow-origin']).toBeUndefined();

      // The listed origin may write with the cookie; our own origin only over https.
      const cookie = res.json().token as string;
      const write = (origin: string) =>
        secure.inject({
          method: 'POST',
          url: '/customers',
          headers: { origin, host: 'claimdesk.example' },
          cookies: { claimdesk_session: cookie },
          payload: customerBody(`partner.${uniqueSuffix()}@example.se`),
        });
      expect((await write('https://partner.example')).statusCode).toBe(201);
      expect((await write('https://claimdesk.example')).statusCode).toBe(201);
      expectProblem(await write('http://claimdesk.example'), 403, 'csrf_rejected');
    });
  });
});
