import { readdirSync } from 'node:fs';
import { setTimeout as sleep } from 'node:timers/promises';
import type { FastifyInstance } from 'fastify';
import { sql } from 'kysely';
import { beforeAll, describe, expect, it } from 'vitest';
import { MIGRATIONS_DIR } from '../../src/db/migrate.ts';
import { makeCustomer } from '../support/factories.ts';
import { signInAs, testApp } from '../support/test-app.ts';
import { engineUnderTest, testDatabase } from '../support/test-database.ts';
import { claimBody, customerWithPolicy, uniqueSuffix } from './api-helpers.ts';

// The database layer behaves the same on both engines. On PGlite (one session) the concurrency
// test exercises src/db/pglite-dialect.ts, which must serialise transactions instead of
// interleaving their statements on the shared session.

let app: FastifyInstance;

beforeAll(async () => {
  app = await testApp();
});

/** Scratch rows in idempotency_keys under a scope unique to one test. */
async function keysIn(scope: string): Promise<string[]> {
  const { db } = await testDatabase();
  const rows = await db.selectFrom('idempotency_keys').select('key').where('scope', '=', scope).execute();
  return rows.map((r) => r.key).sort();
}

function keyRow(scope: string, key: string) {
  return { scope, key, request_hash: 'h', response_status: 0, response_body: 'null' };
}

describe('transactions', () => {
  it('two concurrent transactions: the one that rolls back does not undo the other', async () => {
    const { db } = await testDatabase();
    const scope = `engine-test:${uniqueSuffix()}`;
    const failure = new Error('roll back B');

    const committed = db.transaction().execute(async (trx) => {
      await trx.insertInto('idempotency_keys').values(keyRow(scope, 'a1')).execute();
      await sleep(30); // B would run its statements (and its ROLLBACK) here on a shared session
      await trx.insertInto('idempotency_keys').values(keyRow(scope, 'a2')).execute();
      const seen = await trx
        .selectFrom('idempotency_keys')
        .select('key')
        .where('scope', '=', scope)
        .execute();
      return seen.map((r) => r.key).sort();
    });
    const rolledBack = (async () => {
      await sleep(5);
      return db.transaction().execute(async (trx) => {
        await trx.insertInto('idempotency_keys').values(keyRow(scope, 'b1')).execute();
        await sleep(10);
        throw failure;
      });
    })();

    const [a, b] = await Promise.allSettled([committed, rolledBack]);
    expect(a).toEqual({ status: 'fulfilled', value: ['a1', 'a2'] });
    expect(b).toEqual({ status: 'rejected', reason: failure });
    expect(await keysIn(scope)).toEqual(['a1', 'a2']);
  });

  it('a failing statement rolls back its whole transaction, and the connection stays usable', async () => {
    const { db } = await testDatabase();
    const scope = `engine-test:${uniqueSuffix()}`;
    await expect(
      db.transaction().execute(async (trx) => {
        await trx.insertInto('idempotency_keys').values(keyRow(scope, 'x')).execute();
        await trx.insertInto('idempotency_keys').values(keyRow(scope, 'x')).execute(); // duplicate key
      }),
    ).rejects.toMatchObject({ code: '23505' });
    expect(await keysIn(scope)).toEqual([]);
    // Many interleaved transactions and plain queries all complete (no lost release, no deadlock).
    await Promise.all(
      Array.from({ length: 10 }, (_, i) =>
        i % 2
          ? db
              .insertInto('idempotency_keys')
              .values(keyRow(scope, `k${i}`))
              .execute()
          : db.transaction().execute((trx) =>
              trx
                .insertInto('idempotency_keys')
                .values(keyRow(scope, `k${i}`))
                .execute(),
            ),
      ),
    );
    expect(await keysIn(scope)).toHaveLength(10);
  });

  it('concurrent HTTP requests for different customers each commit their own claim', async () => {
    const setups = await Promise.all([customerWithPolicy(), customerWithPolicy(), customerWithPolicy()]);
    const rep = await signInAs('representative');
    const responses = await Promise.all(
      setups.map(({ customer, policy }) =>
        app.inject({
          method: 'POST',
          url: '/claims',
          headers: rep.headers,
          payload: claimBody(customer.id, policy.id),
        }),
      ),
    );
    expect(responses.map((r) => r.statusCode)).toEqual([201, 201, 201]);
    expect(new Set(responses.map((r) => r.json().claimNumber)).size).toBe(3);
  });
});

