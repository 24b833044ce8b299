import type { Readable } from 'node:stream';
import { StringDecoder } from 'node:string_decoder';
import type { z } from 'zod';
import { type NewClaim, NewClaimSchema } from './claim-schemas.ts';

// Reading a bulk claim file: newline-delimited JSON, one NewClaim per line (the body of
// POST /claims), UTF-8. Lines are numbered from 1 as in an editor; blank lines are skipped but
// counted. The reader pulls chunks from the stream as it needs them (`for await`), so memory is
// bounded by one chunk plus one line, whatever the file size; a line longer than MAX_LINE_CHARS is
// reported and skipped without being kept.

export const MAX_LINE_CHARS = 1024 * 1024;

export type LineError = { line: number; path: string; code: string; message: string };

/** The source stream failed (missing file, permissions, a broken upload…). */
export class BulkSourceError extends Error {
  constructor(cause: unknown) {
    super((cause as Error)?.message ?? String(cause), { cause });
    this.name = 'BulkSourceError';
  }
}

export type RawLine = { line: number; text: string } | { line: number; tooLong: true };

/** Non-blank lines with their numbers. CRLF and a leading BOM are accepted. */
export async function* ndjsonLines(source: Readable): AsyncGenerator<RawLine> {
  const decoder = new StringDecoder('utf8');
  let carry = '';
  let skipping = false; // inside an over-long line: drop text until its newline
  let lineNo = 0;
  const emit = function* (text: string): Generator<RawLine> {
    lineNo += 1;
    if (lineNo === 1 && text.charCodeAt(0) === 0xfeff) text = text.slice(1);
    const trimmed = text.endsWith('\r') ? text.slice(0, -1) : text;
    if (trimmed.trim() !== '') yield { line: lineNo, text: trimmed };
  };
  try {
    for await (const chunk of source) {
      const text = typeof chunk === 'string' ? chunk : decoder.write(chunk as Buffer);
      let start = 0;
      for (let nl = text.indexOf('\n'); nl !== -1; nl = text.indexOf('\n', start)) {
        if (skipping) {
          skipping = false;
          lineNo += 1;
          yield { line: lineNo, tooLong: true };
        } else {
          yield* emit(carry + text.slice(start, nl));
        }
        carry = '';
        start = nl + 1;
      }
      if (!skipping) {
        carry += text.slice(start);
        if (carry.length > MAX_LINE_CHARS) {
          carry = '';
          skipping = true;
        }
      }
    }
  } catch (error) {
    throw new BulkSourceError(error);
  }
  const rest = carry + decoder.end();
  if (skipping) yield { line: lineNo + 1, tooLong: true };
  else if (rest !== '') yield* emit(rest);
}

export type ParsedLine = {
  line: number;
  input: NewClaim & { externalRef: string };
};

/** JSON, then the NewClaim schema, then the bulk rule that every claim has an externalRef. */
export function parseClaimLine(
  raw: RawLine,
): { ok: true; parsed: ParsedLine } | { ok: false; errors: LineError[] } {
  const { line } = raw;
  if ('tooLong' in raw) {
    return {
      ok: false,
      errors: [
        { line, path: '', code: 'line_too_long', message: `longer than ${MAX_LINE_CHARS} characters` },
      ],
    };
  }
  let json: unknown;
  try {
    json = JSON.parse(raw.text);
  } catch (error) {
    return {
      ok: false,
      errors: [
        { line, path: '', code: 'malformed_json', message: `not valid JSON (${(error as Error).message})` },
      ],
    };
  }
  const result = NewClaimSchema.safeParse(json);
  if (!result.success) return { ok: false, errors: issuesOf(line, result.error.issues) };
  const input = result.data;
  if (!input.externalRef) {
    return {
      ok: false,
      errors: [
        {
          line,
          path: 'externalRef',
          code: 'required',
          message: 'every claim in a bulk file needs an externalRef (it makes re-sending the file safe)',
        },
      ],
    };
  }
  // A claim without a channel in a file is an import, not an API call.
  const channel = (json as { channel?: unknown }).channel === undefined ? 'import' : input.channel;
  return { ok: true, parsed: { line, input: { ...input, channel, externalRef: input.externalRef } } };
}

function issuesOf(line: number, issues: z.core.$ZodIssue[]): LineError[] {
  return issues.flatMap((i) => {
    const path = i.path.map((p) => (typeof p === 'symbol' ? String(p) : p));
    if (i.code === 'unrecognized_keys') {
      return i.keys.map((k) => ({
        line,
        path: [...path, k].join('.'),
        code: 'unknown_field',
        message: `unknown field "${k}"`,
      }));
    }
    return [{ line, path: path.join('.'), code: i.code, message: i.message }];
  });
}
