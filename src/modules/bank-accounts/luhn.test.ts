import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { hasValidLuhnCheckDigit, luhnCheckDigitOf } from './luhn.ts';

describe('luhn (right-to-left, any length)', () => {
  it('gives the check digits of published numbers', () => {
    expect(luhnCheckDigitOf('5050105')).toBe(5); // Bankgiro 5050-1055 (Skatteverket)
    expect(luhnCheckDigitOf('7992739871')).toBe(3); // the textbook Luhn example
    expect(hasValidLuhnCheckDigit('79927398713')).toBe(true);
    expect(hasValidLuhnCheckDigit('79927398710')).toBe(false);
  });

  it('refuses what is not a string of at least two digits', () => {
    expect(hasValidLuhnCheckDigit('5')).toBe(false);
    expect(hasValidLuhnCheckDigit('5050-1055')).toBe(false);
    expect(hasValidLuhnCheckDigit('')).toBe(false);
  });

  it('accepts every payload completed with its check digit, and catches every single mistyped digit', () => {
    fc.assert(
      fc.property(
        fc.string({ unit: fc.constantFrom(...'0123456789'), minLength: 1, maxLength: 15 }),
        fc.nat(),
        fc.integer({ min: 1, max: 9 }),
        (payload, at, delta) => {
          const full = `${payload}${luhnCheckDigitOf(payload)}`;
          expect(hasValidLuhnCheckDigit(full)).toBe(true);
          const i = at % full.length;
          const typo = `${full.slice(0, i)}${(Number(full[i]) + delta) % 10}${full.slice(i + 1)}`;
          expect(hasValidLuhnCheckDigit(typo)).toBe(false);
        },
      ),
    );
  });
});
