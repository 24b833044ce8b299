import type { Kysely, Transaction } from 'kysely';
import type { DB } from '../../db/schema.ts';
import type { RowIssue, SourceRecord } from './import-records.ts';

// What every upsert import shares: grouping the streamed records into batches, writing each batch
// in one transaction (or, all or nothing, every batch in one transaction), and the counts and row
// errors of the run, of which only the first MAX_REPORTED_ERRORS are kept so memory stays flat.

export const IMPORT_BATCH_SIZE = 500;
export const MAX_REPORTED_ERRORS = 1000;

export type ImportRowError = { line: number; column: string | null; code: string; message: string };

export type ImportCounts = {
  /** Data records read (a CSV header not counted). */
  rows: number;
  created: number;
  updated: number;
  unchanged: number;
  /** Rows that are fine but were deliberately not applied (e.g. an erased customer). */
  refused: number;
  invalidRows: number;
};

export type ImportResult = ImportCounts & {
  /** Row errors and refusals in file order; at most MAX_REPORTED_ERRORS. */
  errors: ImportRowError[];
  omittedErrors: number;
  /** Whether the writes were kept (false: dry run, or invalid rows without skipInvalid). */
  committed: boolean;
};

export class ImportTally {
  readonly counts: ImportCounts = {
    rows: 0,
    created: 0,
    updated: 0,
    unchanged: 0,
    refused: 0,
    invalidRows: 0,
  };
  readonly errors: ImportRowError[] = [];
  omitted = 0;

  invalid(line: number, issues: RowIssue[]): void {
    this.counts.invalidRows += 1;
    this.#list(line, issues);
  }

  refused(line: number, issue: RowIssue): void {
    this.counts.refused += 1;
    this.#list(line, [issue]);
  }

  #list(line: number, issues: RowIssue[]): void {
    for (const issue of issues) {
      if (this.errors.length < MAX_REPORTED_ERRORS) this.errors.push({ line, ...issue });
      else this.omitted += 1;
    }
  }

  result(committed: boolean): ImportResult {
    return {
      ...this.counts,
      errors: this.errors.sort((a, b) => a.line - b.line),
      omittedErrors: this.omitted,
      committed,
    };
  }
}

/** Groups records into arrays of `size`, pulling from the source only as batches are taken. */
export async function* batchesOf<T>(items: AsyncIterable<T>, size: number): AsyncGenerator<T[]> {
  let batch: T[] = [];
  for await (const item of items) {
    batch.push(item);
    if (batch.length >= size) {
      yield batch;
      batch = [];
    }
  }
  if (batch.length > 0) yield batch;
}

/** Thrown inside the transaction to roll it back on purpose; never escapes `runImportBatches`. */
class RollbackImport extends Error {}

/**
 * Runs `write` on each batch. `allOrNothing`: one transaction for the file, rolled back at the end
 * if a row was invalid or on a dry run (the database holds the uncommitted rows, this process only
 * the current batch). Otherwise one transaction per batch: a crash part-way keeps the batches
 * done, and running the same file again finishes the rest (the upsert makes it idempotent).
 */
export async function runImportBatches(opts: {
  db: Kysely<DB>;
  records: AsyncIterable<SourceRecord>;
  batchSize: number;
  allOrNothing: boolean;
  dryRun: boolean;
  tally: ImportTally;
  write: (trx: Transaction<DB>, batch: { line: number; record: Record<string, string> }[]) => Promise<void>;
  onBatch?: (rows: number) => void;
}): Promise<ImportResult> {
  const { tally } = opts;
  const handle = async (trx: Transaction<DB>, batch: SourceRecord[]) => {
    const good: { line: number; record: Record<string, string> }[] = [];
    for (const item of batch) {
      tally.counts.rows += 1;
      if ('issues' in item) tally.invalid(item.line, item.issues);
      else good.push(item);
    }
    if (good.length > 0) await opts.write(trx, good);
    opts.onBatch?.(tally.counts.rows);
  };
  if (!opts.allOrNothing && !opts.dryRun) {
    for await (const batch of batchesOf(opts.records, opts.batchSize)) {
      await opts.db.transaction().execute((trx) => handle(trx, batch));
    }
    return tally.result(true);
  }
  try {
    await opts.db.transaction().execute(async (trx) => {
      for await (const batch of batchesOf(opts.records, opts.batchSize)) await handle(trx, batch);
      if (opts.dryRun || tally.counts.invalidRows > 0) throw new RollbackImport();
    });
    return tally.result(true);
  } catch (error) {
    if (!(error instanceof RollbackImport)) throw error;
    return tally.result(false);
  }
}
