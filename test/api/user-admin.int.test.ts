import { randomUUID } from 'node:crypto';
import type { FastifyInstance } from 'fastify';
import { beforeAll, describe, expect, it } from 'vitest';
import { PERMISSION_MATRIX } from '../../src/modules/users/index.ts';
import { type Session, signInAs, testApp } from '../support/test-app.ts';
import { testDatabase } from '../support/test-database.ts';
import { expectProblem, fieldErrors, uniqueSuffix } from './api-helpers.ts';

// User administration: an administrator lists logins with filters, creates a staff login (with a
// password of their own or a generated one shown once), changes its team and role with version
// checking, deactivates it (it can no longer sign in, its sessions end) and reactivates it; cannot
// deactivate or demote themselves; auditors read but change nothing; others read nothing. Every
// change is audited. The permission matrix is served as the server applies it.

let app: FastifyInstance;
let admin: Session;
let auditor: Session;
let supervisor: Session;
let team: string;

beforeAll(async () => {
  app = await testApp();
  const { db } = await testDatabase();
  team = `UA${uniqueSuffix().slice(-6)}`;
  // A team for no product ('-'): a catch-all Swedish team would take the claims other test files
  // in this worker register (and its staff would be assigned them).
  await db
    .insertInto('teams')
    .values({ code: team, name: 'User admin team', country: 'SE', product_codes: ['-'] })
    .execute();
  admin = await signInAs('administrator');
  auditor = await signInAs('auditor');
  supervisor = await signInAs('supervisor');
});

function create(body: Record<string, unknown>, headers: Record<string, string> = {}) {
  return app.inject({
    method: 'POST',
    url: '/users',
    headers: { ...admin.headers, ...headers },
    payload: body,
  });
}

function signIn(email: string, password: string) {
  return app.inject({ method: 'POST', url: '/auth/sign-in', payload: { email, password } });
}

