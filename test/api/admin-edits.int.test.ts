import type { FastifyInstance, LightMyRequestResponse } from 'fastify';
import { beforeAll, describe, expect, it } from 'vitest';
import { todayIn } from '../../src/lib/dates.ts';
import { newId } from '../../src/lib/ids.ts';
import { businessCalendar, deadlinePolicy, isBusinessDay } from '../../src/modules/deadlines/index.ts';
import { makeCustomer, makeProduct, TRAVEL_CONFIG } from '../support/factories.ts';
import { type Session, signInAs, testApp } from '../support/test-app.ts';
import { testDatabase } from '../support/test-database.ts';
import { auditEventsBy, expectProblem, fieldErrors, uniqueSuffix } from './api-helpers.ts';

// The administrator's edits of issue 8: retiring a product version, a configurable deadline
// policy's clock and a calendar's extra closed days, and deactivating a login handing its open
// work back to the queues.

let app: FastifyInstance;
let admin: Session;
let auditor: Session;

beforeAll(async () => {
  app = await testApp();
  [admin, auditor] = await Promise.all([signInAs('administrator'), signInAs('auditor')]);
});

const call = (
  s: Session,
  method: 'GET' | 'POST' | 'PATCH' | 'DELETE',
  url: string,
  payload?: Record<string, unknown>,
): Promise<LightMyRequestResponse> =>
  app.inject({ method, url, headers: s.headers, ...(payload === undefined ? {} : { payload }) });

type Version = {
  id: string;
  version: number;
  status: string;
  effectiveFrom: string;
  effectiveTo: string | null;
};

describe('POST /products/{id}/versions/{versionId}/retire', () => {
  it('refuses the only version in force, retires one with a successor from today, audited', async () => {
    const { db } = await testDatabase();
    const { product, version: v1 } = await makeProduct(db);
    const retire = (id: string, body: Record<string, unknown> = {}) =>
      call(admin, 'POST', `/products/${product.id}/versions/${id}/retire`, body);

    const alone = expectProblem(await retire(v1.id), 409, 'product_version_last_in_force');
    expect(alone.gapFrom).toBe(todayIn('Europe/Stockholm'));

    const created = await call(admin, 'POST', `/products/${product.id}/versions`, {
      effectiveFrom: '2021-01-01',
      status: 'active',
      config: TRAVEL_CONFIG,
    });
    expect(created.statusCode, created.body).toBe(201);
    const v2 = created.json() as Version;

    expectProblem(
      await call(auditor, 'POST', `/products/${product.id}/versions/${v1.id}/retire`, {}),
      403,
      'forbidden',
    );
    const past = expectProblem(await retire(v1.id, { retireFrom: '2024-01-01' }), 400, 'validation_failed');
    expect(fieldErrors(past).map((e) => e.code)).toEqual(['in_the_past']);

    const before = await auditEventsBy(admin.userId);
    const res = await retire(v1.id, { reason: 'Replaced by version 2' });
    expect(res.statusCode, res.body).toBe(200);
    const today = todayIn('Europe/Stockholm');
    expect(res.json()).toMatchObject({ id: v1.id, status: 'retired', effectiveTo: today });
    expect(await auditEventsBy(admin.userId)).toBe(before + 1);

    expectProblem(await retire(v1.id), 409, 'product_version_not_retirable');
    expectProblem(await retire(v2.id), 409, 'product_version_last_in_force');
    expectProblem(
      await call(admin, 'POST', `/products/${product.id}/versions/${newId()}/retire`, {}),
      404,
      'not_found',
    );
  });
});

