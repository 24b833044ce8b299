import { createHash, randomBytes } from 'node:crypto';
import { type Kysely, sql } from 'kysely';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { todayIn } from '../../lib/dates.ts';
import { validateNationalId } from '../../lib/national-id/index.ts';
import { verifyAuditChain } from '../../modules/audit/index.ts';
import { listPayments, PAYMENT_TRANSITIONS, validateAgainstXsd } from '../../modules/payments/index.ts';
import {
  derivePremiumStatus,
  type PremiumSchedule,
  type PremiumStatus,
} from '../../modules/policies/index.ts';
import { ProductConfigSchema } from '../../modules/products/index.ts';
import { signIn } from '../../modules/users/index.ts';
import { type Database, openDatabase } from '../connection.ts';
import { migrate } from '../migrate.ts';
import type { DB } from '../schema.ts';
import { DEMO_EMAIL_DOMAIN } from './demo-people.ts';
import { planDemo } from './demo-plan.ts';
import { DEMO_PASSWORD, DEMO_USERS, isDatabaseEmpty, seedDemo } from './seed-demo.ts';

// The demo seed writes ~1 000 customers, so it must not run in the shared test database (other
// tests count and search customers there). Each seed gets a database of its own: a fresh
// in-memory PGlite, or, when DATABASE_URL names a PostgreSQL server (CI's second pass), a
// throw-away database created on that server and dropped afterwards.

type Fresh = { database: Database; drop: () => Promise<void> };

async function adminQuery(url: string, statement: string): Promise<void> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    await client.query(statement);
  } finally {
    await client.end();
  }
}