describe('POST /users and PATCH /users/{id}', () => {
  it('creates a representative with a generated password shown once, and a retry does not show it again', async () => {
    const email = `new.rep.${uniqueSuffix()}@test.claimdesk.example`;
    const key = randomUUID();
    const body = { email, displayName: 'Nora Ny', role: 'representative', team, locale: 'sv' };
    const res = await create(body, { 'idempotency-key': key });
    expect(res.statusCode, res.body).toBe(201);
    const created = res.json();
    expect(created).toMatchObject({
      email,
      displayName: 'Nora Ny',
      role: 'representative',
      team,
      active: true,
    });
    expect(created.version).toBe(1);
    expect(created.initialPassword).toMatch(/^[\w-]{24}$/);
    expect((await signIn(email, created.initialPassword)).statusCode).toBe(200);

    const retry = await create(body, { 'idempotency-key': key });
    expect(retry.statusCode).toBe(200);
    expect(retry.headers['idempotent-replayed']).toBe('true');
    expect(retry.json().id).toBe(created.id);
    expect(retry.json().initialPassword).toBeUndefined();
    const { db } = await testDatabase();
    const stored = await db
      .selectFrom('idempotency_keys')
      .select('response_body')
      .where('key', '=', key)
      .executeTakeFirstOrThrow();
    expect(JSON.stringify(stored.response_body)).not.toContain(created.initialPassword);

    const again = await create({ ...body, email: email.toUpperCase() });
    expect(fieldErrors(expectProblem(again, 409, 'user_email_exists'))).toEqual([
      { path: ['email'], pointer: '/email', code: 'duplicate' },
    ]);
  });

  it('refuses an unknown team, a short password, a customer role and unknown fields with their paths', async () => {
    const email = `bad.${uniqueSuffix()}@test.claimdesk.example`;
    const noTeam = await create({ email, displayName: 'No Team', role: 'representative', team: 'NOPE-TEAM' });
    expect(fieldErrors(expectProblem(noTeam, 422, 'team_not_found')).map((e) => e.path)).toEqual([['team']]);
    const bad = await create({ email, displayName: 'X', role: 'customer', password: 'short', extra: 1 });
    const paths = fieldErrors(expectProblem(bad, 400, 'validation_failed')).map((e) => e.path.join('.'));
    expect(paths).toEqual(expect.arrayContaining(['displayName', 'role', 'password']));
  });

  it('changes team and role with version checking, deactivates (no sign-in, sessions end) and reactivates, audited', async () => {
    const email = `rep.${uniqueSuffix()}@test.claimdesk.example`;
    const password = 'a long enough password';
    const res = await create({ email, displayName: 'Rita Rep', role: 'representative', password });
    expect(res.statusCode, res.body).toBe(201);
    const id = res.json().id as string;
    expect(res.json().initialPassword).toBeUndefined();
    const session = (await signIn(email, password)).json().token as string;

    const moved = await app.inject({
      method: 'PATCH',
      url: `/users/${id}`,
      headers: admin.headers,
      payload: { version: 1, team, role: 'supervisor' },
    });
    expect(moved.statusCode, moved.body).toBe(200);
    expect(moved.json()).toMatchObject({ team, role: 'supervisor', version: 2 });
    const stale = await app.inject({
      method: 'PATCH',
      url: `/users/${id}`,
      headers: admin.headers,
      payload: { version: 1, team: null },
    });
    expect(expectProblem(stale, 409, 'version_conflict').currentVersion).toBe(2);

    const off = await app.inject({
      method: 'PATCH',
      url: `/users/${id}`,
      headers: admin.headers,
      payload: { version: 2, active: false },
    });
    expect(off.statusCode, off.body).toBe(200);
    expect(off.json().active).toBe(false);
    expectProblem(await signIn(email, password), 401, 'invalid_credentials');
    const me = await app.inject({
      method: 'GET',
      url: '/auth/me',
      headers: { authorization: `Bearer ${session}` },
    });
    expect(me.statusCode).toBe(401);

    const on = await app.inject({
      method: 'PATCH',
      url: `/users/${id}`,
      headers: admin.headers,
      payload: { version: 3, active: true },
    });
    expect(on.json()).toMatchObject({ active: true, version: 4 });
    expect((await signIn(email, password)).statusCode).toBe(200);
    // The session from before the deactivation stays ended.
    const old = await app.inject({
      method: 'GET',
      url: '/auth/me',
      headers: { authorization: `Bearer ${session}` },
    });
    expect(old.statusCode).toBe(401);

    const { db } = await testDatabase();
    const events = await db
      .selectFrom('audit_events')
      .select(['action', 'data', 'actor_id'])
      .where('entity_id', '=', id)
      .orderBy('seq')
      .execute();
    expect(events.map((e) => e.action)).toEqual([
      'user.created',
      'user.updated',
      'user.deactivated',
      'user.reactivated',
    ]);
    expect(events[1]?.data).toEqual({
      before: { role: 'representative', team: null },
      after: { role: 'supervisor', team },
    });
    expect(new Set(events.map((e) => e.actor_id))).toEqual(new Set([admin.userId]));
    expect(JSON.stringify(events)).not.toContain(password);
  });

  it('an administrator cannot deactivate or demote themselves', async () => {
    for (const payload of [
      { version: 1, active: false },
      { version: 1, role: 'representative' },
    ]) {
      const res = await app.inject({
        method: 'PATCH',
        url: `/users/${admin.userId}`,
        headers: admin.headers,
        payload,
      });
      const problem = expectProblem(res, 403, 'user_self_change_not_allowed');
      expect(problem.detail).toMatch(/another administrator/);
    }
    // Their own name is theirs to change.
    const ok = await app.inject({
      method: 'PATCH',
      url: `/users/${admin.userId}`,
      headers: admin.headers,
      payload: { version: 1, displayName: 'Test administrator' },
    });
    expect(ok.statusCode, ok.body).toBe(200);
  });

  it('only administrators change logins; auditors read them; supervisors neither', async () => {
    expectProblem(
      await app.inject({
        method: 'POST',
        url: '/users',
        headers: auditor.headers,
        payload: { email: `x.${uniqueSuffix()}@test.claimdesk.example`, displayName: 'X Y', role: 'auditor' },
      }),
      403,
      'forbidden',
    );
    expectProblem(
      await app.inject({
        method: 'PATCH',
        url: `/users/${supervisor.userId}`,
        headers: auditor.headers,
        payload: { version: 1, active: false },
      }),
      403,
      'forbidden',
    );
    expectProblem(
      await app.inject({ method: 'GET', url: '/users', headers: supervisor.headers }),
      403,
      'forbidden',
    );
    expectProblem(
      await app.inject({ method: 'GET', url: '/permissions', headers: supervisor.headers }),
      403,
      'forbidden',
    );
    expectProblem(
      await app.inject({
        method: 'PATCH',
        url: `/users/${randomUUID()}`,
        headers: admin.headers,
        payload: { version: 1 },
      }),
      404,
      'not_found',
    );
  });
});

