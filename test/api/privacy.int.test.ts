import type { FastifyInstance } from 'fastify';
import { sql } from 'kysely';
import { beforeAll, describe, expect, it } from 'vitest';
import { newId } from '../../src/lib/ids.ts';
import { verifyAuditChain } from '../../src/modules/audit/index.ts';
import { RETENTION_RULES } from '../../src/modules/privacy/index.ts';
import { type Session, signInAs, testApp } from '../support/test-app.ts';
import { testDatabase } from '../support/test-database.ts';
import { claimBody, customerWithPolicy, expectProblem, uniqueLetters } from './api-helpers.ts';

// GDPR: a customer's export holds every customer-owned table, the erasure refuses while matters are
// open and changes nothing then, and afterwards none of the erased values is left anywhere in the
// customer's data — audit events included — while the audit chain still verifies.

let app: FastifyInstance;
let admin: Session;
let rep: Session;

beforeAll(async () => {
  app = await testApp();
  admin = await signInAs('administrator');
  rep = await signInAs('representative');
});

function call(method: 'GET' | 'POST', url: string, who: Session, payload?: object) {
  return app.inject({
    method,
    url,
    headers: { ...who.headers, 'idempotency-key': newId() },
    ...(payload ? { payload } : {}),
  });
}

/** A customer with distinctive personal data, a policy, a claim in review, a logged call and a portal login. */
async function customerWithHistory() {
  const ctx = await customerWithPolicy();
  const { db } = await testDatabase();
  const givenName = `Gn${uniqueLetters(10)}`;
  const familyName = `Fn${uniqueLetters(10)}`;
  const email = `p.${uniqueLetters(12).toLowerCase()}@example.se`;
  const phone = `+4670${String(Math.floor(Math.random() * 1e7)).padStart(7, '0')}`;
  await db
    .updateTable('customers')
    .set({
      given_name: givenName,
      family_name: familyName,
      email,
      phone,
      address: JSON.stringify({
        street: `Gatan ${uniqueLetters(8)} 1`,
        postalCode: '111 22',
        city: 'Stockholm',
        country: 'SE',
      }),
    })
    .where('id', '=', ctx.customer.id)
    .execute();
  await db
    .updateTable('policy_insured_persons')
    .set({ full_name: `${givenName} ${familyName}` })
    .where('person_customer_id', '=', ctx.customer.id)
    .execute();
  const claim = await call(
    'POST',
    '/claims',
    rep,
    claimBody(ctx.customer.id, ctx.policy.id, {
      cause: 'illness',
      documents: ['receipt'],
      lines: [
        {
          benefitCode: 'MEDICAL_EXPENSES',
          description: 'Clinic visit',
          serviceDate: '2026-02-15',
          amountMinor: 800_000,
          currency: 'SEK',
        },
      ],
    }),
  );
  expect(claim.statusCode, claim.body).toBe(201);
  const logged = await call('POST', '/calls', rep, {
    direction: 'inbound',
    phoneNumber: phone,
    customerId: ctx.customer.id,
    startedAt: '2026-03-02T09:15:00+01:00',
    notes: `Calls about ${familyName}'s claim`,
  });
  expect(logged.statusCode, logged.body).toBe(201);
  const owner = await signInAs('customer', { customerId: ctx.customer.id });
  const row = await db
    .selectFrom('customers')
    .selectAll()
    .where('id', '=', ctx.customer.id)
    .executeTakeFirstOrThrow();
  return {
    customerId: ctx.customer.id,
    claim: claim.json() as { id: string; claimNumber: string; status: string },
    owner,
    // (the birth date is not here: the policy and the stored assessment inputs keep it, see below)
    personal: [givenName, familyName, email, phone, row.national_id, owner.email],
    birthDate: row.birth_date,
  };
}

describe('GET /customers/{id}/export', () => {
  it('gives the customer every customer-owned table, each with a retention rule, and no password hash', async () => {
    const c = await customerWithHistory();
    const res = await call('GET', `/customers/${c.customerId}/export`, c.owner);
    expect(res.statusCode, res.body).toBe(200);
    expect(res.headers['content-disposition']).toContain('attachment');
    const body = res.json();
    expect(body.format).toBe('claimdesk.customer-export.v1');
    expect(body.records.customers).toHaveLength(1);
    expect(body.records.claims.map((r: { id: string }) => r.id)).toEqual([c.claim.id]);
    expect(body.records.calls).toHaveLength(1);
    expect(body.records.users).toHaveLength(1);
    expect(body.records.users[0]).not.toHaveProperty('password_hash');
    expect(body.records.audit_events.length).toBeGreaterThan(2);
    for (const value of c.personal) expect(res.body).toContain(value);

    // Every table with a customer_id column is in the export, and a retention rule names it: a new
    // table fails here until someone decides how long it is kept.
    const { db } = await testDatabase();
    const { rows } = await sql<{ table_name: string }>`
      SELECT table_name FROM information_schema.columns
      WHERE table_schema = current_schema() AND column_name = 'customer_id'`.execute(db);
    const ruled = new Set(RETENTION_RULES.flatMap((r) => r.tables));
    for (const { table_name } of rows) {
      expect(body.tables, table_name).toHaveProperty(table_name);
      expect(ruled.has(table_name), `no retention rule names ${table_name}`).toBe(true);
      expect(body.tables[table_name].retention).not.toBeNull();
    }
  });

  it("is not found for another customer's data and forbidden to a representative", async () => {
    const a = await customerWithHistory();
    const b = await customerWithHistory();
    expectProblem(await call('GET', `/customers/${b.customerId}/export`, a.owner), 404, 'not_found');
    expectProblem(await call('GET', `/customers/${a.customerId}/export`, rep), 403, 'forbidden');
  });
});

