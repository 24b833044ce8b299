import http from 'node:http';
import type { AddressInfo } from 'node:net';
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createUser, systemActor } from '../../src/modules/users/index.ts';
import { buildApp } from '../../src/server/app.ts';
import { loadConfig } from '../../src/server/config.ts';
import { makeCustomer } from '../support/factories.ts';
import {
  oidcEnv,
  startTestProvider,
  type TestIdentity,
  type TestProvider,
} from '../support/oidc-provider.ts';
import { testApp } from '../support/test-app.ts';
import { testDatabase } from '../support/test-database.ts';
import { uniqueLetters } from './api-helpers.ts';

// Staff single sign-on against a real OpenID Provider (oidc-provider, started here on 127.0.0.1
// with its development login form), over real HTTP on both sides: the browser below is fetch with
// a cookie jar that follows redirects and submits the provider's forms. Nothing is mocked.

let idp: TestProvider;
let issuer: string;
let app: FastifyInstance;
let origin: string;
const person = (claims: TestIdentity): string => {
  const subject = `sub-${uniqueLetters()}`;
  idp.directory.set(subject, { name: 'Someone', ...claims });
  return subject;
};

async function listen(server: http.Server): Promise<number> {
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return (server.address() as AddressInfo).port;
}

beforeAll(async () => {
  idp = await startTestProvider();
  issuer = idp.issuer;
  const config = loadConfig({
    LOG_LEVEL: process.env.TEST_LOG_LEVEL ?? 'silent',
    NODE_ENV: 'test',
    CLAIMDESK_DATA_DIR: 'memory://',
    ...oidcEnv(idp),
  });
  app = await buildApp({ config, database: await testDatabase() });
  await app.listen({ port: 0, host: '127.0.0.1' });
  origin = `http://127.0.0.1:${(app.server.address() as AddressInfo).port}`;
  idp.register(`${origin}/auth/oidc/callback`);
}, 30_000);

afterAll(async () => {
  await app?.close();
  await idp?.close();
});

/** A browser: one cookie jar (per host, ignoring paths), manual redirects. */
class Browser {
  readonly jar = new Map<string, Map<string, string>>();

  async request(
    url: string,
    init: { method?: string; form?: Record<string, string> } = {},
  ): Promise<Response> {
    const target = new URL(url);
    const cookies = this.jar.get(target.host);
    const headers: Record<string, string> = {};
    if (cookies?.size) headers.cookie = [...cookies].map(([k, v]) => `${k}=${v}`).join('; ');
    if (init.form) headers['content-type'] = 'application/x-www-form-urlencoded';
    const res = await fetch(target, {
      method: init.method ?? (init.form ? 'POST' : 'GET'),
      headers,
      body: init.form ? new URLSearchParams(init.form).toString() : undefined,
      redirect: 'manual',
    });
    for (const line of res.headers.getSetCookie()) {
      const [pair = '', ...attrs] = line.split(';').map((s) => s.trim());
      const name = pair.slice(0, pair.indexOf('='));
      const value = pair.slice(pair.indexOf('=') + 1);
      const jar = this.jar.get(target.host) ?? new Map<string, string>();
      this.jar.set(target.host, jar);
      const expired = attrs.some(
        (a) =>
          /^max-age=0$/i.test(a) || (/^expires=/i.test(a) && new Date(a.slice(8)).getTime() < Date.now()),
      );
      if (expired || value === '') jar.delete(name);
      else jar.set(name, value);
    }
    return res;
  }

  cookie(host: string, name: string): string | undefined {
    return this.jar.get(new URL(host).host)?.get(name);
  }

