import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { makeCustomer, makeProduct } from '../../../test/support/factories.ts';
import { runCli, type ScratchDatabase, scratchDatabase } from '../../../test/support/scratch-database.ts';
import { migrate } from '../../db/migrate.ts';
import { POLICY_IMPORT_COLUMNS } from '../../modules/policies/import-policies-csv.ts';

// `claimdesk import policies` as a child process on whichever engine the run uses, for what the
// upsert adds to it: JSON Lines, an update by external_ref, idempotent re-import, a refused change
// of product. The CSV-only behaviour is tested in src/modules/policies/import-policies.int.test.ts.

describe('claimdesk import policies, upsert (CLI)', { timeout: 120_000 }, () => {
  const dir = mkdtempSync(path.join(tmpdir(), 'claimdesk-import-policies-'));
  let scratch: ScratchDatabase;
  let holder = '';
  let product = '';
  const write = (name: string, text: string) => {
    const file = path.join(dir, name);
    writeFileSync(file, text);
    return file;
  };
  const cli = (args: string[]) => runCli(['import', ...args], scratch.env);
  const jsonl = (rows: object[]) => `${rows.map((r) => JSON.stringify(r)).join('\n')}\n`;

  beforeAll(async () => {
    scratch = await scratchDatabase();
    const database = await scratch.open();
    try {
      await migrate(database);
      holder = (await makeCustomer(database.db)).nationalId;
      product = (await makeProduct(database.db)).product.code;
    } finally {
      await database.close();
    }
  });
  afterAll(async () => {
    await scratch?.drop();
    rmSync(dir, { recursive: true, force: true });
  });

  it('upserts policies from JSON Lines by external_ref, and refuses a change of product', async () => {
    const policy = {
      external_ref: `CLI-${Date.now()}`,
      holder_national_id: holder,
      holder_country: 'SE',
      product_code: product,
      product_version: 1,
      starts_on: '2026-01-01',
      ends_on: '2027-01-01',
      premium_frequency: 'monthly',
      premium_amount: '199.00',
      currency: 'SEK',
    };
    const first = await cli(['policies', write('p1.jsonl', jsonl([policy]))]);
    expect(first.code, first.stderr).toBe(0);
    expect(first.stdout).toContain('1 created, 0 updated, 0 unchanged, 0 invalid');
    const longer = write('p2.jsonl', jsonl([{ ...policy, ends_on: '2027-07-01', premium_amount: 205 }]));
    const second = await cli(['policies', longer]);
    expect(second.code, second.stderr).toBe(0);
    expect(second.stdout).toContain('0 created, 1 updated, 0 unchanged');
    expect((await cli(['policies', longer])).stdout).toContain('0 created, 0 updated, 1 unchanged');
    const database = await scratch.open();
    const stored = await database.db
      .selectFrom('policies')
      .selectAll()
      .where('external_ref', '=', policy.external_ref)
      .executeTakeFirstOrThrow()
      .finally(() => database.close());
    expect(stored).toMatchObject({ ends_on: '2027-07-01', version: 2 });
    expect(stored.premium_schedule.amountMinor).toBe(20_500);

    const other = write(
      'p3.csv',
      `${POLICY_IMPORT_COLUMNS.join(',')}\n${policy.external_ref},${holder},SE,OTHER,1,2026-01-01,2027-07-01,monthly,205,SEK,,\n`,
    );
    const third = await cli(['policies', other]);
    expect(third.code).toBe(65);
    expect(third.stderr).toContain('row 2, column product_code: differs from policy');
  });
});
