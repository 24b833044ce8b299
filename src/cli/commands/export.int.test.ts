import { mkdtempSync, readFileSync, rmSync, statSync } from 'node:fs';
import { readdir } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { parse } from 'csv-parse/sync';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  makeCustomer,
  makePolicy,
  makeProduct,
  payPremiums,
  STRAIGHT_THROUGH_CONFIG,
} from '../../../test/support/factories.ts';
import { runCli, type ScratchDatabase, scratchDatabase } from '../../../test/support/scratch-database.ts';
import { migrate } from '../../db/migrate.ts';
import { registerClaim } from '../../modules/claims/index.ts';
import { DATASETS } from '../../modules/exchange/index.ts';
import { systemActor } from '../../modules/users/index.ts';

// `claimdesk export` as a child process on whichever engine the run uses: the rows equal the
// database's (count and content), both formats, the period filter, an empty period, bad input, and
// memory: BULK claims export within a V8 heap too small to hold them all.

const BULK = 80_000;
/** A V8 heap the export fits in only if it streams (the rows held at once need more than this). */
const HEAP_MB = 112;

describe('claimdesk export (CLI)', { timeout: 120_000 }, () => {
  const dir = mkdtempSync(path.join(tmpdir(), 'claimdesk-export-'));
  let scratch: ScratchDatabase;
  let claimCount = 0;
  let decisionCount = 0;
  let known: { id: string; claimNumber: string; customerId: string; total: number };

  beforeAll(async () => {
    scratch = await scratchDatabase();
    const database = await scratch.open();
    try {
      await migrate(database);
      const { db } = database;
      const customer = await makeCustomer(db);
      const { version } = await makeProduct(db, { config: STRAIGHT_THROUGH_CONFIG });
      const policy = await makePolicy(db, { customerId: customer.id, productVersionId: version.id });
      await payPremiums(db, { policyId: policy.id, amountMinor: 12 * 19_900, paidOn: ['2026-01-01'] });
      for (const [amountMinor, day] of [
        [12_000, '2026-02-15'],
        [34_000, '2026-03-10'],
        [900_000, '2026-04-02'],
      ] as const) {
        const { claim } = await registerClaim({
          db,
          actor: systemActor('export-test'),
          input: {
            customerId: customer.id,
            policyId: policy.id,
            incidentDate: day,
            description: 'Clinic visit abroad',
            documents: ['receipt'],
            channel: 'phone',
            cause: 'illness',
            incidentCountry: 'ES',
            lines: [
              {
                benefitCode: 'MEDICAL_EXPENSES',
                description: 'Clinic visit',
                serviceDate: day,
                amountMinor,
                currency: 'SEK',
              },
            ],
          },
        });
        known = { id: claim.id, claimNumber: claim.claimNumber, customerId: customer.id, total: amountMinor };
      }
      // The bulk of the rows, set-based (registering 60,000 one by one would take minutes): copies
      // of the last claim, registered on 2025-06-01, so that a period can leave them out.
      await sql`
        INSERT INTO claims (id, claim_number, customer_id, policy_id, insured_person_id, status, channel,
          incident_date, description, currency, total_claimed_minor, registered_at, status_changed_at)
        SELECT gen_random_uuid(), 'BULK-' || lpad(g::text, 7, '0'), c.customer_id, c.policy_id,
          c.insured_person_id, c.status, c.channel, c.incident_date, repeat('x', 200), c.currency,
          g, '2025-06-01T10:00:00Z', '2025-06-01T10:00:00Z'
        FROM claims c, generate_series(1, ${BULK}) g WHERE c.id = ${known.id}`.execute(db);
      claimCount = Number(
        (
          await db
            .selectFrom('claims')
            .select((eb) => eb.fn.countAll<number>().as('n'))
            .executeTakeFirstOrThrow()
        ).n,
      );
      decisionCount = Number(
        (
          await db
            .selectFrom('claim_decisions')
            .select((eb) => eb.fn.countAll<number>().as('n'))
            .executeTakeFirstOrThrow()
        ).n,
      );
    } finally {
      await database.close();
    }
  });
  afterAll(async () => {
    await scratch?.drop();
    rmSync(dir, { recursive: true, force: true });
  });

  it('writes every claim as JSON Lines, typed, in a file that appears only when complete', async () => {
    const out = path.join(dir, 'claims.jsonl');
    const run = await runCli(['export', 'claims', '--out', out], scratch.env);
    expect(run.code, run.stderr).toBe(0);
    expect(run.stderr).toContain(`exported ${claimCount} claims`);
    const lines = readFileSync(out, 'utf8').trimEnd().split('\n');
    expect(lines).toHaveLength(claimCount);
    const rows = lines.map((l) => JSON.parse(l) as Record<string, unknown>);
    expect(new Set(rows.map((r) => r.claim_id)).size).toBe(claimCount);
    expect(Object.keys(rows[0] ?? {})).toEqual([...DATASETS.claims.columns]);
    expect(rows.find((r) => r.claim_id === known.id)).toMatchObject({
      claim_number: known.claimNumber,
      customer_id: known.customerId,
      total_claimed_minor: known.total,
      line_count: 1,
      incident_country: 'ES',
      external_ref: null,
    });
    expect(await readdir(dir)).not.toContain('claims.jsonl.partial');
  });

  it('writes decisions as CSV with a header, and a period filters by the time of the event', async () => {
    expect(decisionCount).toBeGreaterThan(0); // the two small claims were decided straight through
    const out = path.join(dir, 'decisions.csv');
    const run = await runCli(['export', 'decisions', '--format', 'csv', '--out', out], scratch.env);
    expect(run.code, run.stderr).toBe(0);
    const records = parse(readFileSync(out, 'utf8'), { columns: true }) as Record<string, string>[];
    expect(records).toHaveLength(decisionCount);
    expect(records[0]).toMatchObject({ outcome: 'approved', straight_through: 'true', decided_by: '' });

    const old = path.join(dir, 'old-claims.csv');
    const period = await runCli(
      ['export', 'claims', '--format', 'csv', '--from', '2025-06-01', '--to', '2025-06-01', '--out', old],
      scratch.env,
    );
    expect(period.code, period.stderr).toBe(0);
    expect(parse(readFileSync(old, 'utf8'), { columns: true })).toHaveLength(BULK);
  });

  it('writes an empty period as a header alone (CSV) or an empty file (JSON Lines), not an error', async () => {
    const csv = await runCli(
      ['export', 'claims', '--format', 'csv', '--from', '2001-01-01', '--to', '2001-12-31'],
      scratch.env,
    );
    expect(csv.code, csv.stderr).toBe(0);
    expect(csv.stdout).toBe(`${DATASETS.claims.columns.join(',')}\n`);
    const jsonl = await runCli(
      ['export', 'decisions', '--from', '2001-01-01', '--to', '2001-12-31'],
      scratch.env,
    );
    expect(jsonl.code, jsonl.stderr).toBe(0);
    expect(jsonl.stdout).toBe('');
  });

  it('refuses a bad period and an unwritable file clearly, leaving no file behind', async () => {
    const bad = await runCli(['export', 'claims', '--from', '2026-02-30'], scratch.env);
    expect(bad.code).toBe(65);
    expect(bad.stderr).toContain('--from: "2026-02-30" is not a date');
    const backwards = await runCli(
      ['export', 'claims', '--from', '2026-03-01', '--to', '2026-02-01'],
      scratch.env,
    );
    expect(backwards.code).toBe(65);
    expect(backwards.stderr).toContain('before it starts');
    const nowhere = path.join(dir, 'missing-dir', 'claims.csv');
    const unwritable = await runCli(['export', 'claims', '--out', nowhere], scratch.env);
    expect(unwritable.code).toBe(73);
    expect(unwritable.stderr).toContain('nothing was exported');
    expect(unwritable.stderr).not.toMatch(/\n\s+at /); // no stack trace
  });

  it(`streams: ${BULK.toLocaleString('en')} claims export within a ${HEAP_MB} MB heap`, async () => {
    // Held in memory at once (checked by hand: collecting the rows before writing them), this export
    // dies with "JavaScript heap out of memory" under this limit; streamed, a page at a time, it fits.
    const out = path.join(dir, 'all.jsonl');
    const run = await runCli(['export', 'claims', '--out', out], {
      ...scratch.env,
      NODE_OPTIONS: `--max-old-space-size=${HEAP_MB}`,
    });
    expect(run.code, run.stderr.slice(0, 500)).toBe(0);
    expect(run.stderr).toContain(`exported ${claimCount} claims`);
    expect(statSync(out).size / 1024 / 1024).toBeGreaterThan(35);
  });
});