describe('PATCH /deadline-policies/{code}', () => {
  it("changes a company promise's clock with version checking; the law's deadlines are refused", async () => {
    const code = 'internal.referral_standard';
    const read = async () =>
      (
        (await call(auditor, 'GET', '/deadline-policies')).json() as {
          items: {
            code: string;
            version: number;
            clock: { unit: string; amount: number };
            configured: boolean;
          }[];
        }
      ).items.find((p) => p.code === code);
    const start = await read();
    expect(start?.clock).toEqual({ unit: 'business_days', amount: 3 });
    const version = start?.version ?? 0;

    expectProblem(
      await call(auditor, 'PATCH', `/deadline-policies/${code}`, {
        version,
        clock: { unit: 'business_days', amount: 4 },
      }),
      403,
      'forbidden',
    );
    expectProblem(
      await call(admin, 'PATCH', '/deadline-policies/se.fal.claim_payment', {
        version: 0,
        clock: { unit: 'calendar_days', amount: 40 },
      }),
      409,
      'deadline_policy_set_by_law',
    );
    const hours = expectProblem(
      await call(admin, 'PATCH', `/deadline-policies/${code}`, {
        version,
        clock: { unit: 'business_hours', amount: 4 },
      }),
      400,
      'validation_failed',
    );
    expect(fieldErrors(hours).map((e) => e.path)).toEqual([['clock', 'unit']]);
    expectProblem(
      await call(admin, 'PATCH', `/deadline-policies/${code}`, {
        version,
        clock: { unit: 'business_days', amount: 0 },
      }),
      400,
      'validation_failed',
    );

    const before = await auditEventsBy(admin.userId);
    const res = await call(admin, 'PATCH', `/deadline-policies/${code}`, {
      version,
      clock: { unit: 'business_days', amount: 4 },
      reason: 'Departments asked for a day more',
    });
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json()).toMatchObject({
      policy: { code, clock: { unit: 'business_days', amount: 4 }, configured: true, version: version + 1 },
    });
    expect(deadlinePolicy(code).clock).toEqual({ unit: 'business_days', amount: 4 });
    // The edit's own event, and one per live clock it moved (other test files' open referrals in
    // the shared database may have clocks on this policy).
    expect(await auditEventsBy(admin.userId)).toBe(before + 1 + res.json().realignedClocks);
    expectProblem(
      await call(admin, 'PATCH', `/deadline-policies/${code}`, {
        version,
        clock: { unit: 'business_days', amount: 5 },
      }),
      409,
      'version_conflict',
    );
    // Back as shipped, so no other test in this database counts with 4 days.
    const back = await call(admin, 'PATCH', `/deadline-policies/${code}`, {
      version: version + 1,
      clock: { unit: 'business_days', amount: 3 },
    });
    expect(back.statusCode, back.body).toBe(200);
    expect(back.json()).toMatchObject({ policy: { configured: false, version: version + 2 } });
  });
});

describe('business calendar closed days', () => {
  it('closes a working day and opens it again, audited; the engine counts with it at once', async () => {
    // A Wednesday far ahead: no clock of any other test runs that long.
    const date = '2031-03-12';
    const url = '/business-calendars/SE/closed-days';
    expect(isBusinessDay(businessCalendar('SE'), date)).toBe(true);
    expectProblem(await call(auditor, 'POST', url, { date, reason: 'Office move' }), 403, 'forbidden');
    const weekend = expectProblem(
      await call(admin, 'POST', url, { date: '2031-03-15', reason: 'Saturday' }),
      400,
      'validation_failed',
    );
    expect(fieldErrors(weekend).map((e) => e.code)).toEqual(['not_a_working_day']);

    const before = await auditEventsBy(admin.userId);
    const res = await call(admin, 'POST', url, { date, reason: 'Office move' });
    expect(res.statusCode, res.body).toBe(201);
    expect(isBusinessDay(businessCalendar('SE'), date)).toBe(false);
    const year = (await call(auditor, 'GET', '/business-calendars/SE?year=2031')).json() as {
      closedDays: { date: string; kind: string; addedByAdministrator: boolean; reason: string | null }[];
    };
    expect(year.closedDays.find((d) => d.date === date)).toMatchObject({
      kind: 'extra_closed_day',
      addedByAdministrator: true,
      reason: 'Office move',
    });
    expectProblem(await call(admin, 'POST', url, { date, reason: 'Again' }), 400, 'validation_failed');

    const removed = await call(admin, 'POST', `${url}/${date}/reopen`, {});
    expect(removed.statusCode, removed.body).toBe(200);
    expect(isBusinessDay(businessCalendar('SE'), date)).toBe(true);
    expect(await auditEventsBy(admin.userId)).toBe(before + 2);
    expectProblem(await call(admin, 'POST', `${url}/${date}/reopen`, {}), 404, 'not_found');
    // A public holiday is the law's: there is no administrator's day to remove.
    expectProblem(await call(admin, 'POST', `${url}/2031-12-25/reopen`, {}), 404, 'not_found');
  });
});

