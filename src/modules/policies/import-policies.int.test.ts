import { execFile } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { Readable } from 'node:stream';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  makeCustomer,
  makePolicy,
  makeProduct,
  randomCodiceFiscale,
  randomPersonnummer,
} from '../../../test/support/factories.ts';
import { testDatabase } from '../../../test/support/test-database.ts';
import { openDatabase } from '../../db/connection.ts';
import { migrate } from '../../db/migrate.ts';
import { AppError } from '../../lib/errors.ts';
import { systemActor } from '../users/index.ts';
import { importPolicies, MAX_REPORTED_ERRORS, PolicyImportSourceError } from './import-policies.ts';
import { POLICY_IMPORT_COLUMNS } from './import-policies-csv.ts';

type Row = Record<string, string>;

const actor = systemActor('test-import');
const COLUMNS = [...POLICY_IMPORT_COLUMNS];

function field(value: string): string {
  return /[",\r\n]/.test(value) ? `"${value.replaceAll('"', '""')}"` : value;
}

function csv(rows: Row[], columns: string[] = COLUMNS, eol = '\n'): string {
  return (
    [columns.join(','), ...rows.map((r) => columns.map((c) => field(r[c] ?? '')).join(','))].join(eol) + eol
  );
}

async function run(text: string | Readable, opts: { skipInvalid?: boolean; dryRun?: boolean } = {}) {
  const { db } = await testDatabase();
  return importPolicies({
    db,
    actor,
    source: typeof text === 'string' ? Readable.from([Buffer.from(text)]) : text,
    skipInvalid: opts.skipInvalid ?? false,
    dryRun: opts.dryRun ?? false,
  });
}

async function policiesByRef(refs: string[]) {
  const { db } = await testDatabase();
  return db
    .selectFrom('policies')
    .selectAll()
    .where('external_ref', 'in', refs)
    .orderBy('external_ref')
    .execute();
}

/** YYMMDD-NNNN: the short way a personnummer is often written in source systems. */
function shortPersonnummer(normalized: string): string {
  return `${normalized.slice(2, 8)}-${normalized.slice(8)}`;
}

/** A fresh world per test: customers and products nobody else uses, refs nobody else uses. */
async function world() {
  const { db } = await testDatabase();
  const anna = await makeCustomer(db);
  const bertil = await makeCustomer(db);
  const giulia = await makeCustomer(db, {
    country: 'IT',
    preferredLanguage: 'it',
    nationalId: randomCodiceFiscale(),
  });
  const sek = await makeProduct(db, { currency: 'SEK' });
  const eur = await makeProduct(db, { currency: 'EUR', country: 'IT' });
  const prefix = `IMP-${randomUUID()}`;
  let n = 0;
  const ref = () => `${prefix}-${++n}`;
  /** A valid row for Anna on the SEK product; override any column. */
  const row = (overrides: Row = {}): Row => ({
    external_ref: ref(),
    holder_national_id: anna.nationalId,
    holder_country: 'SE',
    product_code: sek.product.code,
    product_version: String(sek.version.version),
    starts_on: '2026-01-01',
    ends_on: '2027-01-01',
    premium_frequency: 'monthly',
    premium_amount: '199.00',
    currency: 'SEK',
    declared_annual_income: '',
    ...overrides,
  });
  return { db, anna, bertil, giulia, sek, eur, ref, row };
}

describe('importPolicies', () => {
  it('imports every row of a good file, with exact amounts and normalized holder ids', async () => {
    const w = await world();
    const rows = [
      w.row({ premium_amount: '199.00' }),
      w.row({
        holder_national_id: shortPersonnummer(w.bertil.nationalId),
        premium_frequency: 'quarterly',
        premium_amount: '1250',
        declared_annual_income: '420000.10',
      }),
      w.row({
        holder_national_id: w.giulia.nationalId.toLowerCase(),
        holder_country: 'IT',
        product_code: w.eur.product.code,
        product_version: String(w.eur.version.version),
        currency: 'EUR',
        premium_frequency: 'annual',
        premium_amount: '480.5',
      }),
    ];
    const result = await run(csv(rows));
    expect(result).toEqual({
      rows: 3,
      valid: 3,
      updated: 0,
      imported: 3,
      alreadyImported: 0,
      invalidRows: 0,
      invalid: [],
      omittedErrors: 0,
      committed: true,
    });

    const stored = await policiesByRef(rows.map((r) => r.external_ref ?? ''));
    expect(
      stored.map((p) => ({
        customer: p.customer_id,
        version: p.product_version_id,
        currency: p.currency,
        schedule: p.premium_schedule,
        income: p.declared_annual_income_minor,
        period: [p.starts_on, p.ends_on],
      })),
    ).toEqual([
      {
        customer: w.anna.id,
        version: w.sek.version.id,
        currency: 'SEK',
        schedule: { frequency: 'monthly', amountMinor: 19_900, currency: 'SEK', firstDueDate: '2026-01-01' },
        income: null,
        period: ['2026-01-01', '2027-01-01'],
      },
      {
        customer: w.bertil.id,
        version: w.sek.version.id,
        currency: 'SEK',
        schedule: {
          frequency: 'quarterly',
          amountMinor: 125_000,
          currency: 'SEK',
          firstDueDate: '2026-01-01',
        },
        income: 42_000_010,
        period: ['2026-01-01', '2027-01-01'],
      },
      {
        customer: w.giulia.id,
        version: w.eur.version.id,
        currency: 'EUR',
        schedule: { frequency: 'annual', amountMinor: 48_050, currency: 'EUR', firstDueDate: '2026-01-01' },
        income: null,
        period: ['2026-01-01', '2027-01-01'],
      },
    ]);
  });

  it('imports nothing again when the same file is imported twice', async () => {
    const w = await world();
    const text = csv([w.row(), w.row({ holder_national_id: w.bertil.nationalId })]);
    expect(await run(text)).toMatchObject({ rows: 2, imported: 2, alreadyImported: 0, committed: true });

    const again = await run(text);
    expect(again).toMatchObject({
      rows: 2,
      valid: 0,
      imported: 0,
      alreadyImported: 2,
      invalidRows: 0,
      committed: true,
    });
    expect(await policiesByRef(text.match(/IMP-[^,]+/g) ?? [])).toHaveLength(2);
  });

  it('reports every bad row with row number and column and imports nothing of a bad file', async () => {
    const w = await world();
    const unregistered = randomPersonnummer();
    const rows = [
      w.row(), // row 2: good
      w.row({ holder_national_id: w.bertil.nationalId, starts_on: '2026-02-30' }), // 3
      w.row({
        holder_national_id: w.giulia.nationalId,
        holder_country: 'IT',
        product_code: 'NO-SUCH-PRODUCT',
      }), // 4
      w.row({ holder_national_id: w.bertil.nationalId, premium_amount: '12.345' }), // 5
      w.row({ holder_national_id: w.bertil.nationalId, currency: 'EUR' }), // 6
      w.row({ holder_national_id: unregistered }), // 7
      w.row({ starts_on: '2026-06-01', ends_on: '2026-12-01' }), // 8: overlaps row 2 (same holder, product)
      w.row({ holder_national_id: w.bertil.nationalId }), // 9: good
    ];
    const result = await run(csv(rows));
    expect(result).toMatchObject({
      rows: 8,
      valid: 2,
      imported: 0,
      alreadyImported: 0,
      invalidRows: 6,
      committed: false,
    });
    expect(result.invalid.map(({ row, column, code }) => ({ row, column, code }))).toEqual([
      { row: 3, column: 'starts_on', code: 'invalid_date' },
      { row: 4, column: 'product_code', code: 'product_not_found' },
      { row: 5, column: 'premium_amount', code: 'invalid_amount' },
      { row: 6, column: 'currency', code: 'currency_mismatch' },
      { row: 7, column: 'holder_national_id', code: 'holder_not_found' },
      { row: 8, column: 'starts_on', code: 'policy_period_overlap' },
    ]);
    const message = (row: number) => result.invalid.find((e) => e.row === row)?.message;
    expect(message(3)).toContain('2026-02-30');
    expect(message(5)).toContain('more than 2 decimals');
    expect(message(6)).toMatch(/sold in SEK, not EUR/);
    expect(message(7)).not.toContain(unregistered); // no personal data in messages
    expect(message(8)).toContain(`external_ref "${rows[0]?.external_ref}" earlier in this file`);
    expect(await policiesByRef(rows.map((r) => r.external_ref ?? ''))).toEqual([]);
  });

  it('with skipInvalid imports the good rows, exactly once over repeated runs', async () => {
    const w = await world();
    const rows = [
      w.row(), // 2: good
      w.row({ holder_national_id: w.bertil.nationalId, premium_amount: '1,50' }), // 3: bad amount
      w.row({ starts_on: '2026-06-01', ends_on: '2026-12-01' }), // 4: overlaps row 2
      w.row({ holder_national_id: w.bertil.nationalId }), // 5: good
    ];
    const text = csv(rows);
    const first = await run(text, { skipInvalid: true });
    expect(first).toMatchObject({ rows: 4, valid: 2, imported: 2, invalidRows: 2, committed: true });
    expect(first.invalid.map((e) => [e.row, e.column])).toEqual([
      [3, 'premium_amount'],
      [4, 'starts_on'],
    ]);
    expect(first.invalid[0]?.message).toContain("use '.' as the decimal separator");

    const second = await run(text, { skipInvalid: true });
    expect(second).toMatchObject({ rows: 4, valid: 0, imported: 0, alreadyImported: 2, invalidRows: 2 });
    // Row 4 now overlaps a committed policy, which the message names by number and reference.
    expect(second.invalid[1]?.message).toMatch(
      new RegExp(`already has policy POL-\\d{4}-\\d+ \\(external_ref "${rows[0]?.external_ref}"\\)`),
    );
    const stored = await policiesByRef(rows.map((r) => r.external_ref ?? ''));
    expect(stored.map((p) => p.external_ref)).toEqual([rows[0]?.external_ref, rows[3]?.external_ref].sort());
  });

  it('refuses a header with a missing or an unknown column before reading any row', async () => {
    const w = await world();
    const good = w.row();
    const missing = COLUMNS.filter((c) => c !== 'currency');
    const unknown = [...COLUMNS, 'policy_holder_name'];
    for (const [columns, code, text] of [
      [missing, 'missing_column', 'missing column "currency"'],
      [unknown, 'unknown_column', 'unknown column "policy_holder_name"'],
    ] as const) {
      const error = await run(csv([good], [...columns])).catch((e: unknown) => e);
      expect(error).toBeInstanceOf(AppError);
      expect(error).toMatchObject({ code: 'import_invalid' });
      expect((error as AppError).errors).toEqual([
        expect.objectContaining({
          in: 'file',
          path: ['header'],
          code,
          message: expect.stringContaining(text),
        }),
      ]);
    }
    expect(await policiesByRef([good.external_ref ?? ''])).toEqual([]);

    const semicolons = await run(`${COLUMNS.join(';')}\n`).catch((e: unknown) => e);
    expect((semicolons as AppError).errors[0]?.code).toBe('wrong_separator');
    const empty = await run('').catch((e: unknown) => e);
    expect((empty as AppError).errors[0]?.code).toBe('missing_header');
  });

  it('writes nothing on a dry run, yet validates against the database', async () => {
    const w = await world();
    const rows = [w.row(), w.row({ holder_national_id: w.bertil.nationalId })];
    const text = csv(rows);
    expect(await run(text, { dryRun: true })).toMatchObject({
      rows: 2,
      valid: 2,
      imported: 0,
      alreadyImported: 0,
      invalidRows: 0,
      committed: false,
    });
    expect(await policiesByRef(rows.map((r) => r.external_ref ?? ''))).toEqual([]);

    const bad = await run(csv([...rows, w.row({ product_version: '99' })]), { dryRun: true });
    expect(bad.invalid).toEqual([
      expect.objectContaining({ row: 4, column: 'product_version', code: 'product_version_not_found' }),
    ]);

    expect(await run(text)).toMatchObject({ imported: 2, committed: true });
  });

  it('accepts a BOM, CRLF line ends, blank lines, any column order and no declared_annual_income column', async () => {
    const w = await world();
    const columns = [...COLUMNS.filter((c) => c !== 'declared_annual_income')].reverse();
    const rows = [w.row(), w.row({ holder_national_id: w.bertil.nationalId, starts_on: 'soon' })];
    const text = `\uFEFF${csv(rows, columns, '\r\n').replace('\r\n', '\r\n\r\n')}`; // blank line after header
    const result = await run(text);
    // The blank line is row 2, as a spreadsheet shows it.
    expect(result.invalid).toEqual([
      expect.objectContaining({ row: 4, column: 'starts_on', code: 'invalid_date' }),
    ]);
    expect((await run(text, { skipInvalid: true })).imported).toBe(1);
  });

  it('reports a row with the wrong number of fields and refuses a file with a broken quote', async () => {
    const w = await world();
    const good = csv([w.row()]);
    const result = await run(`${good}only,three,fields\n`);
    expect(result.invalid).toEqual([
      {
        row: 3,
        column: null,
        code: 'wrong_field_count',
        message: `has 3 fields but the header has ${COLUMNS.length} columns`,
      },
    ]);
    expect(result.committed).toBe(false);

    const broken = await run(`${good}"unterminated,${'x,'.repeat(10)}\n`).catch((e: unknown) => e);
    expect(broken).toMatchObject({
      code: 'import_invalid',
      errors: [expect.objectContaining({ code: 'malformed_csv' })],
    });
  });

  it('checks product version status, duplicates within the file and overlaps with existing policies', async () => {
    const w = await world();
    const draft = await makeProduct(w.db, { status: 'draft' });
    const existing = await makePolicy(w.db, {
      customerId: w.bertil.id,
      productVersionId: w.sek.version.id,
      startsOn: '2026-01-01',
      endsOn: '2027-01-01',
    });
    const first = w.row();
    const rows = [
      first,
      { ...first, starts_on: '2028-01-01', ends_on: '2029-01-01' }, // same external_ref again
      w.row({ product_code: draft.product.code, product_version: String(draft.version.version) }),
      w.row({ holder_national_id: w.bertil.nationalId, starts_on: '2026-12-01', ends_on: '2027-12-01' }),
      w.row({ ends_on: '2026-01-01' }),
      w.row({ starts_on: '0000-01-01' }), // a valid-looking date PostgreSQL would reject
    ];
    const result = await run(csv(rows), { skipInvalid: true });
    expect(result.invalid.map(({ row, column, code }) => ({ row, column, code }))).toEqual([
      { row: 3, column: 'external_ref', code: 'duplicate_in_file' },
      { row: 4, column: 'product_version', code: 'product_version_not_active' },
      { row: 5, column: 'starts_on', code: 'policy_period_overlap' },
      { row: 6, column: 'ends_on', code: 'policy_period_invalid' },
      { row: 7, column: 'starts_on', code: 'invalid_date' },
    ]);
    expect(result.invalid[2]?.message).toContain(existing.policyNumber);
    expect(result).toMatchObject({ imported: 1, committed: true });
  });

  it('imports each row once when the same file is imported twice at the same time', async () => {
    const w = await world();
    const rows = [
      w.row(),
      w.row({ holder_national_id: w.bertil.nationalId }),
      w.row({
        holder_national_id: w.giulia.nationalId,
        holder_country: 'IT',
        product_code: w.eur.product.code,
        currency: 'EUR',
      }),
    ];
    const text = csv(rows);
    // On PostgreSQL the second import waits for the first one's locks, then finds its rows.
    const [a, b] = await Promise.all([run(text), run(text)]);
    expect([...a.invalid, ...b.invalid]).toEqual([]);
    expect(a.imported + b.imported).toBe(3);
    expect(a.alreadyImported + b.alreadyImported).toBe(3);
    expect(await policiesByRef(rows.map((r) => r.external_ref ?? ''))).toHaveLength(3);
  });

  it('streams a large file and caps the error list', async () => {
    const rows = MAX_REPORTED_ERRORS + 200;
    async function* lines() {
      yield `${COLUMNS.join(',')}\n`;
      for (let i = 0; i < rows; i++) {
        yield `X-${i},not-a-number,SE,P,1,2026-01-01,2027-01-01,monthly,1.00,SEK,,\n`;
      }
    }
    const result = await run(Readable.from(lines()));
    expect(result).toMatchObject({ rows, invalidRows: rows, omittedErrors: 200, committed: false });
    expect(result.invalid).toHaveLength(MAX_REPORTED_ERRORS);
    expect(result.invalid[0]).toMatchObject({ row: 2, column: 'holder_national_id' });
  });

  it('updates the terms of a known policy, once, and refuses a change to what identifies it', async () => {
    const w = await world();
    const first = w.row();
    const second = w.row({ holder_national_id: w.bertil.nationalId });
    expect(await run(csv([first, second]))).toMatchObject({ imported: 2, committed: true });

    const changed = { ...first, ends_on: '2027-06-01', premium_amount: '210.00', status: 'cancelled' };
    const moved = { ...second, product_code: w.eur.product.code, starts_on: '2026-02-01' };
    const result = await run(csv([changed, moved]), { skipInvalid: true });
    expect(result).toMatchObject({ rows: 2, valid: 0, updated: 1, alreadyImported: 0, invalidRows: 1 });
    expect(result.invalid.map(({ row, column, code }) => ({ row, column, code }))).toEqual([
      { row: 3, column: 'product_code', code: 'not_updatable' },
      { row: 3, column: 'starts_on', code: 'not_updatable' },
    ]);
    const [stored] = await policiesByRef([first.external_ref ?? '']);
    expect(stored).toMatchObject({ ends_on: '2027-06-01', status: 'cancelled', version: 2 });
    expect(stored?.premium_schedule).toMatchObject({
      amountMinor: 21_000,
      frequency: 'monthly',
      currency: 'SEK',
    });
    const events = await w.db
      .selectFrom('audit_events')
      .select(['action', 'data'])
      .where('entity_id', '=', stored?.id ?? '')
      .orderBy('seq')
      .execute();
    expect(events.map((e) => e.action)).toEqual(['policy.issued', 'policy.updated']);
    expect(events[1]?.data).toMatchObject({
      source: 'import',
      changes: {
        ends_on: { from: '2027-01-01', to: '2027-06-01' },
        premium_amount: { from: 19_900, to: 21_000 },
      },
    });

    // The same file again: nothing differs any more, nothing is written.
    const again = await run(csv([changed]));
    expect(again).toMatchObject({ updated: 0, alreadyImported: 1, committed: true });
    expect((await policiesByRef([first.external_ref ?? '']))[0]?.version).toBe(2);
  });

  it('refuses an update that would overlap another policy, and a new policy that is not active', async () => {
    const w = await world();
    const a = w.row({ starts_on: '2026-01-01', ends_on: '2026-07-01' });
    const b = w.row({ starts_on: '2026-07-01', ends_on: '2027-01-01' });
    expect(await run(csv([a, b]))).toMatchObject({ imported: 2 });
    const result = await run(
      csv([
        { ...a, ends_on: '2026-09-01' },
        w.row({ status: 'expired', starts_on: '2030-01-01', ends_on: '2031-01-01' }),
      ]),
    );
    expect(result.invalid.map(({ row, column, code }) => ({ row, column, code }))).toEqual([
      { row: 2, column: 'ends_on', code: 'policy_period_overlap' },
      { row: 3, column: 'status', code: 'status_on_create' },
    ]);
    expect(result.committed).toBe(false);
  });

  it('reads JSON Lines and, with skipInvalid, commits batch by batch', async () => {
    const w = await world();
    const rows = [
      w.row(),
      w.row({ holder_national_id: w.bertil.nationalId }),
      w.row({ starts_on: '2027-01-01', ends_on: '2028-01-01' }),
    ];
    const jsonl = `${rows.map((r) => JSON.stringify({ ...r, product_version: Number(r.product_version), declared_annual_income: null })).join('\n')}\nnot json\n`;
    const batches: number[] = [];
    const { db } = await testDatabase();
    const result = await importPolicies({
      db,
      actor,
      source: Readable.from([Buffer.from(jsonl)]),
      format: 'jsonl',
      skipInvalid: true,
      dryRun: false,
      batchSize: 2,
      onBatch: (n) => batches.push(n),
    });
    expect(batches).toEqual([2, 4]);
    expect(result).toMatchObject({ rows: 4, valid: 3, imported: 3, invalidRows: 1, committed: true });
    expect(result.invalid).toEqual([expect.objectContaining({ row: 4, column: null, code: 'invalid_json' })]);
    // A ref repeated in a later batch (committed already) is still this file's duplicate.
    const fresh = w.row({ starts_on: '2029-01-01', ends_on: '2030-01-01' });
    const dup = await importPolicies({
      db,
      actor,
      source: Readable.from([Buffer.from(csv([fresh, { ...fresh, ends_on: '2031-01-01' }]))]),
      skipInvalid: true,
      dryRun: false,
      batchSize: 1,
    });
    expect(dup).toMatchObject({ valid: 1, updated: 0, invalidRows: 1 });
    expect(dup.invalid[0]).toMatchObject({ row: 3, code: 'duplicate_in_file' });
  });

  it('imports nothing when the source fails part-way', async () => {
    const w = await world();
    const row = w.row();
    const source = new Readable({ read() {} });
    source.push(csv([row]));
    setTimeout(() => source.destroy(Object.assign(new Error('EIO: i/o error, read'), { code: 'EIO' })), 50);
    const error = await run(source).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(PolicyImportSourceError);
    expect(await policiesByRef([row.external_ref ?? ''])).toEqual([]);
  });
});

// --- The real command, as a child process -----------------------------------------------------

const ROOT = path.resolve(import.meta.dirname, '../../..');

function cli(args: string[], dataDir: string): Promise<{ code: number; stdout: string; stderr: string }> {
  return new Promise((resolve) => {
    execFile(
      process.execPath,
      ['src/cli/main.ts', ...args],
      {
        cwd: ROOT,
        // Always an embedded database of its own: never the shared test database.
        env: { ...process.env, CLAIMDESK_DATA_DIR: dataDir, CLAIMDESK_SEED_DEMO: 'false', DATABASE_URL: '' },
      },
      (error, stdout, stderr) => {
        const code = error ? (typeof error.code === 'number' ? error.code : 1) : 0;
        resolve({ code, stdout, stderr });
      },
    );
  });
}

const STACK_LINE = /^\s+at /m;

// Each child process boots Node and, for the database tests, an embedded PGlite: allow for a slow machine.
describe('claimdesk import policies (CLI)', { timeout: 90_000 }, () => {
  const tmp = mkdtempSync(path.join(tmpdir(), 'claimdesk-import-'));
  const dataDir = path.join(tmp, 'data');
  afterAll(() => rmSync(tmp, { recursive: true, force: true }));

  it('explains the format in --help', async () => {
    const { code, stdout } = await cli(['import', 'policies', '--help'], dataDir);
    expect(code).toBe(0);
    for (const column of POLICY_IMPORT_COLUMNS) expect(stdout).toContain(column);
    expect(stdout).toContain('--skip-invalid');
    expect(stdout).toContain('--dry-run');
    expect(stdout).toContain('test/fixtures/policies-sample.csv');
  });

  it('fails clearly on a missing file', async () => {
    const missing = path.join(tmp, 'no-such-file.csv');
    const { code, stdout, stderr } = await cli(['import', 'policies', missing], dataDir);
    expect(code).toBe(66);
    expect(stderr.trim()).toBe(`cannot read ${missing}: no such file`);
    expect(stdout).toBe('');
  });

  describe('on a database', () => {
    let holder = '';
    let product = '';
    beforeAll(async () => {
      const database = await openDatabase({ dataDir });
      try {
        await migrate(database);
        const customer = await makeCustomer(database.db);
        const made = await makeProduct(database.db);
        holder = customer.nationalId;
        product = made.product.code;
      } finally {
        await database.close();
      }
    });

    const write = (name: string, text: string) => {
      const file = path.join(tmp, name);
      writeFileSync(file, text);
      return file;
    };
    const line = (ref: string, amount = '199.00') =>
      `${ref},${holder},SE,${product},1,2026-01-01,2027-01-01,monthly,${amount},SEK,,`;

    it('imports a file, skips it the second time and reports bad rows with exit 65', async () => {
      const good = write('good.csv', `${COLUMNS.join(',')}\n${line('CLI-1')}\n`);
      const first = await cli(['import', 'policies', good], dataDir);
      expect(first).toMatchObject({ code: 0, stderr: '' });
      const [firstLine, counts] = first.stdout.trim().split('\n');
      expect(firstLine).toBe('imported 1 of 1 row(s) (0 already imported)');
      expect(counts).toMatch(/^1 created, 0 updated, 0 unchanged, 0 invalid \(peak RSS \d+ MB\)$/);

      const second = await cli(['import', 'policies', good], dataDir);
      expect(second.stdout.split('\n')[0]).toBe('imported 0 of 1 row(s) (1 already imported)');
      expect(second.code).toBe(0);

      const bad = write('bad.csv', `${COLUMNS.join(',')}\n${line('CLI-2', '12.345')}\n`);
      const third = await cli(['import', 'policies', bad, '--dry-run'], dataDir);
      expect(third.code).toBe(65);
      expect(third.stderr.trim()).toBe(
        'row 2, column premium_amount: has more than 2 decimals, got "12.345"',
      );
      expect(third.stdout).toContain('nothing was written');
    });

    it('refuses a bad header with exit 65 and no stack trace', async () => {
      const file = write('header.csv', 'external_ref,holder\nX,Y\n');
      const { code, stderr } = await cli(['import', 'policies', file], dataDir);
      expect(code).toBe(65);
      expect(stderr).toContain('error [import_invalid]: The header row does not match');
      expect(stderr).toContain('unknown column "holder"');
      expect(stderr).toContain('missing column "currency"');
      expect(stderr).not.toMatch(STACK_LINE);
    });
  });
});
