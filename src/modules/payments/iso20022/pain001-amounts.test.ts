import { describe, expect, it } from 'vitest';
import { decimalToMinor, minorDigits, minorToDecimal, sumMinor } from './pain001-amounts.ts';

describe('pain.001 amounts', () => {
  it('writes minor units with exactly the currency digits, without floating point', () => {
    expect(minorToDecimal(150_000, 'SEK')).toBe('1500.00');
    expect(minorToDecimal(1, 'EUR')).toBe('0.01');
    expect(minorToDecimal(10, 'EUR')).toBe('0.10');
    expect(minorToDecimal(0, 'SEK')).toBe('0.00');
    expect(minorToDecimal(1234, 'JPY')).toBe('1234');
    expect(minorToDecimal(-5, 'SEK')).toBe('-0.05');
    // 0.1 + 0.2 in floats is 0.30000000000000004; in minor units it is 30.
    expect(minorToDecimal(10 + 20, 'EUR')).toBe('0.30');
    expect(minorToDecimal(9_007_199_254_740_993n, 'SEK')).toBe('90071992547409.93');
  });

  it('refuses a fraction of a minor unit', () => {
    expect(() => minorToDecimal(1.5, 'SEK')).toThrow(RangeError);
  });

  it('reads decimal text back exactly', () => {
    expect(decimalToMinor('1500.00', 'SEK')).toBe(150_000n);
    expect(decimalToMinor('0.1', 'EUR')).toBe(10n);
    expect(decimalToMinor('7', 'EUR')).toBe(700n);
    expect(() => decimalToMinor('0.001', 'EUR')).toThrow(RangeError);
    expect(() => decimalToMinor('1e3', 'EUR')).toThrow(RangeError);
    for (const minor of [0, 1, 99, 100, 123_456_789]) {
      expect(decimalToMinor(minorToDecimal(minor, 'SEK'), 'SEK')).toBe(BigInt(minor));
    }
  });

  it('knows the exponents and sums exactly past 2^53', () => {
    expect(minorDigits('SEK')).toBe(2);
    expect(minorDigits('JPY')).toBe(0);
    expect(minorDigits('KWD')).toBe(3);
    expect(sumMinor([Number.MAX_SAFE_INTEGER, 2])).toBe(9_007_199_254_740_993n);
  });
});