describe('POST /customers/{id}/erasure', () => {
  it('is refused while a claim is open, naming it, and changes nothing', async () => {
    const c = await customerWithHistory();
    expect(c.claim.status).toBe('in_review');
    const { db } = await testDatabase();
    const before = await db
      .selectFrom('customers')
      .selectAll()
      .where('id', '=', c.customerId)
      .executeTakeFirstOrThrow();
    const problem = expectProblem(
      await call('POST', `/customers/${c.customerId}/erasure`, admin, { reason: 'Customer asked by letter' }),
      409,
      'erasure_blocked',
    );
    expect(problem.errors?.map((e) => e.path)).toEqual([['openMatters', 'claim', c.claim.claimNumber]]);
    const after = await db
      .selectFrom('customers')
      .selectAll()
      .where('id', '=', c.customerId)
      .executeTakeFirstOrThrow();
    expect(after).toEqual(before);
  });

  it('erases every personal value, keeps the claim under its retention rule, and the audit chain verifies', async () => {
    const c = await customerWithHistory();
    const read = await call('GET', `/claims/${c.claim.id}`, c.owner);
    const withdrawn = await call('POST', `/claims/${c.claim.id}/withdrawal`, c.owner, {
      reason: 'Paid it myself',
      version: read.json().version,
    });
    expect(withdrawn.statusCode, withdrawn.body).toBe(200);
    expectProblem(
      await call('POST', `/customers/${c.customerId}/erasure`, c.owner, { reason: 'Forget me' }),
      403,
      'forbidden',
    );

    const res = await call('POST', `/customers/${c.customerId}/erasure`, admin, {
      reason: 'Customer asked by letter',
    });
    expect(res.statusCode, res.body).toBe(200);
    const report = res.json();
    expect(report.alreadyErased).toBe(false);
    expect(report.erased).toMatchObject({ customers: 1, users: 1, calls: 1 });
    expect(report.retained.map((r: { kind: string }) => r.kind)).toContain('claim_file');

    // The portal login is gone with its sessions.
    expectProblem(await call('GET', '/auth/me', c.owner), 401, 'unauthenticated');

    const exported = await call('GET', `/customers/${c.customerId}/export`, admin);
    expect(exported.statusCode, exported.body).toBe(200);
    for (const value of c.personal) expect(exported.body, value).not.toContain(value);
    const data = exported.json();
    expect(data.records.claims.map((r: { id: string }) => r.id)).toEqual([c.claim.id]);
    expect(data.records.customers[0].erased_at).not.toBeNull();
    // The identity record keeps only the year of birth; the contract keeps the date (cover may depend on age).
    expect(data.records.customers[0].birth_date).toBe(`${c.birthDate.slice(0, 4)}-01-01`);
    expect(data.records.policy_insured_persons[0].birth_date).toBe(c.birthDate);

    const { db } = await testDatabase();
    expect(await verifyAuditChain(db, c.customerId)).toMatchObject({ ok: true });

    // Asking again changes nothing and says so.
    const events = await db
      .selectFrom('audit_events')
      .select(db.fn.countAll<string>().as('n'))
      .where('chain', '=', c.customerId)
      .executeTakeFirstOrThrow();
    const again = await call('POST', `/customers/${c.customerId}/erasure`, admin, { reason: 'Asked twice' });
    expect(again.statusCode, again.body).toBe(200);
    expect(again.json()).toMatchObject({ alreadyErased: true, erasedAt: report.erasedAt, erased: {} });
    const eventsAfter = await db
      .selectFrom('audit_events')
      .select(db.fn.countAll<string>().as('n'))
      .where('chain', '=', c.customerId)
      .executeTakeFirstOrThrow();
    expect(Number(eventsAfter.n)).toBe(Number(events.n));
  });

  it('rejects a missing reason with its field path', async () => {
    const c = await customerWithHistory();
    const problem = expectProblem(
      await call('POST', `/customers/${c.customerId}/erasure`, admin, {}),
      400,
      'validation_failed',
    );
    expect(JSON.stringify(problem.errors)).toContain('reason');
  });
});