  /**
   * Signs in at the provider as `subject` (its login form, then its consent form), following
   * redirects until the provider sends the browser back to Claimdesk's callback, whose URL is
   * returned without being requested.
   */
  async throughProvider(authorizationUrl: string, subject: string): Promise<URL> {
    let res = await this.request(authorizationUrl);
    let at = authorizationUrl;
    for (let step = 0; step < 15; step++) {
      if (res.status >= 300 && res.status < 400) {
        const next = new URL(res.headers.get('location') ?? '', at);
        if (next.href.startsWith(`${origin}/auth/oidc/callback`)) return next;
        at = next.href;
        res = await this.request(at);
        continue;
      }
      const html = await res.text();
      expect(res.status, html.slice(0, 500)).toBe(200);
      const action = html.match(/<form[^>]*action="([^"]+)"/)?.[1]?.replaceAll('&amp;', '&');
      const prompt = html.match(/name="prompt" value="(\w+)"/)?.[1];
      expect(action, html.slice(0, 500)).toBeDefined();
      at = new URL(action ?? '', at).href;
      res = await this.request(at, {
        form:
          prompt === 'login'
            ? { prompt, login: subject, password: 'any password' }
            : { prompt: prompt ?? 'consent' },
      });
    }
    throw new Error('the provider never redirected back to the callback');
  }

  /** GET /auth/oidc/start: the provider's authorization URL it redirects to. */
  async start(): Promise<URL> {
    const res = await this.request(`${origin}/auth/oidc/start`);
    expect(res.status).toBe(303);
    const location = new URL(res.headers.get('location') ?? '');
    expect(location.origin).toBe(issuer);
    return location;
  }

  /** The callback's answer: where it sends the browser. */
  async callback(url: URL): Promise<string> {
    const res = await this.request(url.href);
    expect(res.status).toBe(303);
    return res.headers.get('location') ?? '';
  }
}

async function staffUser(opts: { active?: boolean; email?: string; password?: string } = {}) {
  const { db } = await testDatabase();
  const email = opts.email ?? `sso-${uniqueLetters()}@test.claimdesk.example`;
  const id = await createUser({
    db,
    actor: systemActor('test'),
    user: {
      email,
      displayName: 'SSO Staff',
      role: 'representative',
      ...(opts.password ? { password: opts.password } : { passwordHash: 'not-a-password-login' }),
    },
  });
  if (opts.active === false)
    await db.updateTable('users').set({ active: false }).where('id', '=', id).execute();
  return { id, email };
}

async function signedInAs(browser: Browser) {
  const res = await browser.request(`${origin}/auth/me`);
  return { status: res.status, body: (await res.json()) as { userId?: string; role?: string } };
}

async function auditActions(userId: string): Promise<string[]> {
  const { db } = await testDatabase();
  const rows = await db
    .selectFrom('audit_events')
    .select(['action'])
    .where('entity_id', '=', userId)
    .where('action', 'in', ['user.signed_in', 'user.sso_linked'])
    .orderBy('seq')
    .execute();
  return rows.map((r) => r.action);
}

