import { describe, expect, it } from 'vitest';
import { formatLetterDate, formatLetterMoney, isIsoDate } from './letter-format.ts';

// Intl writes group separators as no-break spaces; the letters show them as spaces.
const plain = (s: string) => s.replace(/[\u00a0\u202f]/g, ' ');

describe('money in letters', () => {
  it('writes each locale its own way', () => {
    expect(plain(formatLetterMoney(123_450, 'SEK', 'sv'))).toBe('1 234,50 kr');
    expect(plain(formatLetterMoney(123_450, 'EUR', 'it'))).toBe('1.234,50 €');
    expect(plain(formatLetterMoney(123_450, 'SEK', 'en'))).toBe('SEK 1,234.50');
    expect(formatLetterMoney(123_450, 'EUR', 'en')).toBe('€1,234.50');
  });

  it('groups four-digit Italian amounts too, and large ones everywhere', () => {
    expect(plain(formatLetterMoney(999_999, 'EUR', 'it'))).toBe('9.999,99 €');
    expect(plain(formatLetterMoney(123_456_789_01, 'EUR', 'it'))).toBe('123.456.789,01 €');
    expect(plain(formatLetterMoney(100_000_000, 'SEK', 'sv'))).toBe('1 000 000,00 kr');
  });

  it('is exact in minor units, small and beyond double precision', () => {
    expect(plain(formatLetterMoney(5, 'SEK', 'sv'))).toBe('0,05 kr');
    expect(formatLetterMoney(0, 'EUR', 'en')).toBe('€0.00');
    expect(formatLetterMoney(9_007_199_254_740_991, 'EUR', 'en')).toBe('€90,071,992,547,409.91');
    expect(formatLetterMoney(12_345, 'JPY', 'en')).toBe('JP¥12,345');
  });

  it('refuses what is not a whole number of minor units or not a currency', () => {
    expect(() => formatLetterMoney(1.5, 'SEK', 'sv')).toThrow(/minor units/);
    expect(() => formatLetterMoney(100, 'NOPE!', 'sv')).toThrow(RangeError);
  });
});

describe('dates in letters', () => {
  it('writes the day out in the language, whatever the machine zone', () => {
    expect(formatLetterDate('2026-03-05', 'sv')).toBe('5 mars 2026');
    expect(formatLetterDate('2026-03-05', 'it')).toBe('5 marzo 2026');
    expect(formatLetterDate('2026-03-05', 'en')).toBe('5 March 2026');
    expect(formatLetterDate('2026-12-31', 'en')).toBe('31 December 2026');
  });

  it('knows a calendar date when it sees one', () => {
    expect(isIsoDate('2026-03-05')).toBe(true);
    expect(isIsoDate('CLM-2026-000001')).toBe(false);
    expect(isIsoDate(20260305)).toBe(false);
    expect(() => formatLetterDate('5/3/2026', 'en')).toThrow(/YYYY-MM-DD/);
  });
});
