import { Readable } from 'node:stream';
import { stringify } from 'csv-stringify';
import type { Cell, Row } from './warehouse-datasets.ts';

// The two file formats a warehouse loads. JSON Lines keeps types (numbers, booleans, lists, null);
// CSV is RFC 4180 with a header row — always written, so an empty period is a file with headers,
// not an error — lists joined with ";" and null as an empty field.

export type ExportFormat = 'jsonl' | 'csv';
export const EXPORT_FORMATS: readonly ExportFormat[] = ['jsonl', 'csv'];

export function csvCell(value: Cell): string | number {
  if (value === null) return '';
  if (Array.isArray(value)) return value.join(';');
  if (typeof value === 'boolean') return String(value);
  return value;
}

/** One JSON Lines record: the columns in order, missing ones as null. */
export function jsonLine(columns: readonly string[], row: Row): string {
  const ordered: Row = {};
  for (const c of columns) ordered[c] = row[c] ?? null;
  return `${JSON.stringify(ordered)}\n`;
}

/** The file's bytes as a stream, pulling rows only as fast as the reader takes them. */
export function encodeRows(
  format: ExportFormat,
  columns: readonly string[],
  rows: AsyncIterable<Row>,
): Readable {
  if (format === 'jsonl') {
    return Readable.from(
      (async function* () {
        for await (const row of rows) yield jsonLine(columns, row);
      })(),
      { objectMode: false },
    );
  }
  const cells = Readable.from(
    (async function* () {
      for await (const row of rows) yield columns.map((c) => csvCell(row[c] ?? null));
    })(),
  );
  return cells.pipe(stringify({ header: true, columns: [...columns] }));
}
