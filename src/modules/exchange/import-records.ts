import path from 'node:path';
import { createInterface } from 'node:readline';
import type { Readable } from 'node:stream';
import { type CsvError, parse } from 'csv-parse';
import { AppError, type FieldError } from '../../lib/errors.ts';

// Reading an import file record by record, CSV or JSON Lines, with back-pressure: only the record
// being handled (and the parser's small read-ahead) is in memory, whatever the file's size. Both
// formats hand over the same thing: a flat record of trimmed strings keyed by column name, and
// the line (CSV: spreadsheet row, header = 1; JSON Lines: line number) for error messages.

export const IMPORT_FORMATS = ['csv', 'jsonl'] as const;
export type ImportFormat = (typeof IMPORT_FORMATS)[number];

/** The format named by --format, else by the file's extension; null when neither tells. */
export function importFormatOf(file: string, explicit?: string): ImportFormat | null {
  if (explicit)
    return (IMPORT_FORMATS as readonly string[]).includes(explicit) ? (explicit as ImportFormat) : null;
  const ext = path.extname(file).toLowerCase();
  if (ext === '.csv') return 'csv';
  if (ext === '.jsonl' || ext === '.ndjson') return 'jsonl';
  return null;
}

export type RowIssue = { column: string | null; code: string; message: string };

export type SourceRecord =
  | { line: number; record: Record<string, string> }
  | { line: number; issues: RowIssue[] };

/** The source stream failed (missing file, permissions, a directory…): nothing was imported. */
export class ImportSourceError extends Error {
  constructor(cause: unknown) {
    super((cause as Error)?.message ?? String(cause), { cause });
    this.name = 'ImportSourceError';
  }
}

export function importFileError(message: string, errors: FieldError[]): AppError {
  return new AppError('import_invalid', message, { errors });
}

/**
 * Checks the columns of a format: every name known, none twice, every required one present.
 * Throws `import_invalid` listing all problems (CSV: the header, before any row is read).
 */
export function checkColumns(
  names: string[],
  spec: { columns: readonly string[]; required: readonly string[]; what: string },
): string[] {
  const lower = names.map((n) => n.toLowerCase());
  const expected = spec.columns.join(',');
  if (lower.length === 1 && /[;\t]/.test(lower[0] ?? '')) {
    throw importFileError(
      'The header row has a single column: the file seems to use semicolons or tabs as separator; ' +
        'Claimdesk expects comma-separated values. Nothing was imported.',
      [
        {
          in: 'file',
          path: ['header'],
          code: 'wrong_separator',
          message: `expected the columns ${expected}`,
        },
      ],
    );
  }
  const problems = columnProblems(lower, spec);
  if (problems.length > 0) {
    throw importFileError(
      `The header row does not match the ${spec.what} import format (${problems.length} problem(s)); nothing was imported.`,
      problems.map((message) => ({
        in: 'file',
        path: ['header'],
        code: message.code,
        message: message.text,
      })),
    );
  }
  return lower;
}

function columnProblems(
  names: string[],
  spec: { columns: readonly string[]; required: readonly string[] },
): { code: string; text: string }[] {
  const problems: { code: string; text: string }[] = [];
  const seen = new Set<string>();
  names.forEach((name, i) => {
    const shown = name === '' ? `(empty, column ${i + 1})` : JSON.stringify(name);
    if (!spec.columns.includes(name)) {
      problems.push({
        code: 'unknown_column',
        text: `unknown column ${shown}; the columns are ${spec.columns.join(',')}`,
      });
    } else if (seen.has(name)) {
      problems.push({ code: 'duplicate_column', text: `column ${shown} appears twice` });
    }
    seen.add(name);
  });
  for (const column of spec.required) {
    if (!seen.has(column)) problems.push({ code: 'missing_column', text: `missing column "${column}"` });
  }
  return problems;
}

export function emptyImportFileError(columns: readonly string[]): AppError {
  return importFileError('The file is empty: the first row must be the header. Nothing was imported.', [
    {
      in: 'file',
      path: ['header'],
      code: 'missing_header',
      message: `expected the columns ${columns.join(',')}`,
    },
  ]);
}

export function malformedCsvError(message: string): AppError {
  return importFileError(`The file is not valid CSV: ${message}. Nothing was imported.`, [
    { in: 'file', path: ['csv'], code: 'malformed_csv', message },
  ]);
}

/**
 * The file's records in order. CSV: the header is checked by `checkHeader` (throws on a bad one)
 * before any row is handed over; a row with the wrong number of fields is a row issue; a broken
 * quote refuses the file (no trustworthy record boundary after it). JSON Lines: every non-blank
 * line is one JSON object; a line that is not is a row issue, an unknown key too; numbers and
 * booleans become their text, null an empty field. The source is destroyed when iteration ends.
 */