async function freshDatabase(): Promise<Fresh> {
  const url = process.env.DATABASE_URL;
  if (!url) {
    const database = await openDatabase({ dataDir: 'memory://' });
    await migrate(database);
    return { database, drop: () => database.close() };
  }
  const name = `claimdesk_seed_${randomBytes(6).toString('hex')}`;
  await adminQuery(url, `CREATE DATABASE ${name}`);
  const own = new URL(url);
  own.pathname = `/${name}`;
  const database = await openDatabase({ databaseUrl: own.toString(), dataDir: 'memory://' });
  await migrate(database);
  return {
    database,
    drop: async () => {
      await database.close();
      await adminQuery(url, `DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
    },
  };
}

/** Everything a demo walkthrough or screenshot depends on, without ids and timestamps. Readable
 * numbers carry the year of seeding, which is masked so a run across New Year cannot flake. */
async function projection(db: Kysely<DB>) {
  const year = (s: string) => s.replace(/-\d{4}-/, '-YYYY-');
  const customers = await db
    .selectFrom('customers')
    .select([
      'national_id_country',
      'national_id',
      'given_name',
      'family_name',
      'customer_number',
      'preferred_language',
      'email',
      'phone',
      'address',
      'birth_date',
    ])
    .orderBy('national_id_country')
    .orderBy('national_id')
    .execute();
  const policies = await db
    .selectFrom('policies')
    .innerJoin('customers', 'customers.id', 'policies.customer_id')
    .innerJoin('products', 'products.id', 'policies.product_id')
    .select([
      'policies.policy_number',
      'customers.national_id',
      'products.code',
      'policies.starts_on',
      'policies.ends_on',
      'policies.premium_schedule',
      'policies.declared_annual_income_minor',
    ])
    .orderBy('policies.policy_number')
    .execute();
  const payments = await db
    .selectFrom('premium_payments')
    .select(['paid_on', 'amount_minor', 'currency', 'reference'])
    .orderBy('reference')
    .execute();
  const claims = await db
    .selectFrom('claims')
    .innerJoin('customers', 'customers.id', 'claims.customer_id')
    .leftJoin('users', 'users.id', 'claims.registered_by')
    .select([
      'claims.claim_number',
      'customers.national_id',
      'claims.channel',
      'claims.incident_date',
      'claims.description',
      'claims.total_claimed_minor',
      'claims.external_ref',
      'users.email as registered_by',
    ])
    .orderBy('claims.claim_number')
    .execute();
  const lines = await db
    .selectFrom('claim_lines')
    .innerJoin('claims', 'claims.id', 'claim_lines.claim_id')
    .select([
      'claims.claim_number',
      'claim_lines.line_no',
      'claim_lines.benefit_code',
      'claim_lines.description',
      'claim_lines.service_date',
      'claim_lines.amount_minor',
      'claim_lines.provider',
    ])
    .orderBy('claims.claim_number')
    .orderBy('claim_lines.line_no')
    .execute();
  const orders = await db
    .selectFrom('payment_orders as p')
    .innerJoin('claims', 'claims.id', 'p.claim_id')
    .leftJoin('payment_batches as b', 'b.id', 'p.batch_id')
    .select([
      'p.payment_number',
      'claims.claim_number',
      'claims.status as claim_status',
      'p.status',
      'p.currency',
      'p.principal_minor',
      'p.hold_reasons',
      'p.reason_code',
      'b.batch_number',
    ])
    .orderBy('p.payment_number')
    .execute();
  return {
    customers: customers.map((c) => ({ ...c, customer_number: year(c.customer_number) })),
    policies: policies.map((p) => ({ ...p, policy_number: year(p.policy_number) })),
    payments: payments.map((p) => ({ ...p, reference: year(p.reference ?? '') })),
    claims: claims.map((c) => ({ ...c, claim_number: year(c.claim_number) })),
    lines: lines.map((l) => ({ ...l, claim_number: year(l.claim_number) })),
    orders: orders.map((o) => ({
      ...o,
      payment_number: year(o.payment_number),
      claim_number: year(o.claim_number),
      batch_number: o.batch_number && year(o.batch_number),
    })),
  };
}

/** Today in the demo's countries (Sweden and Italy share the date), the default anchor. */
const TODAY = todayIn('Europe/Stockholm');
/** A past anchor early in a year, where the sickness memberships began the year before. */
const PAST = '2026-02-28';

type ProductCode = 'SE-TRAVEL' | 'IT-HEALTH' | 'SE-SICKNESS';
type PremiumState = PremiumStatus['state'];

/** Each customer login's premium situation on the anchor date, as its note in DEMO_USERS says. */
const PERSONA_STATES: Record<string, Partial<Record<ProductCode, PremiumState>>> = {
  'customer.se': { 'SE-TRAVEL': 'paid', 'SE-SICKNESS': 'paid' },
  'customer.it': { 'IT-HEALTH': 'paid' },
  'customer.en': { 'SE-TRAVEL': 'paid' },
  'customer.se.grace': { 'SE-TRAVEL': 'grace_period', 'SE-SICKNESS': 'paid' },
  'customer.se.overdue': { 'SE-SICKNESS': 'overdue' },
  'customer.se.lapsed': { 'SE-TRAVEL': 'lapsed' },
  'customer.it.grace': { 'IT-HEALTH': 'grace_period' },
  'customer.it.overdue': { 'IT-HEALTH': 'overdue' },
  'customer.it.lapsed': { 'IT-HEALTH': 'lapsed' },
  'customer.it.en': { 'IT-HEALTH': 'paid' },
};

type Seeded = Fresh & { anchor: string; summary: Record<string, number>; seconds: number };

async function seedInto(anchor: string): Promise<Seeded> {
  const fresh = await freshDatabase();
  expect(await isDatabaseEmpty(fresh.database.db)).toBe(true);
  const started = performance.now();
  const summary = await seedDemo(fresh.database.db, { anchor });
  const seconds = (performance.now() - started) / 1000;
  console.info(`demo seed as of ${anchor}: ${seconds.toFixed(1)} s`, summary);
  return { ...fresh, anchor, summary, seconds };
}

/** Every policy's premium state as of `asOf`, derived by the application's own rule. */
async function premiumStates(db: Kysely<DB>, asOf: string) {
  const policies = await db
    .selectFrom('policies')
    .innerJoin('product_versions', 'product_versions.id', 'policies.product_version_id')
    .innerJoin('products', 'products.id', 'policies.product_id')
    .select([
      'policies.id',
      'policies.customer_id',
      'policies.starts_on',
      'policies.ends_on',
      'policies.premium_schedule',
      'policies.declared_annual_income_minor',
      'products.code',
      'products.kind',
      'product_versions.config',
    ])
    .execute();
  const payments = await db
    .selectFrom('premium_payments')
    .select(['policy_id', 'paid_on', 'amount_minor', 'currency'])
    .execute();
  const paidBy = new Map<string, { paidOn: string; amountMinor: number; currency: string }[]>();
  for (const p of payments) {
    const list = paidBy.get(p.policy_id) ?? [];
    list.push({ paidOn: p.paid_on, amountMinor: p.amount_minor, currency: p.currency });
    paidBy.set(p.policy_id, list);
  }
  return policies.map((p) => ({
    ...p,
    state: derivePremiumStatus({
      schedule: p.premium_schedule as PremiumSchedule,
      policy: { startsOn: p.starts_on, endsOn: p.ends_on },
      payments: paidBy.get(p.id) ?? [],
      terms: ProductConfigSchema.parse(p.config).premiumTerms,
      asOf,
    }).state,
  }));
}

/** Each customer login's policies and their premium states as of `asOf`, by login. */
async function personaStates(db: Kysely<DB>, asOf: string) {
  const policies = await premiumStates(db, asOf);
  const logins = await db
    .selectFrom('users')
    .select(['email', 'customer_id'])
    .where('role', '=', 'customer')
    .execute();
  return Object.fromEntries(
    logins.map((l) => [
      l.email.replace(`@${DEMO_EMAIL_DOMAIN}`, ''),
      Object.fromEntries(
        policies.filter((p) => p.customer_id === l.customer_id).map((p) => [p.code, p.state]),
      ),
    ]),
  );
}

/** Every stored date that lies after the anchor (there should be none), as "what: date". */
async function datesAfter(db: Kysely<DB>, anchor: string): Promise<string[]> {
  const found: string[] = [];
  const check = (what: string, date: string | null | undefined) => {
    if (date && date > anchor) found.push(`${what}: ${date}`);
  };
  for (const c of await db.selectFrom('customers').select(['national_id', 'birth_date']).execute())
    check(`birth date of ${c.national_id}`, c.birth_date);
  for (const v of await db.selectFrom('product_versions').select(['id', 'effective_from']).execute())
    check(`product version ${v.id} in force from`, v.effective_from);
  for (const p of await db
    .selectFrom('policies')
    .select(['policy_number', 'starts_on', 'premium_schedule'])
    .execute()) {
    check(`start of ${p.policy_number}`, p.starts_on);
    check(`first due date of ${p.policy_number}`, (p.premium_schedule as PremiumSchedule).firstDueDate);
  }
  for (const i of await db.selectFrom('policy_insured_persons').select(['full_name', 'birth_date']).execute())
    check(`birth date of insured ${i.full_name}`, i.birth_date);
  for (const p of await db.selectFrom('premium_payments').select(['reference', 'paid_on']).execute())
    check(`payment ${p.reference}`, p.paid_on);
  for (const c of await db.selectFrom('claims').select(['claim_number', 'incident_date']).execute())
    check(`incident of ${c.claim_number}`, c.incident_date);
  for (const l of await db.selectFrom('claim_lines').select(['claim_id', 'service_date']).execute())
    check(`service on a line of ${l.claim_id}`, l.service_date);
  return found;
}

it('names every customer login in the expected persona states, as their notes describe', () => {
  const personas = DEMO_USERS.filter((u) => u.persona);
  expect(personas.map((u) => u.email.replace(`@${DEMO_EMAIL_DOMAIN}`, '')).sort()).toEqual(
    Object.keys(PERSONA_STATES).sort(),
  );
  const code = { travel: 'SE-TRAVEL', health: 'IT-HEALTH', sickness: 'SE-SICKNESS' } as const;
  const words: Record<PremiumState, string> = {
    paid: 'paid up',
    grace_period: 'grace period',
    overdue: 'overdue',
    lapsed: 'lapsed',
  };
  for (const u of personas) {
    const expected = PERSONA_STATES[u.email.replace(`@${DEMO_EMAIL_DOMAIN}`, '')] ?? {};
    const planned = Object.fromEntries(
      Object.entries(u.persona?.policies ?? {}).map(([k, v]) => [code[k as keyof typeof code], v]),
    );
    expect(planned, u.email).toEqual(expected);
    // The note names the situation the login is for (the first product's for two-product logins).
    const shown = Object.values(expected).find((s) => s !== 'paid') ?? 'paid';
    expect(u.note, u.email).toContain(words[shown]);
  }
});

it('plans the same demo for the same anchor, and the same people whatever the anchor', () => {
  const a = planDemo(PAST);
  expect(planDemo(PAST)).toEqual(a);
  const b = planDemo('2025-06-30');
  const who = (plan: typeof a) =>
    plan.customers.map((c) => [c.input.nationalId, c.input.givenName, c.input.familyName, c.birthDate]);
  expect(who(b)).toEqual(who(a));
  expect(b.customers.flatMap((c) => c.policies.map((p) => p.startsOn))).not.toEqual(
    a.customers.flatMap((c) => c.policies.map((p) => p.startsOn)),
  );
  expect(() => planDemo('2026-02-30')).toThrow(RangeError);
  expect(() => planDemo('2024-12-31')).toThrow(RangeError);
});

it('refuses an anchor after today', async () => {
  const fresh = await freshDatabase();
  try {
    const tomorrow = new Date(Date.now() + 2 * 86_400_000);
    await expect(
      seedDemo(fresh.database.db, { anchor: todayIn('Europe/Stockholm', tomorrow) }),
    ).rejects.toThrow(/after today/);
    expect(await isDatabaseEmpty(fresh.database.db)).toBe(true);
  } finally {
    await fresh.drop();
  }
});

describe(`demo seed as of today (${TODAY})`, () => {
  let seeded: Seeded;
  let db: Kysely<DB>;

  beforeAll(async () => {
    seeded = await seedInto(TODAY);
    db = seeded.database.db;
  }, 120_000);

  afterAll(async () => {
    await seeded?.drop();
  });

  it('creates the demo organisation, in counts that match the database', async () => {
    const { summary } = seeded;
    expect(await isDatabaseEmpty(db)).toBe(false);
    const count = async (table: keyof DB) =>
      Number(
        (
          await db
            .selectFrom(table)
            .select((eb) => eb.fn.countAll<number>().as('n'))
            .executeTakeFirstOrThrow()
        ).n,
      );
    expect(summary).toEqual({
      products: await count('products'),
      customers: await count('customers'),
      policies: await count('policies'),
      premiumPayments: await count('premium_payments'),
      claims: await count('claims'),
      claimLines: await count('claim_lines'),
      users: await count('users'),
      authorityLimits: await count('authority_limits'),
      deadlineAlerts: await count('deadline_alerts'),
      departments: await count('departments'),
      bankAccounts: await count('customer_bank_accounts'),
      accountChanges: await count('account_change_requests'),
      complaints: await count('complaints'),
      // complaints and account changes are service cases too (payment returns are counted in)
      serviceCases:
        (await count('service_cases')) -
        (await count('complaints')) -
        (await count('account_change_requests')),
      caseMessages: await count('case_messages'),
      paymentOrders: await count('payment_orders'),
      paymentBatches: await count('payment_batches'),
      bankNotifications: await count('bank_notifications'),
    });
    expect(summary.products).toBe(3);
    expect(summary.customers).toBe(1000);
    expect(summary.policies).toBeGreaterThanOrEqual(1000);
    expect(summary.policies).toBeLessThanOrEqual(1500);
    expect(summary.premiumPayments).toBeGreaterThanOrEqual(3000);
    expect(summary.premiumPayments).toBeLessThanOrEqual(10_000);
    expect(summary.claims).toBeGreaterThanOrEqual(250);
    expect(summary.claims).toBeLessThanOrEqual(400);
    expect(summary.claimLines).toBeGreaterThan(summary.claims ?? 0);
    expect(summary.users).toBe(DEMO_USERS.length);

    const byCountry = await db
      .selectFrom('customers')
      .select(['country', 'preferred_language'])
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .groupBy(['country', 'preferred_language'])
      .execute();
    const n = (country: string, lang?: string) =>
      byCountry
        .filter((r) => r.country === country && (!lang || r.preferred_language === lang))
        .reduce((sum, r) => sum + Number(r.n), 0);
    expect(n('SE')).toBe(600);
    expect(n('IT')).toBe(400);
    expect(n('SE', 'sv')).toBeGreaterThan(500);
    expect(n('IT', 'it')).toBeGreaterThan(330);
    expect(n('SE', 'en')).toBeGreaterThan(0);
    expect(n('IT', 'en')).toBeGreaterThan(0);
  });

  it('gives every customer a valid, unique national identity number that matches the birth date', async () => {
    const customers = await db
      .selectFrom('customers')
      .select(['national_id', 'national_id_country', 'birth_date'])
      .execute();
    for (const c of customers) {
      const result = validateNationalId(c.national_id_country, c.national_id);
      expect(result, `${c.national_id_country} ${c.national_id}`).toMatchObject({
        ok: true,
        value: { normalized: c.national_id, birthDate: c.birth_date },
      });
    }
    expect(new Set(customers.map((c) => `${c.national_id_country}:${c.national_id}`)).size).toBe(
      customers.length,
    );
  });

  it('has the three products, each with a valid active configuration', async () => {
    const rows = await db
      .selectFrom('products')
      .innerJoin('product_versions', 'product_versions.product_id', 'products.id')
      .select(['products.code', 'products.kind', 'products.currency', 'product_versions.status', 'config'])
      .orderBy('products.code')
      .execute();
    expect(rows.map((r) => [r.code, r.kind, r.currency, r.status])).toEqual([
      ['IT-HEALTH', 'insurance', 'EUR', 'active'],
      ['SE-SICKNESS', 'benefit_programme', 'SEK', 'active'],
      ['SE-TRAVEL', 'insurance', 'SEK', 'active'],
    ]);
    const configs = Object.fromEntries(rows.map((r) => [r.code, ProductConfigSchema.parse(r.config)]));
    expect(configs['SE-SICKNESS']?.dailyBenefit).toMatchObject({ incomeSharePermille: 800, waitingDays: 1 });
    expect(configs['IT-HEALTH']?.premiumTerms).toEqual({ graceDays: 15, lapseAfterDays: 180 });
    expect(configs['SE-TRAVEL']?.covers.map((c) => c.benefitCode)).toEqual([
      'MEDICAL_EXPENSES',
      'TRIP_CANCELLATION',
      'LUGGAGE_DELAY',
      'LUGGAGE_LOSS',
    ]);
  });

  it('builds premium histories in every state as of today, and each login in its described situation', async () => {
    const policies = await premiumStates(db, TODAY);
    const states: Record<string, number> = {};
    for (const p of policies) {
      states[p.state] = (states[p.state] ?? 0) + 1;
      // In force on the anchor date, period-wise (premium status aside).
      expect(p.starts_on <= TODAY && p.ends_on > TODAY, `${p.starts_on}..${p.ends_on}`).toBe(true);
      // Benefit-programme memberships carry the income the daily benefit is based on.
      if (p.kind === 'benefit_programme') expect(p.declared_annual_income_minor).toBeGreaterThan(0);
    }
    expect(Object.keys(states).sort()).toEqual(['grace_period', 'lapsed', 'overdue', 'paid']);
    expect(states.paid ?? 0).toBeGreaterThan(policies.length * 0.7);
    expect(await personaStates(db, TODAY)).toEqual(PERSONA_STATES);
  });

  it('dates nothing after today', async () => {
    expect(await datesAfter(db, TODAY)).toEqual([]);
  });

  it('registers claims in the policy currency, with consistent totals', async () => {
    const claims = await db
      .selectFrom('claims')
      .innerJoin('policies', 'policies.id', 'claims.policy_id')
      .select([
        'claims.id',
        'claims.customer_id',
        'claims.currency',
        'claims.total_claimed_minor',
        'claims.channel',
        'claims.registered_by',
        'policies.customer_id as holder',
        'policies.currency as policy_currency',
      ])
      .execute();
    const lines = await db
      .selectFrom('claim_lines')
      .select(['claim_id', 'amount_minor', 'currency'])
      .execute();
    const users = new Map(
      (await db.selectFrom('users').select(['id', 'role', 'customer_id']).execute()).map((u) => [u.id, u]),
    );
    const channels = new Set<string>();
    for (const c of claims) {
      channels.add(c.channel);
      expect(c.customer_id).toBe(c.holder);
      expect(c.currency).toBe(c.policy_currency);
      const own = lines.filter((l) => l.claim_id === c.id);
      expect(own.length).toBeGreaterThan(0);
      expect(own.reduce((sum, l) => sum + l.amount_minor, 0)).toBe(c.total_claimed_minor);
      for (const l of own) expect(l.currency).toBe(c.currency);
      // Portal claims were filed by the customer's own login; the desk's by a representative.
      const by = c.registered_by ? users.get(c.registered_by) : undefined;
      if (c.channel === 'portal') expect(by).toMatchObject({ role: 'customer', customer_id: c.customer_id });
      if (['phone', 'email', 'letter'].includes(c.channel)) expect(by?.role).toBe('representative');
    }
    expect([...channels].sort()).toEqual(['api', 'email', 'import', 'letter', 'phone', 'portal']);
    expect(lines.length).toBeGreaterThan(claims.length); // some claims have several lines
  });

  it("assesses every claim, explaining it in the customer's language, and decides clean small ones straight through", async () => {
    const rows = await db
      .selectFrom('claims')
      .innerJoin('customers', 'customers.id', 'claims.customer_id')
      .innerJoin('claim_assessments', 'claim_assessments.claim_id', 'claims.id')
      .select([
        'claims.status',
        'customers.preferred_language',
        'claim_assessments.recommendation',
        'claim_assessments.result',
      ])
      .execute();
    expect(rows).toHaveLength(300);
    const citation = {
      sv: 'i försäkringsvillkoren',
      it: 'delle Condizioni di Assicurazione',
      en: 'of the policy terms',
    } as const;
    for (const row of rows) {
      const explanation = (row.result as { explanation: { text: string; clause: string | null }[] })
        .explanation;
      expect(explanation.length).toBeGreaterThan(0);
      const cited = explanation.filter((e) => e.clause !== null);
      for (const e of cited) expect(e.text).toContain(citation[row.preferred_language]);
    }
    const recommendations = new Set(rows.map((r) => r.recommendation));
    for (const r of ['approve', 'deny', 'request_information']) expect(recommendations).toContain(r);
    const straightThrough = rows.filter((r) => r.status === 'approved').length;
    expect(straightThrough).toBeGreaterThan(50);
    expect(straightThrough).toBeLessThan(300);
  });

  it('lets every demo user sign in with the demo password', async () => {
    for (const user of DEMO_USERS) {
      const session = await signIn({ db, email: user.email, password: DEMO_PASSWORD, ttlHours: 1 });
      expect(session.actor, user.email).toMatchObject({ kind: 'user', role: user.role });
      if (user.role === 'customer') expect(session.actor).toMatchObject({ customerId: expect.any(String) });
    }
    await expect(
      signIn({ db, email: 'rep.se@claimdesk.example', password: 'wrong-password', ttlHours: 1 }),
    ).rejects.toMatchObject({ code: 'invalid_credentials' });
  });

  it('leaves an unbroken audit trail, including the batched premium payment events', async () => {
    const chains = await db.selectFrom('audit_events').select('chain').distinct().execute();
    expect(chains.length).toBe(1001); // one per customer, and the system chain
    for (const { chain } of chains) {
      const verdict = await verifyAuditChain(db, chain);
      expect(verdict, chain).toMatchObject({ ok: true });
    }
    const payments = await db
      .selectFrom('audit_events')
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .where('action', '=', 'premium.payment_recorded')
      .executeTakeFirstOrThrow();
    expect(Number(payments.n)).toBe(seeded.summary.premiumPayments);
  });

  describe('payments (issue 7)', () => {
    const paymentsAgent = async () =>
      (await signIn({ db, email: `payments@${DEMO_EMAIL_DOMAIN}`, password: DEMO_PASSWORD, ttlHours: 1 }))
        .actor;

    it('shows the payments desk an order in every state a payment rests in, each listed by GET /payments?status=', async () => {
      const rows = await db
        .selectFrom('payment_orders')
        .select(['status'])
        .select((eb) => eb.fn.countAll<number>().as('n'))
        .groupBy('status')
        .execute();
      const byStatus = Object.fromEntries(rows.map((r) => [r.status, Number(r.n)]));
      console.info('demo payment orders by status', byStatus);
      // Every state but the transient 'batched' (released at once) and 'cancelled' (nobody did).
      const resting = Object.keys(PAYMENT_TRANSITIONS).filter((s) => s !== 'batched' && s !== 'cancelled');
      expect(Object.keys(byStatus).sort()).toEqual(resting.sort());
      expect(byStatus).toMatchObject({ held: 1, returned: 1, rejected: 1, ready: 2 });
      expect(byStatus.sent).toBeGreaterThanOrEqual(2);
      expect(byStatus.sent).toBeLessThanOrEqual(4);
      const released = (byStatus.settled ?? 0) + (byStatus.sent ?? 0) + 2;
      expect(byStatus.settled).toBeGreaterThan(released * 0.7);
      expect(byStatus.awaiting_account).toBeGreaterThan(50);
      const actor = await paymentsAgent();
      for (const status of resting) {
        const page = await listPayments({ db, actor, query: { status: status as never, limit: 200 } });
        expect(page.items.length, status).toBe(Math.min(200, byStatus[status] ?? 0));
      }
    });

    it('releases a SEK and a EUR batch, made by the payments agent, whose stored pain.001 files pass their schemas', async () => {
      const batches = await db
        .selectFrom('payment_batches as b')
        .innerJoin('users as u', 'u.id', 'b.created_by')
        .selectAll('b')
        .select('u.email as creator')
        .orderBy('b.batch_number')
        .execute();
      expect(batches.map((b) => [b.currency, b.status, b.creator])).toEqual([
        ['SEK', 'released', `payments@${DEMO_EMAIL_DOMAIN}`],
        ['EUR', 'released', `payments@${DEMO_EMAIL_DOMAIN}`],
      ]);
      for (const b of batches) {
        const xml = b.file_xml ?? '';
        expect(createHash('sha256').update(xml, 'utf8').digest('hex')).toBe(b.file_sha256);
        const schemas =
          b.currency === 'EUR'
            ? (['pain.001.001.09', 'pain.001.001.09.epc'] as const)
            : (['pain.001.001.09'] as const);
        for (const schema of schemas) {
          expect(await validateAgainstXsd(xml, schema), `${b.batch_number} ${schema}`).toEqual({
            valid: true,
            problems: [],
          });
        }
        const orders = await db
          .selectFrom('payment_orders')
          .select(['end_to_end_id', 'status', 'principal_minor', 'interest_minor'])
          .where('batch_id', '=', b.id)
          .execute();
        expect(orders).toHaveLength(b.payment_count);
        expect(orders.reduce((sum, o) => sum + o.principal_minor + o.interest_minor, 0)).toBe(
          b.control_sum_minor,
        );
        for (const o of orders) {
          expect(xml).toContain(`<EndToEndId>${o.end_to_end_id}</EndToEndId>`);
          expect(['settled', 'sent', 'returned', 'rejected']).toContain(o.status);
        }
        // Four eyes where the batch needed them.
        if (b.needs_second_approval) expect(b.approved_by).not.toBe(b.created_by);
      }
    });

    it("applies the bank's camt.054 per currency: every settled order's claim is paid, the return and the rejection each open a case", async () => {
      const notifications = await db
        .selectFrom('bank_notifications')
        .select(['message_id', 'applied', 'unknown'])
        .orderBy('message_id')
        .execute();
      expect(notifications).toHaveLength(2);
      for (const n of notifications) expect(n).toMatchObject({ unknown: 0, applied: expect.any(Number) });
      const settled = await db
        .selectFrom('payment_orders as p')
        .innerJoin('claims as c', 'c.id', 'p.claim_id')
        .select(['p.payment_number', 'p.settled_on', 'c.status'])
        .where('p.status', '=', 'settled')
        .execute();
      expect(settled.length).toBeGreaterThan(10);
      for (const o of settled) {
        expect(o.status, o.payment_number).toBe('paid');
        expect(o.settled_on, o.payment_number).not.toBeNull();
        expect((o.settled_on as string) <= TODAY, o.payment_number).toBe(true);
      }
      const unpaid = await db
        .selectFrom('claims')
        .select('claim_number')
        .where('status', '=', 'paid')
        .where(({ not, exists, selectFrom }) =>
          not(
            exists(
              selectFrom('payment_orders as p')
                .select('p.id')
                .whereRef('p.claim_id', '=', 'claims.id')
                .where('p.status', '=', 'settled'),
            ),
          ),
        )
        .execute();
      expect(unpaid).toEqual([]);
      const backs = await db
        .selectFrom('payment_orders as p')
        .leftJoin('service_cases as s', 's.payment_id', 'p.id')
        .select([
          'p.status',
          'p.currency',
          'p.reason_code',
          's.category',
          's.kind',
          's.status as case_status',
        ])
        .where('p.status', 'in', ['returned', 'rejected'])
        .orderBy('p.status')
        .execute();
      expect(backs).toEqual([
        {
          status: 'rejected',
          currency: 'EUR',
          reason_code: 'AC01',
          category: 'payment_returned',
          kind: 'payment_delay',
          case_status: 'open',
        },
        {
          status: 'returned',
          currency: 'SEK',
          reason_code: 'AC04',
          category: 'payment_returned',
          kind: 'payment_delay',
          case_status: 'open',
        },
      ]);
    });

    it("holds the order whose payout account was just changed, and leaves customer.it's payment sent under her payment-delay case", async () => {
      const held = await db
        .selectFrom('payment_orders as p')
        .select(['p.hold_reasons', 'p.customer_id'])
        .where('p.status', '=', 'held')
        .execute();
      expect(held).toHaveLength(1);
      expect(held[0]?.hold_reasons).toEqual(['bank_account_recently_changed']);
      const accounts = await db
        .selectFrom('customer_bank_accounts')
        .select(['valid_to', 'change_request_id'])
        .where('customer_id', '=', held[0]?.customer_id as string)
        .orderBy('valid_from')
        .execute();
      expect(accounts.map((a) => [a.valid_to === null, a.change_request_id === null])).toEqual([
        [false, true],
        [true, false],
      ]);
      const theirs = await db
        .selectFrom('users as u')
        .innerJoin('payment_orders as p', 'p.customer_id', 'u.customer_id')
        .leftJoin('service_cases as s', (join) =>
          join.onRef('s.claim_id', '=', 'p.claim_id').on('s.kind', '=', 'payment_delay'),
        )
        .select(['p.status', 's.kind'])
        .where('u.email', '=', `customer.it@${DEMO_EMAIL_DOMAIN}`)
        .execute();
      expect(theirs).toEqual([{ status: 'sent', kind: 'payment_delay' }]);
    });
  });

  it('is deterministic: a second seed as of the same anchor, into another fresh database, is identical', async () => {
    const second = await seedInto(TODAY);
    try {
      const [a, b] = await Promise.all([projection(db), projection(second.database.db)]);
      expect(a.customers.length).toBe(1000);
      expect(b).toEqual(a);
      // Ids are random UUIDv7 and timestamps real; everything people see is repeatable.
      const total = await sql<{ n: number }>`select count(*)::int as n from claims`.execute(
        second.database.db,
      );
      expect(total.rows[0]?.n).toBe(seeded.summary.claims);
    } finally {
      await second.drop();
    }
  }, 120_000);

  describe(`and as of ${PAST}`, () => {
    let past: Seeded;

    beforeAll(async () => {
      past = await seedInto(PAST);
    }, 120_000);

    afterAll(async () => {
      await past?.drop();
    });

    it('puts each login in its described situation on that date', async () => {
      const policies = await premiumStates(past.database.db, PAST);
      expect([...new Set(policies.map((p) => p.state))].sort()).toEqual([
        'grace_period',
        'lapsed',
        'overdue',
        'paid',
      ]);
      for (const p of policies) expect(p.starts_on <= PAST && p.ends_on > PAST).toBe(true);
      expect(await personaStates(past.database.db, PAST)).toEqual(PERSONA_STATES);
    });

    it('dates nothing after that date', async () => {
      expect(await datesAfter(past.database.db, PAST)).toEqual([]);
    });

    it('has the same people as today, with only the dates of what happened to them shifted', async () => {
      const [now, then] = await Promise.all([projection(db), projection(past.database.db)]);
      // Names, birth dates, national identity numbers, contact details: the same.
      expect(then.customers).toEqual(now.customers);
      expect(then.policies.length).toBeGreaterThan(1000);
      expect(then.policies.map((p) => p.starts_on)).not.toEqual(now.policies.map((p) => p.starts_on));
    });
  });
});
