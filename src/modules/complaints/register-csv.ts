import { pipeline, type Readable, Readable as ReadableStream } from 'node:stream';
import { type Options, stringify } from 'csv-stringify';
import { stringify as stringifySync } from 'csv-stringify/sync';
import { REGISTER_COLUMNS, type RegisterRow, registerCells } from './register-rows.ts';

// The register as CSV for a spreadsheet: UTF-8 with a byte-order mark (without it Excel reads
// "Försäkring" as mojibake), a header row, CRLF between records (RFC 4180). csv-stringify quotes a
// cell holding a comma or a quote; with CRLF records it would not quote a lone LF or CR inside a
// cell, which a customer's text may hold, so those are quoted explicitly.

const OPTIONS: Options = {
  bom: true,
  header: true,
  columns: REGISTER_COLUMNS.map((c) => c.header),
  record_delimiter: 'windows',
  quoted_match: /[\r\n]/,
};

/** The register as a CSV byte stream, one record per row as the rows arrive (constant memory). */
export function registerCsvStream(rows: AsyncIterable<RegisterRow>): Readable {
  const csv = stringify(OPTIONS);
  async function* cells() {
    for await (const row of rows) yield registerCells(row);
  }
  // A failure while reading (the database went away) destroys the CSV stream, so the response is
  // cut off rather than ending as if the register were complete.
  pipeline(ReadableStream.from(cells()), csv, () => {});
  return csv;
}

/** The whole register as one CSV string (small exports, tests). */
export function registerCsv(rows: readonly RegisterRow[]): string {
  return stringifySync(rows.map(registerCells), OPTIONS);
}
