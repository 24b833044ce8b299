import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { hasValidItalianCin, italianCin } from './italian-cin.ts';

describe('Italian CIN', () => {
  it('is X for the IBAN registry example IT60 X054 2811 1010 0000 0123 456', () => {
    expect(italianCin('0542811101000000123456')).toBe('X');
    expect(hasValidItalianCin('X0542811101000000123456')).toBe(true);
    expect(hasValidItalianCin('Y0542811101000000123456')).toBe(false);
    expect(hasValidItalianCin('X054281110100000012345')).toBe(false);
  });

  it('catches every single changed digit (property)', () => {
    fc.assert(
      fc.property(
        fc.string({ unit: fc.constantFrom(...'0123456789'), minLength: 22, maxLength: 22 }),
        fc.nat(21),
        fc.integer({ min: 1, max: 9 }),
        (body, i, delta) => {
          const bban = `${italianCin(body)}${body}`;
          expect(hasValidItalianCin(bban)).toBe(true);
          const typo = `${body.slice(0, i)}${(Number(body[i]) + delta) % 10}${body.slice(i + 1)}`;
          expect(hasValidItalianCin(`${bban[0]}${typo}`)).toBe(false);
        },
      ),
    );
  });
});
