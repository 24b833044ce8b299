import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { makeCustomer, makePolicy, makeProduct } from '../../../test/support/factories.ts';
import { runCli, type ScratchDatabase, scratchDatabase } from '../../../test/support/scratch-database.ts';
import type { Database } from '../../db/connection.ts';
import { migrate } from '../../db/migrate.ts';
import { verifyAllAuditChains } from '../../modules/audit/index.ts';

// `claimdesk backup` / `claimdesk restore` as child processes, on whichever engine the run uses
// (PGlite directories, or throw-away databases on the PostgreSQL server): seed a source, back it
// up, restore into a fresh target, and compare row counts and the verified audit chains.

async function snapshot(database: Database) {
  const { db } = database;
  const count = async (table: 'customers' | 'products' | 'policies' | 'audit_events' | 'schema_migrations') =>
    Number(
      (
        await db
          .selectFrom(table)
          .select((eb) => eb.fn.countAll<number>().as('n'))
          .executeTakeFirstOrThrow()
      ).n,
    );
  const audit = await verifyAllAuditChains(db);
  return {
    customers: await count('customers'),
    products: await count('products'),
    policies: await count('policies'),
    auditEvents: await count('audit_events'),
    migrations: await count('schema_migrations'),
    audit: { intact: audit.intact, chains: audit.chains, events: audit.events },
  };
}

async function snapshotOf(scratch: ScratchDatabase) {
  const database = await scratch.open();
  try {
    return await snapshot(database);
  } finally {
    await database.close();
  }
}

describe('claimdesk backup / restore (CLI)', { timeout: 60_000 }, () => {
  const dir = mkdtempSync(path.join(tmpdir(), 'claimdesk-backup-'));
  const file = path.join(dir, 'claimdesk.backup');
  let source: ScratchDatabase;
  let target: ScratchDatabase;
  let seeded: Awaited<ReturnType<typeof snapshot>>;

  beforeAll(async () => {
    [source, target] = await Promise.all([scratchDatabase(), scratchDatabase()]);
    const database = await source.open();
    try {
      await migrate(database);
      const { db } = database;
      const { version } = await makeProduct(db);
      for (let i = 0; i < 3; i++) {
        const customer = await makeCustomer(db);
        await makePolicy(db, { customerId: customer.id, productVersionId: version.id });
      }
      seeded = await snapshot(database);
    } finally {
      await database.close();
    }
    expect(seeded).toMatchObject({ customers: 3, policies: 3, audit: { intact: true } });
    expect(seeded.auditEvents).toBeGreaterThanOrEqual(6);
  }, 60_000);

  afterAll(async () => {
    await Promise.all([source?.drop(), target?.drop()]);
    rmSync(dir, { recursive: true, force: true });
  });

  it('backs up, refuses to overwrite without --force, and restores into a fresh database: same counts, chain intact', async () => {
    const made = await runCli(['backup', file], source.env);
    expect(made.stderr).toBe('');
    expect(made.code).toBe(0);
    expect(made.stdout).toContain(`backup written: ${file}`);
    expect(existsSync(file)).toBe(true);

    const again = await runCli(['backup', file], source.env);
    expect(again.code).toBe(73);
    expect(again.stderr).toContain('pass --force to overwrite');

    const restored = await runCli(['restore', file], target.env);
    expect(restored.stderr).toBe('');
    expect(restored.code).toBe(0);
    expect(restored.stdout).toContain('restored: customers 3, policies 3, claims 0, payments 0');
    expect(restored.stdout).toContain(
      `audit trail intact: ${seeded.audit.chains} chain(s), ${seeded.audit.events} event(s) verified`,
    );
    expect(await snapshotOf(target)).toEqual(seeded);
  });

  it('refuses a non-empty target unless --force, which replaces it', async () => {
    const refused = await runCli(['restore', file], target.env);
    expect(refused.code).toBe(73);
    expect(refused.stderr).toMatch(/not empty|already holds a database/);

    // Add a customer to the target: --force brings it back to exactly the backup.
    const database = await target.open();
    try {
      await makeCustomer(database.db);
    } finally {
      await database.close();
    }
    const forced = await runCli(['restore', '--force', file], target.env);
    expect(forced.code).toBe(0);
    expect(forced.stdout).toContain('audit trail intact');
    expect(await snapshotOf(target)).toEqual(seeded);
  });

  it('rejects a missing, foreign or truncated file with a clear message and leaves the target as it was', async () => {
    const missing = await runCli(['restore', path.join(dir, 'nope.backup')], target.env);
    expect(missing.code).toBe(66);
    expect(missing.stderr).toContain('no such file');

    const foreign = path.join(dir, 'notes.txt');
    writeFileSync(foreign, 'hello, not a backup\n');
    const wrong = await runCli(['restore', '--force', foreign], target.env);
    expect(wrong.code).toBe(65);
    expect(wrong.stderr).toContain('is not a claimdesk backup');

    const bytes = readFileSync(file);
    const truncated = path.join(dir, 'truncated.backup');
    writeFileSync(truncated, bytes.subarray(0, Math.floor(bytes.length / 2)));
    const cut = await runCli(['restore', '--force', truncated], target.env);
    expect(cut.code).toBe(65);
    expect(cut.stderr).toMatch(/target (database )?is unchanged/);
    expect(cut.stderr).not.toMatch(/\bat .*\.ts:\d+/);
    expect(await snapshotOf(target)).toEqual(seeded);
  });
});
