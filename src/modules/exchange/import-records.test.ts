import { Readable } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { AppError } from '../../lib/errors.ts';
import {
  checkColumns,
  importFormatOf,
  jsonRecord,
  readImportRecords,
  type SourceRecord,
} from './import-records.ts';

const spec = { columns: ['a', 'b', 'c'], required: ['a', 'b'], what: 'test' };

async function read(text: string, format: 'csv' | 'jsonl'): Promise<SourceRecord[]> {
  const out: SourceRecord[] = [];
  for await (const r of readImportRecords({
    source: Readable.from([Buffer.from(text)]),
    format,
    columns: spec.columns,
    checkHeader: (names) => checkColumns(names, spec),
  })) {
    out.push(r);
  }
  return out;
}

describe('importFormatOf', () => {
  it('takes --format first, else the extension', () => {
    expect(importFormatOf('x.CSV')).toBe('csv');
    expect(importFormatOf('x.ndjson')).toBe('jsonl');
    expect(importFormatOf('x.txt')).toBeNull();
    expect(importFormatOf('x.csv', 'jsonl')).toBe('jsonl');
    expect(importFormatOf('x.csv', 'xml')).toBeNull();
  });
});

describe('readImportRecords', () => {
  it('numbers CSV rows as a spreadsheet does and reports a short row in order', async () => {
    const rows = await read('a,b\n1,2\n\n3\n4,5\n', 'csv');
    expect(rows).toEqual([
      { line: 2, record: { a: '1', b: '2' } },
      { line: 4, issues: [expect.objectContaining({ code: 'wrong_field_count' })] },
      { line: 5, record: { a: '4', b: '5' } },
    ]);
  });

  it('refuses a bad header and an empty CSV file', async () => {
    const error = await read('a,x\n1,2\n', 'csv').catch((e: unknown) => e);
    expect(error).toBeInstanceOf(AppError);
    expect((error as AppError).errors.map((e) => e.code)).toEqual(['unknown_column', 'missing_column']);
    expect(((await read('', 'csv').catch((e: unknown) => e)) as AppError).errors[0]?.code).toBe(
      'missing_header',
    );
  });

  it('reads JSON Lines line by line, skipping blank lines, with the line number', async () => {
    const rows = await read('\uFEFF{"a":1,"b":"x"}\n\n{"a":null,"B":true}\r\nnope\n', 'jsonl');
    expect(rows).toEqual([
      { line: 1, record: { a: '1', b: 'x' } },
      { line: 3, record: { a: '', b: 'true' } },
      { line: 4, issues: [expect.objectContaining({ code: 'invalid_json' })] },
    ]);
  });
});

describe('jsonRecord', () => {
  it('reports unknown keys and nested values', () => {
    expect(jsonRecord(7, '{"a":{"x":1},"z":2}', spec.columns)).toEqual({
      line: 7,
      issues: [
        { column: 'a', code: 'invalid_value', message: 'must be a string, a number or null' },
        expect.objectContaining({ column: null, code: 'unknown_column' }),
      ],
    });
    expect(jsonRecord(1, '[1]', spec.columns)).toMatchObject({
      issues: [{ message: 'must be a JSON object, one per line' }],
    });
  });
});
