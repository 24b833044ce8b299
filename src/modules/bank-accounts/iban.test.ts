import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { checkBic, checkIban, normaliseIban, printIban } from './iban.ts';

// Published example IBANs: the SWIFT IBAN Registry's (ISO 13616) examples for Sweden, Italy and Germany.
const EXAMPLES = [
  { printed: 'SE45 5000 0000 0583 9825 7466', country: 'SE' },
  { printed: 'IT60 X054 2811 1010 0000 0123 456', country: 'IT' },
  { printed: 'DE89 3704 0044 0532 0130 00', country: 'DE' },
];

describe('checkIban', () => {
  it('accepts the published examples and normalises them to the electronic format', () => {
    for (const { printed, country } of EXAMPLES) {
      const electronic = printed.replace(/ /g, '');
      expect(checkIban(printed)).toEqual({ ok: true, value: { iban: electronic, country, sepa: true } });
      expect(checkIban(electronic.toLowerCase())).toMatchObject({ ok: true, value: { iban: electronic } });
      expect(printIban(electronic)).toBe(printed);
    }
  });

  it('tells a wrong length with the country’s length', () => {
    expect(checkIban('SE45 5000 0000 0583 9825 746')).toEqual({
      ok: false,
      code: 'iban_length',
      message: 'A SE IBAN has 24 characters; this one has 23.',
    });
  });

  it('tells failing check digits (mod 97)', () => {
    expect(checkIban('SE46 5000 0000 0583 9825 7466')).toMatchObject({
      ok: false,
      code: 'iban_check_digits',
    });
    expect(checkIban('DE89 3704 0044 0532 0130 01')).toMatchObject({ ok: false, code: 'iban_check_digits' });
  });

  it('tells a failing national check digit where the country has one (Spain)', () => {
    expect(checkIban('ES91 2100 0418 4502 0005 1332')).toMatchObject({ ok: true });
    expect(checkIban('ES91 2100 0418 4502 0005 1331')).toMatchObject({
      ok: false,
      code: 'iban_national_check_digit',
    });
  });

  it('tells an unknown country, a BBAN in the wrong format and stray characters', () => {
    expect(checkIban('XX89 3704 0044 0532 0130 00')).toMatchObject({
      ok: false,
      code: 'iban_country_unknown',
    });
    expect(checkIban('US12 3456 7890')).toMatchObject({ ok: false, code: 'iban_country_unknown' });
    expect(checkIban('GB82 1234 5698 7654 3210 00')).toMatchObject({ ok: false, code: 'iban_format' });
    expect(checkIban('SE45/5000')).toMatchObject({ ok: false, code: 'iban_characters' });
    expect(checkIban('SE')).toMatchObject({ ok: false, code: 'iban_too_short' });
  });

  it('marks countries outside SEPA', () => {
    expect(checkIban('BR18 0036 0305 0000 1000 9795 493C 1')).toMatchObject({
      ok: true,
      value: { country: 'BR', sepa: false },
    });
  });

  it('accepts any spacing and case of a valid IBAN (property)', () => {
    fc.assert(
      fc.property(
        fc.constantFrom(...EXAMPLES.map((e) => e.printed.replace(/ /g, ''))),
        fc.array(fc.boolean(), { minLength: 34, maxLength: 34 }),
        fc.array(fc.boolean(), { minLength: 34, maxLength: 34 }),
        (iban, spaces, lower) => {
          const typed = [...iban]
            .map((ch, i) => `${lower[i] ? ch.toLowerCase() : ch}${spaces[i] ? ' ' : ''}`)
            .join('');
          expect(normaliseIban(typed)).toBe(iban);
          expect(checkIban(typed)).toMatchObject({ ok: true, value: { iban } });
        },
      ),
    );
  });

  it('refuses every single changed digit (mod 97 catches them all) (property)', () => {
    fc.assert(
      fc.property(
        fc.constantFrom(...EXAMPLES.map((e) => e.printed.replace(/ /g, ''))),
        fc.nat(),
        fc.integer({ min: 1, max: 9 }),
        (iban, at, delta) => {
          const positions = [...iban].flatMap((ch, i) => (i >= 2 && /\d/.test(ch) ? [i] : []));
          const i = positions[at % positions.length] as number;
          const typo = `${iban.slice(0, i)}${(Number(iban[i]) + delta) % 10}${iban.slice(i + 1)}`;
          expect(checkIban(typo).ok).toBe(false);
        },
      ),
    );
  });
});

describe('checkBic', () => {
  it('accepts 8 and 11 character BICs in any case', () => {
    expect(checkBic('ESSESESS')).toEqual({ ok: true, value: 'ESSESESS' });
    expect(checkBic('bcitITmm xxx')).toEqual({ ok: true, value: 'BCITITMMXXX' });
    expect(checkBic('DEUTDEFF500')).toEqual({ ok: true, value: 'DEUTDEFF500' });
  });

  it('refuses other shapes and unknown countries', () => {
    expect(checkBic('ESSESES')).toMatchObject({ ok: false, code: 'bic_invalid' });
    expect(checkBic('ESSEXXSS')).toMatchObject({ ok: false, code: 'bic_invalid' });
    expect(checkBic('1SSESESS')).toMatchObject({ ok: false, code: 'bic_invalid' });
  });
});

describe('checkIban for Italy', () => {
  it('checks the CIN, which mod 97 alone does not', () => {
    // Same BBAN with the CIN changed and the IBAN check digits recomputed: mod 97 passes.
    expect(checkIban('IT64 Y054 2811 1010 0000 0123 456')).toMatchObject({
      ok: false,
      code: 'iban_national_check_digit',
    });
  });
});