describe('GET /users, /teams, /permissions', () => {
  it('lists logins filtered by role, team and active, staff first, for administrators and auditors', async () => {
    const email = `listed.${uniqueSuffix()}@test.claimdesk.example`;
    const res = await create({ email, displayName: 'Lisa Listed', role: 'department_agent', team });
    expect(res.statusCode, res.body).toBe(201);
    const byTeam = await app.inject({
      method: 'GET',
      url: `/users?team=${team}&role=department_agent&active=true`,
      headers: auditor.headers,
    });
    expect(byTeam.statusCode, byTeam.body).toBe(200);
    expect(byTeam.json().items.map((u: { email: string }) => u.email)).toEqual([email]);
    expect(byTeam.json().total).toBe(1);
    expect(JSON.stringify(byTeam.json())).not.toMatch(/password|argon/i);
    const byName = await app.inject({ method: 'GET', url: '/users?q=lisa%20list', headers: admin.headers });
    expect(byName.json().items.map((u: { email: string }) => u.email)).toContain(email);
    const inactive = await app.inject({
      method: 'GET',
      url: `/users?team=${team}&active=false&role=department_agent`,
      headers: admin.headers,
    });
    expect(inactive.json().items).toEqual([]);
    const page = await app.inject({ method: 'GET', url: '/users?limit=5', headers: admin.headers });
    const roles = page.json().items.map((u: { role: string }) => u.role);
    expect(roles.length).toBeLessThanOrEqual(5);
    const firstCustomer = roles.indexOf('customer');
    if (firstCustomer >= 0)
      expect(roles.slice(firstCustomer).every((r: string) => r === 'customer')).toBe(true);

    const teams = await app.inject({ method: 'GET', url: '/teams', headers: admin.headers });
    expect(teams.json().items).toContainEqual(
      expect.objectContaining({ code: team, name: 'User admin team', country: 'SE' }),
    );
  });

  it('serves the permission matrix as permissions.ts has it, without the system actor', async () => {
    const res = await app.inject({ method: 'GET', url: '/permissions', headers: auditor.headers });
    expect(res.statusCode).toBe(200);
    const matrix = res.json() as { roles: string[]; permissions: { permission: string; roles: string[] }[] };
    expect(matrix.roles).toEqual([
      'customer',
      'representative',
      'supervisor',
      'department_agent',
      'administrator',
      'auditor',
    ]);
    expect(matrix.permissions).toHaveLength(Object.keys(PERMISSION_MATRIX).length);
    expect(matrix.permissions.find((p) => p.permission === 'users:manage')?.roles).toEqual(['administrator']);
    expect(matrix.permissions.find((p) => p.permission === 'inbound:receive')?.roles).toEqual([]);
    expect(JSON.stringify(matrix)).not.toContain('"system"');
  });
});