describe('PATCH /users/{id} deactivating', () => {
  it("gives the login's open work back to its queues, one audit event per item, and says how many", async () => {
    const { db } = await testDatabase();
    const team = `HB${uniqueSuffix().slice(-6)}`;
    await db
      .insertInto('teams')
      .values({ code: team, name: 'Hand-back team', country: 'SE', product_codes: ['-'] })
      .execute();
    const created = await call(admin, 'POST', '/users', {
      email: `leaver.${uniqueSuffix()}@test.claimdesk.example`,
      displayName: 'Lena Leaver',
      role: 'representative',
      team,
      locale: 'sv',
    });
    expect(created.statusCode, created.body).toBe(201);
    const user = created.json() as { id: string; version: number };
    const customer = await makeCustomer(db);
    const item = (kind: 'claim' | 'service_case', open: boolean) => ({
      id: newId(),
      kind,
      subject_id: newId(),
      customer_id: customer.id,
      reference: `REF-${uniqueSuffix()}`,
      summary: 'Hand-back test',
      subject_status: 'in_review',
      open,
      owner_id: user.id,
      team,
      language: 'sv' as const,
      product_code: 'T',
    });
    const items = [
      item('claim', true),
      item('claim', true),
      item('service_case', true),
      item('claim', false),
    ];
    await db.insertInto('work_items').values(items).execute();

    const before = await auditEventsBy(admin.userId);
    const res = await call(admin, 'PATCH', `/users/${user.id}`, { version: user.version, active: false });
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json()).toMatchObject({
      active: false,
      handedBack: { claims: 2, serviceCases: 1, referrals: 0, other: 0, total: 3 },
    });
    // the deactivation itself and one per item handed back
    expect(await auditEventsBy(admin.userId)).toBe(before + 4);
    const rows = await db
      .selectFrom('work_items')
      .select(['id', 'owner_id', 'team', 'open'])
      .where(
        'id',
        'in',
        items.map((i) => i.id),
      )
      .execute();
    const byId = new Map(rows.map((r) => [r.id, r]));
    for (const i of items.slice(0, 3)) expect(byId.get(i.id)).toMatchObject({ owner_id: null, team });
    // a closed item keeps its owner: it is history, not work
    expect(byId.get(items[3]?.id ?? '')).toMatchObject({ owner_id: user.id, open: false });

    const again = await call(admin, 'PATCH', `/users/${user.id}`, {
      version: user.version + 1,
      active: true,
    });
    expect(again.statusCode, again.body).toBe(200);
    expect(again.json()).not.toHaveProperty('handedBack');
  });
});

describe('address change in the portal: postal codes per country', () => {
  it('refuses a malformed Swedish postal code with its path and stores a good one with the space', async () => {
    const { db } = await testDatabase();
    const customer = await makeCustomer(db, {
      email: `addr.${uniqueSuffix()}@test.claimdesk.example`,
      address: { street: 'Gamla gatan 1', postalCode: '111 22', city: 'Stockholm', country: 'SE' },
    });
    const session = await signInAs('customer', { customerId: customer.id });
    const url = `/customers/${customer.id}/account-changes`;
    const send = (postalCode: string, country = 'SE') =>
      app.inject({
        method: 'POST',
        url,
        headers: { ...session.headers, 'idempotency-key': newId() },
        payload: {
          field: 'address',
          newValue: { street: 'Nya vägen 2', postalCode, city: 'Uppsala', country },
        },
      });
    const bad = expectProblem(await send('7531'), 400, 'validation_failed');
    expect(fieldErrors(bad)).toEqual([
      { path: ['newValue', 'postalCode'], pointer: '/newValue/postalCode', code: 'postal_code_format' },
    ]);
    expectProblem(await send('753 21', 'IT'), 400, 'validation_failed');
    const ok = await send('75321');
    expect(ok.statusCode, ok.body).toBe(201);
    expect(ok.json()).toMatchObject({ status: 'applied', newValue: { postalCode: '753 21' } });
    const notices = await db
      .selectFrom('notifications')
      .select(['kind', 'channel', 'recipient'])
      .where('customer_id', '=', customer.id)
      .where('kind', '=', 'account_change.address_changed')
      .execute();
    expect(notices.map((n) => n.channel)).toContain('letter');
  });
});
