import { Readable } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { BulkSourceError, MAX_LINE_CHARS, ndjsonLines, parseClaimLine, type RawLine } from './bulk-ndjson.ts';

async function lines(chunks: (string | Buffer)[]): Promise<RawLine[]> {
  const out: RawLine[] = [];
  for await (const l of ndjsonLines(Readable.from(chunks))) out.push(l);
  return out;
}

const CLAIM = {
  externalRef: 'SRC-1',
  customerId: '01a1fcbf-f6eb-71ab-b04a-086f81a0f87b',
  policyId: '01a1fcbf-f6fd-7d73-9a02-f4b8ac0a1538',
  incidentDate: '2026-02-02',
  description: 'Clinic visit',
  lines: [
    {
      benefitCode: 'MEDICAL_EXPENSES',
      description: 'Visit',
      serviceDate: '2026-02-02',
      amountMinor: 100,
      currency: 'SEK',
    },
  ],
};

describe('ndjsonLines', () => {
  it('numbers lines from 1, skips blank ones, accepts CRLF, a BOM and no final newline', async () => {
    expect(await lines(['\uFEFF{"a":1}\r\n', '\n', '  \n{"b":2}\n{"c"', ':3}'])).toEqual([
      { line: 1, text: '{"a":1}' },
      { line: 4, text: '{"b":2}' },
      { line: 5, text: '{"c":3}' },
    ]);
  });

  it('joins a line and a UTF-8 character split across chunks', async () => {
    const bytes = Buffer.from('{"d":"Göteborg €"}\n{"e":1}\n');
    const cut = bytes.indexOf(0xe2) + 1; // inside the three bytes of €
    expect(await lines([bytes.subarray(0, 5), bytes.subarray(5, cut), bytes.subarray(cut)])).toEqual([
      { line: 1, text: '{"d":"Göteborg €"}' },
      { line: 2, text: '{"e":1}' },
    ]);
  });

  it('reports an over-long line without keeping it, and goes on', async () => {
    const long = 'x'.repeat(MAX_LINE_CHARS + 10);
    expect(await lines(['{"a":1}\n', long.slice(0, 1000), long.slice(1000), '\n{"b":2}\n'])).toEqual([
      { line: 1, text: '{"a":1}' },
      { line: 2, tooLong: true },
      { line: 3, text: '{"b":2}' },
    ]);
  });

  it('turns a failing source into BulkSourceError', async () => {
    const source = new Readable({ read() {} });
    source.push('{"a":1}\n');
    setTimeout(() => source.destroy(Object.assign(new Error('EIO: i/o error'), { code: 'EIO' })), 10);
    const seen: RawLine[] = [];
    const error = await (async () => {
      for await (const l of ndjsonLines(source)) seen.push(l);
    })().catch((e: unknown) => e);
    expect(seen).toEqual([{ line: 1, text: '{"a":1}' }]);
    expect(error).toBeInstanceOf(BulkSourceError);
  });
});

describe('parseClaimLine', () => {
  it('accepts a NewClaim with an externalRef; a claim without a channel is an import', () => {
    const out = parseClaimLine({ line: 7, text: JSON.stringify(CLAIM) });
    expect(out).toMatchObject({
      ok: true,
      parsed: { line: 7, input: { externalRef: 'SRC-1', channel: 'import' } },
    });
    const phone = parseClaimLine({ line: 8, text: JSON.stringify({ ...CLAIM, channel: 'phone' }) });
    expect(phone).toMatchObject({ ok: true, parsed: { input: { channel: 'phone' } } });
  });

  it('reports malformed JSON, every schema problem with its path, and a missing externalRef', () => {
    expect(parseClaimLine({ line: 2, text: '{"a":' })).toMatchObject({
      ok: false,
      errors: [{ line: 2, path: '', code: 'malformed_json' }],
    });
    const bad = {
      ...CLAIM,
      incidentDate: '2026-13-01',
      colour: 'red',
      lines: [{ ...CLAIM.lines[0], currency: 'sek' }],
    };
    const out = parseClaimLine({ line: 3, text: JSON.stringify(bad) });
    expect(out.ok).toBe(false);
    if (out.ok) return;
    expect(out.errors.map((e) => [e.line, e.path, e.code]).sort()).toEqual(
      [
        [3, 'colour', 'unknown_field'],
        [3, 'incidentDate', 'invalid_format'],
        [3, 'lines.0.currency', 'invalid_format'],
      ].sort(),
    );
    const { externalRef: _, ...anonymous } = CLAIM;
    expect(parseClaimLine({ line: 4, text: JSON.stringify(anonymous) })).toMatchObject({
      ok: false,
      errors: [{ line: 4, path: 'externalRef', code: 'required' }],
    });
    expect(parseClaimLine({ line: 5, tooLong: true })).toMatchObject({
      ok: false,
      errors: [{ line: 5, code: 'line_too_long' }],
    });
  });
});
