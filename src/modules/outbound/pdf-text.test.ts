import { describe, expect, it } from 'vitest';
import { pdfSafeText } from './pdf-text.ts';

describe('text for the standard PDF fonts', () => {
  it('keeps Swedish, Italian and the WinAnsi punctuation as they are', () => {
    const text = 'Åsa Öberg, Häggvägen – “città” è già: 1.234,50 € … ’s';
    expect(pdfSafeText(text)).toBe(text);
  });

  it('writes what the fonts cannot show as its nearest form', () => {
    expect(pdfSafeText('−1\u202f234,50 kr')).toBe('-1\u00a0234,50 kr');
    expect(pdfSafeText('Dvořák Łukasz')).toBe('Dvorák ?ukasz');
    expect(pdfSafeText('a\tb → c')).toBe('a b -> c');
    expect(pdfSafeText('😀')).toBe('?');
  });
});
