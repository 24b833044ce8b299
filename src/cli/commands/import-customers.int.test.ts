import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { Kysely } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { makeCustomer } from '../../../test/support/factories.ts';
import { runCli, type ScratchDatabase, scratchDatabase } from '../../../test/support/scratch-database.ts';
import { migrate } from '../../db/migrate.ts';
import type { DB } from '../../db/schema.ts';
import { generateSwedishPersonalNumber } from '../../lib/national-id/index.ts';
import { CUSTOMER_IMPORT_COLUMNS } from '../../modules/exchange/import-customer-rows.ts';

// `claimdesk import customers` as a child process on whichever engine the run uses:
// create, update, unchanged on re-import (nothing written the second time), CSV and JSON Lines,
// bad rows with their row/line and column, an erased customer left alone, the contact history,
// bad files with their exit codes. Memory: import-customers-memory.int.test.ts.

/** Distinct valid personnummer, deterministic: birth day × serial. */
function personnummer(i: number): string {
  const day = new Date(Date.UTC(1950, 0, 1) + Math.floor(i / 100) * 86_400_000).toISOString().slice(0, 10);
  return generateSwedishPersonalNumber({ birthDate: day, sex: i % 2 ? 'male' : 'female', serial: i % 100 });
}

let serial = 0;
/** Personnummer no other row of this file uses (each run has a database of its own). */
const freshId = () => personnummer(++serial * 7);

type Row = Partial<Record<(typeof CUSTOMER_IMPORT_COLUMNS)[number], string>>;