describe('result types', () => {
  it('an UPDATE reports numUpdatedRows, a DELETE numDeletedRows', async () => {
    const { db } = await testDatabase();
    const scope = `engine-test:${uniqueSuffix()}`;
    await db
      .insertInto('idempotency_keys')
      .values(['a', 'b', 'c'].map((k) => keyRow(scope, k)))
      .execute();
    const updated = await db
      .updateTable('idempotency_keys')
      .set({ response_status: 201 })
      .where('scope', '=', scope)
      .where('key', 'in', ['a', 'b'])
      .executeTakeFirst();
    expect(updated.numUpdatedRows).toBe(2n);
    const none = await db
      .updateTable('idempotency_keys')
      .set({ response_status: 201 })
      .where('scope', '=', scope)
      .where('key', '=', 'zzz')
      .executeTakeFirst();
    expect(none.numUpdatedRows).toBe(0n);
    const deleted = await db.deleteFrom('idempotency_keys').where('scope', '=', scope).executeTakeFirst();
    expect(deleted.numDeletedRows).toBe(3n);
    const inserted = await db
      .insertInto('idempotency_keys')
      .values(['d', 'e'].map((k) => keyRow(scope, k)))
      .executeTakeFirst();
    expect(inserted.numInsertedOrUpdatedRows).toBe(2n);
  });

  it('int8 comes back as a JS number, and beyond 2^53 fails loudly instead of rounding', async () => {
    const { db } = await testDatabase();
    const { rows } = await sql<{ n: unknown; c: unknown }>`
      SELECT 9007199254740991::int8 AS n, count(*) AS c FROM (VALUES (1), (2)) AS t(x)`.execute(db);
    expect(rows[0]).toEqual({ n: 9007199254740991, c: 2 });
    expect(typeof rows[0]?.n).toBe('number');
    await expect(sql`SELECT 9007199254740993::int8 AS n`.execute(db)).rejects.toThrow(/safe integer/);
    // A bigint column read through the query builder.
    const { customer } = await customerWithPolicy();
    const event = await db
      .selectFrom('audit_events')
      .select(['seq'])
      .where('chain', '=', customer.id)
      .executeTakeFirstOrThrow();
    expect(typeof event.seq).toBe('number');
    expect(Number.isSafeInteger(event.seq)).toBe(true);
  });

  it("date comes back as a 'YYYY-MM-DD' string, unshifted by the process time zone", async () => {
    const { db } = await testDatabase();
    const { rows } = await sql<{ d: unknown; leap: unknown }>`
      SELECT '1999-12-31'::date AS d, '2024-02-29'::date AS leap`.execute(db);
    expect(rows[0]).toEqual({ d: '1999-12-31', leap: '2024-02-29' });
    // A date column read through the query builder: the birth date encoded in the personnummer.
    const customer = await makeCustomer(db);
    const row = await db
      .selectFrom('customers')
      .select(['birth_date', 'national_id'])
      .where('id', '=', customer.id)
      .executeTakeFirstOrThrow();
    const n = row.national_id;
    expect(row.birth_date).toBe(`${n.slice(0, 4)}-${n.slice(4, 6)}-${n.slice(6, 8)}`);
  });

  it('numeric comes back as an exact string', async () => {
    const { db } = await testDatabase();
    const { rows } = await sql<{ x: unknown }>`SELECT 12345678901234567890.12::numeric AS x`.execute(db);
    expect(rows[0]?.x).toBe('12345678901234567890.12');
  });
});

describe('GET /ready', () => {
  it('returns 200 with the engine and the applied migration count', async () => {
    const res = await app.inject({ method: 'GET', url: '/ready' });
    expect(res.statusCode).toBe(200);
    const migrations = readdirSync(MIGRATIONS_DIR).filter((f) => f.endsWith('.sql')).length;
    expect(res.json()).toEqual({ status: 'ready', engine: engineUnderTest, migrations });
    expect(migrations).toBeGreaterThan(0);
  });

  it('GET /health returns 200 without a session', async () => {
    const res = await app.inject({ method: 'GET', url: '/health' });
    expect(res.statusCode).toBe(200);
    expect(res.json()).toEqual({ status: 'ok' });
  });
});
