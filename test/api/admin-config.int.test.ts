import type { FastifyInstance, LightMyRequestResponse } from 'fastify';
import { beforeAll, describe, expect, it } from 'vitest';
import { newId } from '../../src/lib/ids.ts';
import { makeProduct, TRAVEL_CONFIG } from '../support/factories.ts';
import { type Session, signInAs, testApp } from '../support/test-app.ts';
import { testDatabase } from '../support/test-database.ts';
import { auditEventsBy, expectProblem, fieldErrors } from './api-helpers.ts';

// The administrator's configuration endpoints: activating a draft product version, the deadline
// policies in force, a country's business calendar for a year, and authority limits (read; edit
// with version checking, audited, administrators only).

let app: FastifyInstance;
let admin: Session;
let auditor: Session;
let rep: Session;

beforeAll(async () => {
  app = await testApp();
  [admin, auditor, rep] = await Promise.all([
    signInAs('administrator'),
    signInAs('auditor'),
    signInAs('representative'),
  ]);
});

const call = (
  s: Session,
  method: 'GET' | 'POST' | 'PATCH',
  url: string,
  payload?: Record<string, unknown>,
): Promise<LightMyRequestResponse> =>
  app.inject({ method, url, headers: s.headers, ...(payload === undefined ? {} : { payload }) });

describe('POST /products/{id}/versions/{versionId}/activate', () => {
  it('activates a draft once, audited; a second activation and other roles are refused', async () => {
    const { db } = await testDatabase();
    const { product } = await makeProduct(db);
    const created = await call(admin, 'POST', `/products/${product.id}/versions`, {
      effectiveFrom: '2027-01-01',
      config: { ...TRAVEL_CONFIG, straightThroughLimitMinor: 100_000 },
    });
    expect(created.statusCode, created.body).toBe(201);
    const draft = created.json() as { id: string; status: string; version: number };
    expect(draft).toMatchObject({ status: 'draft', version: 2 });
    const url = `/products/${product.id}/versions/${draft.id}/activate`;

    expectProblem(await call(rep, 'POST', url, {}), 403, 'forbidden');
    const before = await auditEventsBy(admin.userId);
    const res = await call(admin, 'POST', url, {});
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json()).toMatchObject({ id: draft.id, status: 'active', version: 2 });
    expect(await auditEventsBy(admin.userId)).toBe(before + 1);
    expectProblem(await call(admin, 'POST', url, {}), 409, 'product_version_not_draft');

    const other = await makeProduct(db);
    expectProblem(
      await call(admin, 'POST', `/products/${other.product.id}/versions/${draft.id}/activate`, {}),
      404,
      'not_found',
    );
    const read = await call(auditor, 'GET', `/products/${product.id}`);
    expect((read.json() as { versions: { status: string }[] }).versions.map((v) => v.status)).toEqual([
      'active',
      'active',
    ]);
  });

  it('lists every invalid path of a configuration at once', async () => {
    const { db } = await testDatabase();
    const { product } = await makeProduct(db);
    const res = await call(admin, 'POST', `/products/${product.id}/versions`, {
      effectiveFrom: '2027-01-01',
      config: {
        ...TRAVEL_CONFIG,
        covers: [{ ...TRAVEL_CONFIG.covers[0], clause: '4.1' }, TRAVEL_CONFIG.covers[1]],
        premiumTerms: { graceDays: 90, lapseAfterDays: 60 },
      },
    });
    const problem = expectProblem(res, 422, 'product_config_invalid');
    expect(fieldErrors(problem).map((e) => e.path.join('.'))).toEqual(
      expect.arrayContaining(['config.covers.0.clause', 'config.premiumTerms.graceDays']),
    );
  });
});

describe('GET /deadline-policies and /business-calendars/{country}', () => {
  it('shows the policies in force with their sources to auditors, not to representatives', async () => {
    const res = await call(auditor, 'GET', '/deadline-policies');
    expect(res.statusCode, res.body).toBe(200);
    const items = (res.json() as { items: { code: string; source: string; configurable: boolean }[] }).items;
    const fal = items.find((p) => p.code === 'se.fal.claim_payment');
    expect(fal).toMatchObject({
      configurable: false,
      clock: { unit: 'calendar_months', amount: 1 },
      pausesWhileAwaitingCustomer: true,
      label: { en: 'Claim payment (one month)' },
    });
    expect(fal?.source).toMatch(/2005:104/);
    expect(items.find((p) => p.code === 'internal.claim_decision')?.configurable).toBe(true);
    expectProblem(await call(rep, 'GET', '/deadline-policies'), 403, 'forbidden');
  });

  it("gives Sweden's 2026 calendar with midsommarafton closed and named in three languages", async () => {
    const res = await call(admin, 'GET', '/business-calendars/SE?year=2026');
    expect(res.statusCode, res.body).toBe(200);
    const cal = res.json() as {
      timeZone: string;
      officeHours: Record<string, unknown>;
      closedDays: { date: string; kind: string; name: { sv: string; en: string } | null }[];
    };
    expect(cal.timeZone).toBe('Europe/Stockholm');
    expect(cal.officeHours).toMatchObject({ mon: { opens: '08:00', closes: '17:00' }, sat: null });
    expect(cal.closedDays.find((d) => d.date === '2026-06-19')).toMatchObject({
      kind: 'extra_closed_day',
      name: { sv: 'midsommarafton', en: 'Midsummer Eve' },
    });
    expect(cal.closedDays.find((d) => d.date === '2026-12-25')).toMatchObject({ kind: 'public_holiday' });
    const it2026 = (await call(admin, 'GET', '/business-calendars/IT?year=2026')).json() as typeof cal;
    expect(it2026.closedDays.map((d) => d.date)).toContain('2026-06-02');
    expectProblem(await call(admin, 'GET', '/business-calendars/DE?year=2026'), 400, 'validation_failed');
    expectProblem(await call(admin, 'GET', '/business-calendars/SE?year=1800'), 400, 'validation_failed');
  });
});