describe('staff single sign-on (OpenID Connect) against a real provider', () => {
  it('GET /auth/config tells the sign-in page that single sign-on is on', async () => {
    const res = await fetch(`${origin}/auth/config`);
    expect(res.status).toBe(200);
    expect(await res.json()).toEqual({ sso: { enabled: true, startUrl: '/auth/oidc/start' } });
  });

  it('round trip: start → provider login → callback → a session that works on GET /auth/me', async () => {
    const staff = await staffUser({ password: 'correct horse battery staple' });
    const subject = person({ email: staff.email.toUpperCase(), email_verified: true });
    const browser = new Browser();
    // A session the browser already holds is ended, never kept (fixation): sign in by password first.
    const signIn = await fetch(`${origin}/auth/sign-in`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ email: staff.email, password: 'correct horse battery staple' }),
    });
    const oldToken = ((await signIn.json()) as { token: string }).token;
    browser.jar.set(new URL(origin).host, new Map([['claimdesk_session', oldToken]]));

    const authorization = await browser.start();
    expect(authorization.searchParams.get('code_challenge_method')).toBe('S256');
    expect(authorization.searchParams.get('code_challenge')).toMatch(/^[\w-]{43}$/);
    expect(authorization.searchParams.get('state')).toBeTruthy();
    expect(authorization.searchParams.get('nonce')).toBeTruthy();
    expect(authorization.searchParams.get('redirect_uri')).toBe(`${origin}/auth/oidc/callback`);
    expect(browser.cookie(origin, 'claimdesk_oidc')).toMatch(/^[\w-]{43}$/);

    const callback = await browser.throughProvider(authorization.href, subject);
    expect(callback.searchParams.get('code')).toBeTruthy();
    const callbackRes = await browser.request(callback.href);
    expect(callbackRes.status).toBe(303);
    expect(callbackRes.headers.get('location')).toBe('/app/');
    const setCookie = callbackRes.headers.getSetCookie().find((c) => c.startsWith('claimdesk_session='));
    expect(setCookie).toMatch(/HttpOnly/i);
    expect(setCookie).toMatch(/SameSite=Lax/i);
    expect(setCookie).toMatch(/Path=\//);
    expect(browser.cookie(origin, 'claimdesk_oidc')).toBeUndefined();
    const newToken = browser.cookie(origin, 'claimdesk_session');
    expect(newToken).toBeTruthy();
    expect(newToken).not.toBe(oldToken);

    expect(await signedInAs(browser)).toMatchObject({
      status: 200,
      body: { userId: staff.id, role: 'representative' },
    });
    const old = await fetch(`${origin}/auth/me`, { headers: { authorization: `Bearer ${oldToken}` } });
    expect(old.status).toBe(401);

    const { db } = await testDatabase();
    const linked = await db
      .selectFrom('users')
      .select(['oidc_issuer', 'oidc_subject'])
      .where('id', '=', staff.id)
      .executeTakeFirstOrThrow();
    expect(linked).toEqual({ oidc_issuer: issuer, oidc_subject: subject });
    expect(await auditActions(staff.id)).toEqual(['user.sso_linked', 'user.signed_in']);

    // The second time the subject decides, not the email: changed at the provider, same login.
    idp.directory.set(subject, {
      email: `changed-${uniqueLetters()}@elsewhere.example`,
      email_verified: true,
    });
    const again = new Browser();
    const url = await again.throughProvider((await again.start()).href, subject);
    expect(await again.callback(url)).toBe('/app/');
    expect(await signedInAs(again)).toMatchObject({ status: 200, body: { userId: staff.id } });
    expect(await auditActions(staff.id)).toEqual(['user.sso_linked', 'user.signed_in', 'user.signed_in']);
  }, 30_000);

  it('a tampered state is refused before the code is used', async () => {
    const staff = await staffUser();
    const subject = person({ email: staff.email, email_verified: true });
    const browser = new Browser();
    const callback = await browser.throughProvider((await browser.start()).href, subject);
    callback.searchParams.set('state', `${callback.searchParams.get('state')}x`);
    expect(await browser.callback(callback)).toBe('/app/sign-in?sso_error=sso_state_invalid');
    expect(browser.cookie(origin, 'claimdesk_session')).toBeUndefined();
    expect((await signedInAs(browser)).status).toBe(401);
    // The flow is used up: the untampered callback cannot finish it either (and no login was linked).
    callback.searchParams.set('state', (callback.searchParams.get('state') ?? '').slice(0, -1));
    expect(await browser.callback(callback)).toBe('/app/sign-in?sso_error=sso_state_invalid');
    expect(await auditActions(staff.id)).toEqual([]);
  }, 30_000);

  it('a callback without the browser’s flow cookie (another browser) is refused', async () => {
    const staff = await staffUser();
    const subject = person({ email: staff.email, email_verified: true });
    const victim = new Browser();
    const attacker = new Browser();
    const callback = await attacker.throughProvider((await attacker.start()).href, subject);
    expect(await victim.callback(callback)).toBe('/app/sign-in?sso_error=sso_state_invalid');
    expect(victim.cookie(origin, 'claimdesk_session')).toBeUndefined();
  }, 30_000);

  it('a replayed code is refused: by the used-up flow, and by the provider under a fresh state', async () => {
    const staff = await staffUser();
    const subject = person({ email: staff.email, email_verified: true });
    const browser = new Browser();
    const callback = await browser.throughProvider((await browser.start()).href, subject);
    const flowCookie = browser.cookie(origin, 'claimdesk_oidc') ?? '';
    expect(await browser.callback(callback)).toBe('/app/');

    // The same callback again, even with the old flow cookie put back.
    const replay = new Browser();
    replay.jar.set(new URL(origin).host, new Map([['claimdesk_oidc', flowCookie]]));
    expect(await replay.callback(callback)).toBe('/app/sign-in?sso_error=sso_state_invalid');

    // The old code under a new sign-in's valid state: the provider refuses the used code.
    const fresh = new Browser();
    const state = (await fresh.start()).searchParams.get('state') ?? '';
    const forged = new URL(callback);
    forged.searchParams.set('state', state);
    expect(await fresh.callback(forged)).toBe('/app/sign-in?sso_error=sso_code_rejected');
    expect(fresh.cookie(origin, 'claimdesk_session')).toBeUndefined();
    expect(await auditActions(staff.id)).toEqual(['user.sso_linked', 'user.signed_in']);
  }, 30_000);

  it('an ID token whose nonce is not the sign-in’s is refused', async () => {
    const staff = await staffUser();
    const subject = person({ email: staff.email, email_verified: true });
    const browser = new Browser();
    const authorization = await browser.start();
    const { db } = await testDatabase();
    await db
      .updateTable('oidc_sign_in_flows')
      .set({ nonce: 'not-the-nonce-sent' })
      .where('state', '=', authorization.searchParams.get('state') ?? '')
      .execute();
    const callback = await browser.throughProvider(authorization.href, subject);
    expect(await browser.callback(callback)).toBe('/app/sign-in?sso_error=sso_token_invalid');
    expect(await auditActions(staff.id)).toEqual([]);
  }, 30_000);

  it('an identity without a staff login is refused: unknown email, unverified email, a customer', async () => {
    const { db } = await testDatabase();
    const staff = await staffUser();
    const customer = await makeCustomer(db);
    const customerEmail = `sso-customer-${uniqueLetters()}@test.claimdesk.example`;
    const customerUserId = await createUser({
      db,
      actor: systemActor('test'),
      user: {
        email: customerEmail,
        displayName: 'Customer',
        role: 'customer',
        customerId: customer.id,
        passwordHash: 'x',
      },
    });
    const people = [
      person({ email: `nobody-${uniqueLetters()}@test.claimdesk.example`, email_verified: true }),
      person({ email: staff.email, email_verified: false }),
      person({}),
      person({ email: customerEmail, email_verified: true }),
    ];
    for (const subject of people) {
      const browser = new Browser();
      const callback = await browser.throughProvider((await browser.start()).href, subject);
      expect(await browser.callback(callback), subject).toBe('/app/sign-in?sso_error=sso_unknown_user');
      expect((await signedInAs(browser)).status).toBe(401);
    }
    const links = await db
      .selectFrom('users')
      .select(['oidc_subject'])
      .where('id', 'in', [staff.id, customerUserId])
      .execute();
    expect(links.map((l) => l.oidc_subject)).toEqual([null, null]);
  }, 60_000);

  it('a deactivated staff login is refused, linked or not', async () => {
    const fresh = await staffUser({ active: false });
    const browser = new Browser();
    const subject = person({ email: fresh.email, email_verified: true });
    const callback = await browser.throughProvider((await browser.start()).href, subject);
    expect(await browser.callback(callback)).toBe('/app/sign-in?sso_error=sso_account_inactive');

    const linked = await staffUser();
    const linkedSubject = person({ email: linked.email, email_verified: true });
    const first = new Browser();
    expect(await first.callback(await first.throughProvider((await first.start()).href, linkedSubject))).toBe(
      '/app/',
    );
    const { db } = await testDatabase();
    await db.updateTable('users').set({ active: false }).where('id', '=', linked.id).execute();
    const second = new Browser();
    const url = await second.throughProvider((await second.start()).href, linkedSubject);
    expect(await second.callback(url)).toBe('/app/sign-in?sso_error=sso_account_inactive');
    expect((await signedInAs(second)).status).toBe(401);
  }, 30_000);

  it('a provider that cannot be reached sends the browser back with sso_unavailable', async () => {
    const closed = http.createServer();
    const port = await listen(closed);
    await new Promise((resolve) => closed.close(resolve));
    const config = loadConfig({
      LOG_LEVEL: 'silent',
      NODE_ENV: 'test',
      CLAIMDESK_DATA_DIR: 'memory://',
      ...oidcEnv(idp),
      OIDC_ISSUER: `http://127.0.0.1:${port}`,
    });
    const down = await buildApp({ config, database: await testDatabase() });
    try {
      const res = await down.inject({ method: 'GET', url: '/auth/oidc/start' });
      expect(res.statusCode).toBe(303);
      expect(res.headers.location).toBe('/app/sign-in?sso_error=sso_unavailable');
      expect(res.headers['set-cookie']).toBeUndefined();
      expect(res.body).not.toMatch(/ECONNREFUSED|at |stack/);
    } finally {
      await down.close();
    }
  });
});

describe('single sign-on off (no OIDC_ISSUER)', () => {
  it('says so on GET /auth/config and sends the browser back from the start', async () => {
    const plain = await testApp();
    const config = await plain.inject({ method: 'GET', url: '/auth/config' });
    expect(config.json()).toEqual({ sso: { enabled: false, startUrl: null } });
    const start = await plain.inject({ method: 'GET', url: '/auth/oidc/start' });
    expect(start.statusCode).toBe(303);
    expect(start.headers.location).toBe('/app/sign-in?sso_error=sso_off');
    const callback = await plain.inject({ method: 'GET', url: '/auth/oidc/callback?code=x&state=y' });
    expect(callback.headers.location).toBe('/app/sign-in?sso_error=sso_off');
  });
});
