import { Readable } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { findUnstorableText, unstorableTextError } from './unstorable-text.ts';

describe('unstorable text', () => {
  it('finds NUL and lone surrogates with their paths, keys included', () => {
    const body = JSON.parse(
      '{"name":"a\\u0000b","lines":[{"text":"ok"},{"text":"x\\ud800"}],"note":"\\udc00","k\\u0000":1}',
    );
    expect(findUnstorableText(body)).toEqual([
      { path: ['name'], problem: 'nul' },
      { path: ['lines', 1, 'text'], problem: 'lone_surrogate' },
      { path: ['note'], problem: 'lone_surrogate' },
      { path: ['k\u0000'], problem: 'nul' },
    ]);
  });

  it('lets well-formed text through: pairs, emoji, RTL, zero width, U+FFFD itself', () => {
    const ok = ['😀👨‍👩‍👧‍👦', '\ud83d\ude00', 'مرحبا', 'zero\u200bwidth', '\ufffd', '', 'e\u0301'];
    expect(findUnstorableText({ ok, n: 1, b: true, z: null })).toEqual([]);
  });

  it('reports at most 20 fields of a hostile body', () => {
    expect(findUnstorableText(Array.from({ length: 1000 }, () => '\u0000'))).toHaveLength(20);
  });

  it('walks query objects made by a constructor without a prototype chain (fast-querystring)', () => {
    // What `new Empty()` gives there: an object whose prototype has a null prototype.
    const query = Object.create(Object.create(null)) as Record<string, string>;
    query.q = 'a\u0000';
    expect(findUnstorableText(query)).toEqual([{ path: ['q'], problem: 'nul' }]);
  });

  it('names the part of the request', () => {
    const error = unstorableTextError({ body: undefined, query: { q: 'a\u0000' }, params: { id: '\ud800' } });
    expect(error?.code).toBe('validation_failed');
    expect(error?.errors).toEqual([
      { in: 'query', path: ['q'], code: 'invalid_characters', message: 'NUL characters are not allowed.' },
      expect.objectContaining({ in: 'params', path: ['id'], code: 'invalid_characters' }),
    ]);
    expect(unstorableTextError({ body: { a: 'fine' }, query: {}, params: {} })).toBeUndefined();
  });

  it('leaves a raw body alone (the stream POST /claims/bulk reads itself has cycles)', () => {
    const stream = Readable.from(['{"a":"\u0000"}\n']);
    expect(() => findUnstorableText(stream)).not.toThrow();
    expect(findUnstorableText(stream)).toEqual([]);
    expect(findUnstorableText(Buffer.from('a\u0000b'))).toEqual([]);
  });

  it('refuses nesting deeper than any body of ours instead of overflowing the stack', () => {
    const deep = JSON.parse(`${'['.repeat(100_000)}${']'.repeat(100_000)}`);
    const found = findUnstorableText(deep);
    expect(found).toHaveLength(1);
    expect(found[0]?.problem).toBe('too_deep');
    expect(found[0]?.path).toHaveLength(64);
    expect(unstorableTextError({ body: deep, query: {}, params: {} })?.errors?.[0]?.code).toBe('too_deep');
  });
});