const field = (v: string) => (/[",\r\n]/.test(v) ? `"${v.replaceAll('"', '""')}"` : v);
const csv = (rows: Row[], columns: readonly string[] = CUSTOMER_IMPORT_COLUMNS) =>
  `${[columns.join(','), ...rows.map((r) => columns.map((c) => field(r[c as keyof Row] ?? '')).join(','))].join('\n')}\n`;
const jsonl = (rows: object[]) => `${rows.map((r) => JSON.stringify(r)).join('\n')}\n`;

const person = (overrides: Row = {}): Row => ({
  national_id: freshId(),
  national_id_country: 'SE',
  given_name: 'Anna',
  family_name: 'Lindqvist',
  preferred_language: 'sv',
  country: 'SE',
  email: 'anna@example.se',
  phone: '+46701234567',
  street: 'Storgatan 1',
  postal_code: '111 22',
  city: 'Stockholm',
  ...overrides,
});

describe('claimdesk import customers (CLI)', { timeout: 180_000 }, () => {
  const dir = mkdtempSync(path.join(tmpdir(), 'claimdesk-import-'));
  let scratch: ScratchDatabase;
  let erased = { id: '', nationalId: '' };

  const write = (name: string, text: string) => {
    const file = path.join(dir, name);
    writeFileSync(file, text);
    return file;
  };
  const cli = (args: string[], env: Record<string, string> = {}) =>
    runCli(['import', ...args], { ...scratch.env, ...env });
  async function withDb<T>(fn: (db: Kysely<DB>) => Promise<T>): Promise<T> {
    const database = await scratch.open();
    try {
      return await fn(database.db);
    } finally {
      await database.close();
    }
  }
  beforeAll(async () => {
    scratch = await scratchDatabase();
    const database = await scratch.open();
    try {
      await migrate(database);
      const gone = await makeCustomer(database.db, { nationalId: freshId() });
      await database.db
        .updateTable('customers')
        .set({ erased_at: new Date(), given_name: '(erased)', family_name: '(erased)', email: null })
        .where('id', '=', gone.id)
        .execute();
      erased = { id: gone.id, nationalId: gone.nationalId };
    } finally {
      await database.close();
    }
  });
  afterAll(async () => {
    await scratch?.drop();
    rmSync(dir, { recursive: true, force: true });
  });

  it('creates customers from CSV, and a second run of the same file writes nothing', async () => {
    const rows = [
      person(),
      person({ given_name: 'Bertil', email: '', phone: '', street: '', postal_code: '', city: '' }),
      person({ given_name: 'Cecilia', email: 'Cecilia@Example.SE', time_zone: 'Europe/Rome' }),
    ];
    const file = write('three.csv', csv(rows));
    const first = await cli(['customers', file]);
    expect(first.code, first.stderr).toBe(0);
    expect(first.stdout).toMatch(
      /^imported customers: 3 created, 0 updated, 0 unchanged, 0 refused, 0 invalid of 3 row\(s\) \(peak RSS \d+ MB\)\n$/,
    );

    const second = await cli(['customers', file]);
    expect(second.code, second.stderr).toBe(0);
    expect(second.stdout).toContain('0 created, 0 updated, 3 unchanged');
    await withDb(async (db) => {
      const cecilia = await db
        .selectFrom('customers')
        .selectAll()
        .where('national_id', '=', rows[2]?.national_id ?? '')
        .executeTakeFirstOrThrow();
      expect(cecilia).toMatchObject({ email: 'cecilia@example.se', time_zone: 'Europe/Rome', version: 1 });
      expect(cecilia.address).toEqual({
        street: 'Storgatan 1',
        postalCode: '111 22',
        city: 'Stockholm',
        country: 'SE',
      });
      const events = await db
        .selectFrom('audit_events')
        .select('action')
        .where('customer_id', '=', cecilia.id)
        .execute();
      expect(events.map((e) => e.action)).toEqual(['customer.created']); // the second run wrote nothing
    });
  });

  it('updates from JSON Lines with contact history, refuses an erased customer, and is idempotent', async () => {
    const anna = person();
    const giulia = person({ given_name: 'Giulia' });
    expect((await cli(['customers', write('start.csv', csv([anna, giulia]))])).code).toBe(0);

    const feed = write(
      'feed.jsonl',
      jsonl([
        { ...anna, email: 'anna.new@example.se', family_name: 'Berg', phone: null },
        giulia,
        { ...person({ national_id: erased.nationalId }), email: 'back@example.se' },
      ]),
    );
    const run = await cli(['customers', feed]);
    expect(run.code, run.stderr).toBe(0);
    expect(run.stdout).toContain('0 created, 1 updated, 1 unchanged, 1 refused, 0 invalid of 3 row(s)');
    expect(run.stderr).toContain('line 3, column national_id: this customer was erased on request');

    const again = await cli(['customers', feed]);
    expect(again.code, again.stderr).toBe(0);
    expect(again.stdout).toContain('0 created, 0 updated, 2 unchanged, 1 refused');

    await withDb(async (db) => {
      const after = await db
        .selectFrom('customers')
        .selectAll()
        .where('national_id', '=', anna.national_id ?? '')
        .executeTakeFirstOrThrow();
      // phone: null in the feed keeps the stored number (a feed does not clear contact details).
      expect(after).toMatchObject({
        email: 'anna.new@example.se',
        family_name: 'Berg',
        phone: '+46701234567',
        version: 2,
      });
      const before = after;
      const history = await db
        .selectFrom('customer_contact_history')
        .selectAll()
        .where('customer_id', '=', before?.id ?? '')
        .execute();
      expect(history).toEqual([
        expect.objectContaining({
          field: 'email',
          old_value: 'anna@example.se',
          new_value: 'anna.new@example.se',
          change_request_id: null,
        }),
      ]);
      const events = await db
        .selectFrom('audit_events')
        .select(['action', 'data'])
        .where('customer_id', '=', before?.id ?? '')
        .orderBy('seq')
        .execute();
      expect(events.map((e) => [e.action, (e.data as { source?: string }).source])).toEqual([
        ['customer.created', 'import'],
        ['customer.contact_changed', 'import'],
        ['customer.updated', 'import'],
      ]);
      expect(events[2]?.data).toMatchObject({ fields: ['family_name'] });
      const untouched = await db
        .selectFrom('customers')
        .selectAll()
        .where('id', '=', erased.id)
        .executeTakeFirstOrThrow();
      expect(untouched).toMatchObject({ email: null, given_name: '(erased)', version: 1 });
    });
  });

  it('reports bad rows by row and column, all or nothing; --skip-invalid imports the good ones', async () => {
    const good = person();
    const badChecksum = `${(good.national_id ?? '').slice(0, 11)}${(Number(good.national_id?.at(-1)) + 1) % 10}`;
    const rows = [
      good, // row 2
      person({ national_id: badChecksum }), // 3
      person({ preferred_language: 'de', email: 'not-an-email' }), // 4
      person({ postal_code: '' }), // 5: a partial address
      { ...good, given_name: 'Again' }, // 6: the same person twice
    ];
    const file = write('bad.csv', csv(rows));
    const run = await cli(['customers', file]);
    expect(run.code).toBe(65);
    const lines = run.stderr.trim().split('\n');
    expect(lines.map((l) => l.replace(/:.*$/, ''))).toEqual([
      'row 3, column national_id',
      'row 4, column preferred_language',
      'row 4, column email',
      'row 5, column postal_code',
      'row 6, column national_id',
    ]);
    expect(run.stderr).toContain('the same customer appears on row 2');
    expect(run.stdout).toContain('nothing imported');

    const skip = await cli(['customers', file, '--skip-invalid']);
    expect(skip.code, skip.stderr).toBe(0);
    // 1 created: the all-or-nothing run before wrote nothing.
    expect(skip.stdout).toContain(
      'imported customers: 1 created, 0 updated, 0 unchanged, 0 refused, 4 invalid',
    );

    const json = await cli([
      'customers',
      write('bad.jsonl', `${JSON.stringify(person())}\n{"national_id": \n[1]\n`),
    ]);
    expect(json.code).toBe(65);
    expect(json.stderr).toContain('line 2: is not valid JSON');
    expect(json.stderr).toContain('line 3: must be a JSON object');
  });

  it('refuses a bad file with a clear message, its exit code and no stack trace', async () => {
    const header = await cli(['customers', write('header.csv', 'national_id,name\n1,2\n')]);
    expect(header.code).toBe(65);
    expect(header.stderr).toContain(
      'error [import_invalid]: The header row does not match the customer import format',
    );
    expect(header.stderr).toContain('unknown column "name"');
    expect(header.stderr).toContain('missing column "given_name"');
    expect(header.stderr).not.toMatch(/\n\s+at /);
    const missing = await cli(['customers', path.join(dir, 'none.csv')]);
    expect(missing.code).toBe(66);
    expect(missing.stderr.trim()).toBe(`cannot read ${path.join(dir, 'none.csv')}: no such file`);
    const unknown = await cli(['customers', write('people.txt', 'x\n')]);
    expect(unknown.code).toBe(64);
    expect(unknown.stderr).toContain('--format csv|jsonl');
  });
});
