import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runCli, type ScratchDatabase, scratchDatabase } from '../../../test/support/scratch-database.ts';
import { generateSwedishPersonalNumber } from '../../lib/national-id/index.ts';
import { CUSTOMER_IMPORT_COLUMNS } from '../../modules/exchange/import-customer-rows.ts';

// Memory: `claimdesk import customers` of BULK wide rows (an 11 MB file) as a child process within
// a V8 heap too small to hold the file's records at once. Checked by hand: with the batch size set
// to the whole file (every record collected before writing) the same run dies with "JavaScript
// heap out of memory" on both engines (PGlite: after ~28 s; PostgreSQL: even at 128 MB, in 8 s);
// streamed, 500 rows at a time, it fits (on PostgreSQL already in 96 MB). The heap is as small as
// embedded PGlite allows: it alone keeps about 95 MB of it.

const BULK = 20_000;
const HEAP_MB = 128;

function personnummer(i: number): string {
  const day = new Date(Date.UTC(1950, 0, 1) + Math.floor(i / 100) * 86_400_000).toISOString().slice(0, 10);
  return generateSwedishPersonalNumber({ birthDate: day, sex: i % 2 ? 'male' : 'female', serial: i % 100 });
}

describe('claimdesk import customers (CLI, memory)', { timeout: 150_000 }, () => {
  const dir = mkdtempSync(path.join(tmpdir(), 'claimdesk-import-mem-'));
  const file = path.join(dir, 'bulk.csv');
  let scratch: ScratchDatabase;

  beforeAll(async () => {
    scratch = await scratchDatabase();
    // Near the schema's length limits, so that every record is big.
    const street = `Långgatan ${'x'.repeat(185)}`;
    const city = `Stad ${'y'.repeat(90)}`;
    const lines = [CUSTOMER_IMPORT_COLUMNS.join(',')];
    for (let i = 0; i < BULK; i++) {
      lines.push(
        `${personnummer(i)},SE,Given${i}${'g'.repeat(85)},Family${i}${'f'.repeat(85)},sv,SE,p${i}@example.se,+46701234567,${street},11122,${city},SE,`,
      );
    }
    writeFileSync(file, `${lines.join('\n')}\n`);
  });
  afterAll(async () => {
    await scratch?.drop();
    rmSync(dir, { recursive: true, force: true });
  });

  it(`streams: ${BULK.toLocaleString('en')} wide rows import within a ${HEAP_MB} MB heap`, async () => {
    const run = await runCli(['import', 'customers', file, '--skip-invalid'], {
      ...scratch.env,
      NODE_OPTIONS: `--max-old-space-size=${HEAP_MB}`,
    });
    expect(run.code, run.stderr.slice(0, 500)).toBe(0);
    expect(run.stdout).toMatch(
      new RegExp(
        `^imported customers: ${BULK} created, 0 updated, 0 unchanged, 0 refused, 0 invalid of ${BULK} row\\(s\\) \\(peak RSS \\d+ MB\\)`,
      ),
    );
    const database = await scratch.open();
    try {
      const { n } = await database.db
        .selectFrom('customers')
        .select((eb) => eb.fn.countAll<number>().as('n'))
        .executeTakeFirstOrThrow();
      expect(Number(n)).toBe(BULK);
    } finally {
      await database.close();
    }
  });
});
