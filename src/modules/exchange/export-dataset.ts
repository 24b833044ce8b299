import type { Writable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import type { Kysely } from 'kysely';
import type { DB } from '../../db/schema.ts';
import { type ExportFormat, encodeRows } from './export-format.ts';
import { DATASETS, type DatasetName, type Period, type Row, rowId } from './warehouse-datasets.ts';

export const EXPORT_PAGE_SIZE = 2000;

/** The dataset's rows in the period, one page in memory at a time. */
export async function* datasetRows(
  db: Kysely<DB>,
  name: DatasetName,
  period: Period,
  pageSize = EXPORT_PAGE_SIZE,
): AsyncGenerator<Row> {
  const dataset = DATASETS[name];
  let after: string | null = null;
  for (;;) {
    const page = await dataset.page(db, period, after, pageSize);
    for (const row of page) yield row;
    if (page.length < pageSize) return;
    after = rowId(dataset, page[page.length - 1] as Row);
  }
}

/**
 * Writes a dataset to `out` as JSON Lines or CSV, streaming: rows are read a page at a time and
 * only as fast as `out` accepts bytes (backpressure), so memory does not grow with the export.
 * Reads are not one snapshot: rows registered during a long export may or may not be in it, which
 * is what a warehouse's next incremental load expects. Resolves with the number of rows written.
 */
export async function exportDataset(opts: {
  db: Kysely<DB>;
  dataset: DatasetName;
  format: ExportFormat;
  period: Period;
  out: Writable;
  pageSize?: number;
  onRow?: (count: number) => void;
}): Promise<number> {
  let count = 0;
  const counted = async function* () {
    for await (const row of datasetRows(opts.db, opts.dataset, opts.period, opts.pageSize)) {
      count++;
      opts.onRow?.(count);
      yield row;
    }
  };
  await pipeline(encodeRows(opts.format, DATASETS[opts.dataset].columns, counted()), opts.out);
  return count;
}
