import { randomBytes } from 'node:crypto';
import { type Kysely, sql } from 'kysely';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { validateNationalId } from '../../lib/national-id/index.ts';
import { verifyAuditChain } from '../../modules/audit/index.ts';
import { derivePremiumStatus, type PremiumSchedule } from '../../modules/policies/index.ts';
import { ProductConfigSchema } from '../../modules/products/index.ts';
import { signIn } from '../../modules/users/index.ts';
import { type Database, openDatabase } from '../connection.ts';
import { migrate } from '../migrate.ts';
import type { DB } from '../schema.ts';
import { planDemo } from './demo-plan.ts';
import { DEMO_ANCHOR, DEMO_PASSWORD, DEMO_USERS, isDatabaseEmpty, seedDemo } from './seed-demo.ts';

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
  return {
    customers: customers.map((c) => ({ ...c, customer_number: year(c.customer_number) })),
    policies: policies.map((p) => ({ ...p, policy_number: year(p.policy_number) })),
    payments: payments.map((p) => ({ ...p, reference: year(p.reference ?? '') })),
    claims: claims.map((c) => ({ ...c, claim_number: year(c.claim_number) })),
    lines: lines.map((l) => ({ ...l, claim_number: year(l.claim_number) })),
  };
}

describe('demo seed', () => {
  let first: Fresh;
  let summary: Record<string, number>;
  let seconds = 0;
  let db: Kysely<DB>;

  beforeAll(async () => {
    first = await freshDatabase();
    db = first.database.db;
    expect(await isDatabaseEmpty(db)).toBe(true);
    const started = performance.now();
    summary = await seedDemo(db);
    seconds = (performance.now() - started) / 1000;
  }, 120_000);

  afterAll(async () => {
    await first?.drop();
  });

  it('creates the demo organisation, in counts that match the database', async () => {
    console.info(`demo seed: ${seconds.toFixed(1)} s`, summary);
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

  it('builds premium histories in every state as of the anchor date, and persona situations as described', async () => {
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
    const stateOf = new Map<string, string>();
    const states: Record<string, number> = {};
    for (const p of policies) {
      const status = derivePremiumStatus({
        schedule: p.premium_schedule as PremiumSchedule,
        policy: { startsOn: p.starts_on, endsOn: p.ends_on },
        payments: paidBy.get(p.id) ?? [],
        terms: ProductConfigSchema.parse(p.config).premiumTerms,
        asOf: DEMO_ANCHOR,
      });
      stateOf.set(`${p.customer_id}:${p.code}`, status.state);
      states[status.state] = (states[status.state] ?? 0) + 1;
      // Benefit-programme memberships carry the income the daily benefit is based on.
      if (p.kind === 'benefit_programme') expect(p.declared_annual_income_minor).toBeGreaterThan(0);
    }
    expect(Object.keys(states).sort()).toEqual(['grace_period', 'lapsed', 'overdue', 'paid']);
    expect(states.paid ?? 0).toBeGreaterThan(policies.length * 0.7);

    const logins = await db.selectFrom('users').select(['email', 'customer_id']).execute();
    const code = { travel: 'SE-TRAVEL', health: 'IT-HEALTH', sickness: 'SE-SICKNESS' } as const;
    for (const user of DEMO_USERS) {
      if (!user.persona) continue;
      const customerId = logins.find((l) => l.email === user.email)?.customer_id;
      for (const [key, target] of Object.entries(user.persona.policies)) {
        expect(stateOf.get(`${customerId}:${code[key as keyof typeof code]}`), `${user.email} ${key}`).toBe(
          target,
        );
      }
    }
  });

  it('registers claims in the policy currency, dated in the past, with consistent totals', async () => {
    const claims = await db
      .selectFrom('claims')
      .innerJoin('policies', 'policies.id', 'claims.policy_id')
      .select([
        'claims.id',
        'claims.customer_id',
        'claims.incident_date',
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
      .select(['claim_id', 'amount_minor', 'currency', 'service_date'])
      .execute();
    const users = new Map(
      (await db.selectFrom('users').select(['id', 'role', 'customer_id']).execute()).map((u) => [u.id, u]),
    );
    const channels = new Set<string>();
    for (const c of claims) {
      channels.add(c.channel);
      expect(c.customer_id).toBe(c.holder);
      expect(c.currency).toBe(c.policy_currency);
      expect(c.incident_date <= DEMO_ANCHOR).toBe(true);
      const own = lines.filter((l) => l.claim_id === c.id);
      expect(own.length).toBeGreaterThan(0);
      expect(own.reduce((sum, l) => sum + l.amount_minor, 0)).toBe(c.total_claimed_minor);
      for (const l of own) {
        expect(l.currency).toBe(c.currency);
        expect(l.service_date <= DEMO_ANCHOR).toBe(true);
      }
      // Portal claims were filed by the customer's own login; the desk's by a representative.
      const by = users.get(c.registered_by);
      if (c.channel === 'portal') expect(by).toMatchObject({ role: 'customer', customer_id: c.customer_id });
      if (['phone', 'email', 'letter'].includes(c.channel)) expect(by?.role).toBe('representative');
    }
    expect([...channels].sort()).toEqual(['api', 'email', 'import', 'letter', 'phone', 'portal']);
    expect(lines.length).toBeGreaterThan(claims.length); // some claims have several lines
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
    expect(Number(payments.n)).toBe(summary.premiumPayments);
  });

  it('is deterministic: the plan, and a second seed into another fresh database, are identical', async () => {
    expect(planDemo()).toEqual(planDemo());
    const second = await freshDatabase();
    try {
      await seedDemo(second.database.db);
      const [a, b] = await Promise.all([projection(db), projection(second.database.db)]);
      expect(a.customers.length).toBe(1000);
      expect(b).toEqual(a);
      // Ids are random UUIDv7 and timestamps real; everything people see is repeatable.
      const total = await sql<{ n: number }>`select count(*)::int as n from claims`.execute(
        second.database.db,
      );
      expect(total.rows[0]?.n).toBe(summary.claims);
    } finally {
      await second.drop();
    }
  }, 120_000);
});