describe('GET and PATCH /authority-limits', () => {
  async function ownLimit() {
    const { db } = await testDatabase();
    const holder = await signInAs('representative');
    const id = newId();
    await db
      .insertInto('authority_limits')
      .values({
        id,
        role: null,
        user_id: holder.userId,
        product_code: 'SE-TRAVEL',
        currency: 'SEK',
        max_amount_minor: 1_000_000,
        own_registration_max_minor: 200_000,
        causes: ['illness'],
        may_deny: false,
      })
      .execute();
    return { id, holder };
  }

  type Limit = { id: string; version: string; maxAmountMinor: number; user: { id: string } | null };

  it('lists limits with the holder, and an administrator edits one with its version', async () => {
    const { id, holder } = await ownLimit();
    const list = await call(auditor, 'GET', '/authority-limits');
    expect(list.statusCode, list.body).toBe(200);
    const row = (list.json() as { items: Limit[] }).items.find((l) => l.id === id);
    expect(row).toMatchObject({
      role: null,
      user: { id: holder.userId, displayName: 'Test representative' },
      productCode: 'SE-TRAVEL',
      currency: 'SEK',
      maxAmountMinor: 1_000_000,
      ownRegistrationMaxMinor: 200_000,
      causes: ['illness'],
      mayDeny: false,
    });
    const version = row?.version ?? '';

    expectProblem(
      await call(auditor, 'PATCH', `/authority-limits/${id}`, { version, maxAmountMinor: 1 }),
      403,
      'forbidden',
    );
    const before = await auditEventsBy(admin.userId);
    const res = await call(admin, 'PATCH', `/authority-limits/${id}`, {
      version,
      maxAmountMinor: 1_500_000,
      causes: null,
      mayDeny: true,
    });
    expect(res.statusCode, res.body).toBe(200);
    const updated = res.json() as Limit & { causes: unknown; mayDeny: boolean };
    expect(updated).toMatchObject({ maxAmountMinor: 1_500_000, causes: null, mayDeny: true });
    expect(updated.version).not.toBe(version);
    expect(await auditEventsBy(admin.userId)).toBe(before + 1);

    // The old version is stale now: refused, and nothing changes.
    expectProblem(
      await call(admin, 'PATCH', `/authority-limits/${id}`, { version, maxAmountMinor: 9 }),
      409,
      'version_conflict',
    );
    const { db } = await testDatabase();
    const stored = await db
      .selectFrom('authority_limits')
      .select(['max_amount_minor', 'causes'])
      .where('id', '=', id)
      .executeTakeFirstOrThrow();
    expect({ max: Number(stored.max_amount_minor), causes: stored.causes }).toEqual({
      max: 1_500_000,
      causes: null,
    });
  });

  it('refuses an own-registration cap above the maximum, unknown fields and unknown ids', async () => {
    const { id } = await ownLimit();
    const list = (await call(admin, 'GET', '/authority-limits')).json() as { items: Limit[] };
    const version = list.items.find((l) => l.id === id)?.version ?? '';
    const problem = expectProblem(
      await call(admin, 'PATCH', `/authority-limits/${id}`, { version, ownRegistrationMaxMinor: 2_000_000 }),
      400,
      'validation_failed',
    );
    expect(fieldErrors(problem).map((e) => e.path)).toEqual([['ownRegistrationMaxMinor']]);
    expect(
      (await call(admin, 'PATCH', `/authority-limits/${id}`, { version, currency: 'EUR' })).statusCode,
    ).toBe(400);
    expectProblem(
      await call(admin, 'PATCH', `/authority-limits/${newId()}`, { version, maxAmountMinor: 1 }),
      404,
      'not_found',
    );
    expectProblem(await call(rep, 'GET', '/authority-limits'), 403, 'forbidden');
  });
});