export async function* readImportRecords(opts: {
  source: Readable;
  format: ImportFormat;
  columns: readonly string[];
  checkHeader: (names: string[]) => string[];
}): AsyncGenerator<SourceRecord> {
  if (opts.format === 'csv') yield* csvRecords(opts.source, opts.columns, opts.checkHeader);
  else yield* jsonLinesRecords(opts.source, opts.columns);
}

async function* csvRecords(
  source: Readable,
  columns: readonly string[],
  checkHeader: (names: string[]) => string[],
): AsyncGenerator<SourceRecord> {
  let headerColumns = 0;
  let records = 0;
  const skipped: SourceRecord[] = [];
  const parser = parse({
    columns: (header: string[]) => {
      const names = checkHeader(header);
      headerColumns = names.length;
      return names;
    },
    bom: true,
    trim: true,
    skip_empty_lines: true,
    skip_records_with_error: true,
    // Runs synchronously in file order, so the row number is right even while the parser reads ahead.
    on_record: (record: Record<string, string>, info) => {
      records += 1;
      return { line: 1 + records + info.empty_lines, record };
    },
    on_skip: (err: CsvError | undefined) => {
      if (err?.code !== 'CSV_RECORD_INCONSISTENT_COLUMNS')
        throw malformedCsvError(err?.message ?? 'unreadable record');
      records += 1;
      const fields = Array.isArray(err.record) ? err.record.length : undefined;
      skipped.push({
        line: 1 + records + Number(err.empty_lines ?? 0),
        issues: [
          {
            column: null,
            code: 'wrong_field_count',
            message: `has ${fields ?? 'a different number of'} fields but the header has ${headerColumns} columns`,
          },
        ],
      });
    },
  });
  source.on('error', (error) => parser.destroy(new ImportSourceError(error)));
  parser.on('error', () => {}); // surfaces from the loop below
  source.pipe(parser);
  try {
    for await (const item of parser as AsyncIterable<SourceRecord>) {
      // Skipped rows come before the next good one: hand them over in file order.
      while (skipped.length > 0 && (skipped[0] as SourceRecord).line < item.line)
        yield skipped.shift() as SourceRecord;
      yield item;
    }
    yield* skipped.splice(0);
    if (headerColumns === 0) throw emptyImportFileError(columns);
  } finally {
    source.unpipe(parser);
    source.destroy();
    parser.destroy();
  }
}

async function* jsonLinesRecords(source: Readable, columns: readonly string[]): AsyncGenerator<SourceRecord> {
  let failure: unknown = null;
  source.on('error', (error) => {
    failure = new ImportSourceError(error);
  });
  const lines = createInterface({ input: source, crlfDelay: Number.POSITIVE_INFINITY });
  let line = 0;
  try {
    for await (const text of lines) {
      line += 1;
      const trimmed = line === 1 ? text.replace(/^\uFEFF/, '').trim() : text.trim();
      if (trimmed === '') continue;
      yield jsonRecord(line, trimmed, columns);
    }
    if (failure) throw failure;
  } catch (error) {
    throw failure ?? error;
  } finally {
    lines.close();
    source.destroy();
  }
}

/** One JSON Lines line as a flat record of strings, or the reasons it is not one. */
export function jsonRecord(line: number, text: string, columns: readonly string[]): SourceRecord {
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch (error) {
    return {
      line,
      issues: [
        { column: null, code: 'invalid_json', message: `is not valid JSON: ${(error as Error).message}` },
      ],
    };
  }
  if (typeof value !== 'object' || value === null || Array.isArray(value)) {
    return {
      line,
      issues: [{ column: null, code: 'invalid_json', message: 'must be a JSON object, one per line' }],
    };
  }
  const record: Record<string, string> = {};
  const issues: RowIssue[] = [];
  for (const [key, v] of Object.entries(value)) {
    const column = key.toLowerCase();
    if (!columns.includes(column)) {
      issues.push({
        column: null,
        code: 'unknown_column',
        message: `unknown key ${JSON.stringify(key)}; the keys are ${columns.join(',')}`,
      });
    } else if (v === null) {
      record[column] = '';
    } else if (typeof v === 'string' || typeof v === 'number' || typeof v === 'boolean') {
      record[column] = String(v).trim();
    } else {
      issues.push({ column, code: 'invalid_value', message: 'must be a string, a number or null' });
    }
  }
  return issues.length > 0 ? { line, issues } : { line, record };
}
