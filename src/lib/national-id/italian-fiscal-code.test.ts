import * as codiceFiscaleJs from 'codice-fiscale-js';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  decodeOmocodia,
  generateItalianFiscalCode,
  givenNameCode,
  ITALIAN_PLACE_CODES,
  italianCheckCharacter,
  OMOCODIA_LETTERS,
  OMOCODIA_POSITIONS,
  parseItalianFiscalCode,
  surnameCode,
} from './italian-fiscal-code.ts';

// Pinned so century decisions do not drift with the clock.
const REF = '2026-11-21';

const parse = (input: string, referenceDate = REF) => parseItalianFiscalCode(input, referenceDate);
const reasonOf = (input: string, referenceDate = REF) => {
  const result = parse(input, referenceDate);
  return result.ok ? 'ok' : result.reason;
};

/** Replace the digits at the given zero-based positions by omocodia letters and fix the check letter. */
function omocodic(code: string, positions: readonly number[]): string {
  const chars = code.slice(0, 15).split('');
  for (const p of positions) chars[p] = OMOCODIA_LETTERS.charAt(Number(chars[p]));
  const first15 = chars.join('');
  return first15 + italianCheckCharacter(first15);
}

/** Any calendar date between two ISO dates (inclusive). */
const isoDate = (min: string, max: string) =>
  fc
    .date({ min: new Date(`${min}T00:00:00Z`), max: new Date(`${max}T00:00:00Z`), noInvalidDate: true })
    .map((d) => d.toISOString().slice(0, 10));

// The package's type declarations claim a default export of the class, but at run time the
// CommonJS bundle exports `{ CodiceFiscale }`; reach it through the namespace.
const { CodiceFiscale } = codiceFiscaleJs as unknown as {
  CodiceFiscale: { getCheckCode(first15: string): string };
};

describe('parseItalianFiscalCode: known codes', () => {
  it('parses the textbook example RSSMRA85T10A562S (Mario Rossi, 10 Dec 1985, San Giuliano Terme)', () => {
    expect(parse('RSSMRA85T10A562S')).toEqual({
      ok: true,
      value: { normalized: 'RSSMRA85T10A562S', birthDate: '1985-12-10', sex: 'male', placeCode: 'A562' },
    });
  });

  it('is case-insensitive and trims whitespace', () => {
    const result = parse('  rssmra85t10a562s\t');
    expect(result.ok && result.value.normalized).toBe('RSSMRA85T10A562S');
  });

  it('parses MRTMTT25D09F205Z (Milano) with the most recent century not in the future', () => {
    expect(parse('MRTMTT25D09F205Z')).toMatchObject({
      ok: true,
      value: { birthDate: '2025-04-09', placeCode: 'F205' },
    });
    expect(parse('MRTMTT25D09F205Z', '2025-04-08')).toMatchObject({
      ok: true,
      value: { birthDate: '1925-04-09' },
    });
    expect(parse('MRTMTT25D09F205Z', '2025-04-09')).toMatchObject({
      ok: true,
      value: { birthDate: '2025-04-09' },
    });
  });

  it('parses a woman (day + 40) and a foreign birthplace', () => {
    const code = generateItalianFiscalCode({
      givenName: 'Maria',
      familyName: 'Bianchi',
      birthDate: '1990-03-25',
      sex: 'female',
      placeCode: 'Z404',
    });
    expect(code).toBe('BNCMRA90C65Z404W');
    expect(parse(code)).toEqual({
      ok: true,
      value: { normalized: code, birthDate: '1990-03-25', sex: 'female', placeCode: 'Z404' },
    });
  });

  it('works without a reference date and throws on a malformed one', () => {
    expect(parseItalianFiscalCode('RSSMRA85T10A562S').ok).toBe(true);
    expect(() => parseItalianFiscalCode('RSSMRA85T10A562S', '1985/12/10')).toThrow(RangeError);
  });
});

describe('parseItalianFiscalCode: format', () => {
  it.each([
    '',
    'RSSMRA85T10A562',
    'RSSMRA85T10A562SX',
    'RSSMR185T10A562S', // digit in the name part
    'RSSMRA85F10A562S', // F is not a month letter
    'RSSMRA8AT10A562S', // A is not an omocodia letter
    'RSSMRA85T10A56WS', // W is not an omocodia letter
    'RSSMRA85T105562S', // place code must start with a letter
    'RSSMRA85T10A5621', // check character must be a letter
    'RSS MRA 85T10 A562S',
    'RSSMRA85T10À562S',
  ])('rejects %j as format', (input) => {
    expect(reasonOf(input)).toBe('format');
  });
});

describe('parseItalianFiscalCode: date', () => {
  const withCheck = (first15: string) => first15 + italianCheckCharacter(first15);

  it('rejects 30 February for men and women, even with the right check character', () => {
    expect(reasonOf(withCheck('RSSMRA85B30H501'))).toBe('date');
    expect(reasonOf(withCheck('RSSMRA85B70H501'))).toBe('date');
  });

  it.each([
    ['day 00', 'RSSMRA85T00H501'],
    ['day 32', 'RSSMRA85T32H501'],
    ['day 40', 'RSSMRA85T40H501'],
    ['day 41 - 40 = 1 is fine, day 72 is not', 'RSSMRA85T72H501'],
    ['31 April', 'RSSMRA85D31H501'],
    ['31 April (woman)', 'RSSMRA85D71H501'],
  ])('rejects %s', (_label, first15) => {
    expect(reasonOf(withCheck(first15))).toBe('date');
  });

  it('accepts 29 February 2000 and rejects 29 February in 1900 or in a future 2000', () => {
    const code = withCheck('RSSMRA00B29H501');
    expect(parse(code)).toMatchObject({ ok: true, value: { birthDate: '2000-02-29' } });
    // On 2000-01-10 the 2000 date is still in the future and 1900 was not a leap year.
    expect(reasonOf(code, '2000-01-10')).toBe('date');
  });
});

describe('parseItalianFiscalCode: check character', () => {
  it('rejects a wrong check character', () => {
    expect(reasonOf('RSSMRA85T10A562T')).toBe('check_character');
    expect(reasonOf('RSSMRA85T10A562A')).toBe('check_character');
  });

  it('rejects a mutated character elsewhere', () => {
    expect(reasonOf('RSSMRA85T10A563S')).toBe('check_character');
    expect(reasonOf('RSSMRB85T10A562S')).toBe('check_character');
    expect(reasonOf('RSSMRA86T10A562S')).toBe('check_character');
  });

  it('rejects an omocodic code that kept the original check character', () => {
    expect(italianCheckCharacter('RSSMRA85T10A56N')).not.toBe('S');
    expect(reasonOf('RSSMRA85T10A56NS')).toBe('check_character');
  });

  it('agrees with codice-fiscale-js on arbitrary 15-character prefixes (independent tables)', () => {
    const alphabet = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789'.split('');
    fc.assert(
      fc.property(fc.array(fc.constantFrom(...alphabet), { minLength: 15, maxLength: 15 }), (chars) => {
        const first15 = chars.join('');
        expect(italianCheckCharacter(first15)).toBe(CodiceFiscale.getCheckCode(first15));
      }),
      { numRuns: 500 },
    );
  });
});

describe('omocodia', () => {
  it('decodes letters at the digit positions only', () => {
    expect(decodeOmocodia('RSSMRAURTMLARSNX')).toBe('RSSMRA85T10A562X');
    // 'L', 'M', 'N' at letter positions (name, month, place letter) stay letters.
    expect(decodeOmocodia('LMNLMNLMLLLLLLLL')).toBe('LMNLMN01L00L000L');
  });

  it('every omocodic variant of RSSMRA85T10A562S decodes to the same person', () => {
    const positionSubsets = OMOCODIA_POSITIONS.reduce<number[][]>(
      (subsets, position) => subsets.concat(subsets.map((s) => [...s, position])),
      [[]],
    );
    expect(positionSubsets).toHaveLength(128);
    for (const subset of positionSubsets) {
      const variant = omocodic('RSSMRA85T10A562S', subset);
      expect(parse(variant)).toEqual({
        ok: true,
        value: { normalized: variant, birthDate: '1985-12-10', sex: 'male', placeCode: 'A562' },
      });
    }
  });

  it('parses the fully omocodic code RSSMRAURTMLARSNL', () => {
    expect(omocodic('RSSMRA85T10A562S', OMOCODIA_POSITIONS)).toBe('RSSMRAURTMLARSNL');
    expect(parse('rssmraurtmlarsnl')).toMatchObject({
      ok: true,
      value: { normalized: 'RSSMRAURTMLARSNL', birthDate: '1985-12-10', placeCode: 'A562' },
    });
  });
});

describe('name codes', () => {
  it.each([
    ['Rossi', 'RSS'],
    ['Bianchi', 'BNC'],
    ['Fo', 'FOX'],
    ['Ai', 'AIX'],
    ['De Luca', 'DLC'],
    ["D'Angelo", 'DNG'],
    ['Nicolò', 'NCL'],
    ['Wu', 'WUX'],
  ])('surname %j -> %s', (name, code) => {
    expect(surnameCode(name)).toBe(code);
  });

  it.each([
    ['Mario', 'MRA'],
    ['Maria', 'MRA'],
    ['Gianfranco', 'GFR'], // G N F R N C: 1st, 3rd, 4th
    ['Alessandro', 'LSN'], // L S S N D R
    ['Francesca', 'FNC'], // F R N C S C
    ['Luca', 'LCU'],
    ['Ugo', 'GUO'],
    ['Al', 'LAX'],
    ['Eva', 'VEA'],
    ['Giuseppe', 'GPP'], // G S P P: 1st, 3rd, 4th
    ['Roberto', 'RRT'], // R B R T: 1st, 3rd, 4th
    ['Marco', 'MRC'], // exactly 3 consonants: all, in order
    ['Maria Grazia', 'MGR'], // M R G R Z: 1st, 3rd, 4th
    ['Noè', 'NOE'],
  ])('given name %j -> %s', (name, code) => {
    expect(givenNameCode(name)).toBe(code);
  });
});

describe('generateItalianFiscalCode', () => {
  it('reproduces RSSMRA85T10A562S', () => {
    expect(
      generateItalianFiscalCode({
        givenName: 'Mario',
        familyName: 'Rossi',
        birthDate: '1985-12-10',
        sex: 'male',
        placeCode: 'a562',
      }),
    ).toBe('RSSMRA85T10A562S');
  });

  it('uses the month letters ABCDEHLMPRST', () => {
    const months = Array.from({ length: 12 }, (_, i) =>
      generateItalianFiscalCode({
        givenName: 'Mario',
        familyName: 'Rossi',
        birthDate: `1985-${String(i + 1).padStart(2, '0')}-01`,
        sex: 'male',
        placeCode: 'H501',
      }).charAt(8),
    );
    expect(months.join('')).toBe('ABCDEHLMPRST');
  });

  it('throws on invalid options', () => {
    const base = {
      givenName: 'Mario',
      familyName: 'Rossi',
      birthDate: '1985-12-10',
      sex: 'male',
      placeCode: 'H501',
    } as const;
    expect(() => generateItalianFiscalCode({ ...base, birthDate: '1985-02-30' })).toThrow(RangeError);
    expect(() => generateItalianFiscalCode({ ...base, placeCode: 'H5011' })).toThrow(RangeError);
    expect(() => generateItalianFiscalCode({ ...base, placeCode: '1501' })).toThrow(RangeError);
    expect(() => generateItalianFiscalCode({ ...base, familyName: "  '- " })).toThrow(RangeError);
  });

  it('ITALIAN_PLACE_CODES holds distinct, well-formed Belfiore codes including Roma H501', () => {
    expect(ITALIAN_PLACE_CODES.length).toBeGreaterThanOrEqual(15);
    expect(new Set(ITALIAN_PLACE_CODES.map((p) => p.code)).size).toBe(ITALIAN_PLACE_CODES.length);
    expect(ITALIAN_PLACE_CODES.every((p) => /^[A-Z]\d{3}$/.test(p.code))).toBe(true);
    expect(ITALIAN_PLACE_CODES.find((p) => p.code === 'H501')?.name).toBe('Roma');
  });
});

describe('properties', () => {
  const nameArb = fc.stringMatching(/^[A-Za-zÀ-ÖØ-öø-ÿ' -]{0,20}[A-Za-z][A-Za-zÀ-ÖØ-öø-ÿ' -]{0,20}$/);
  const person = fc.record({
    givenName: nameArb,
    familyName: nameArb,
    // Two-digit years: only dates within the last 100 years round-trip.
    birthDate: isoDate('1926-11-22', REF),
    sex: fc.constantFrom('female' as const, 'male' as const),
    placeCode: fc.constantFrom(...ITALIAN_PLACE_CODES.map((p) => p.code), 'Z404', 'Z112'),
  });

  it('every generated code parses back with the same birth date, sex and place', () => {
    fc.assert(
      fc.property(person, (opts) => {
        const code = generateItalianFiscalCode(opts);
        expect(parse(code)).toEqual({
          ok: true,
          value: { normalized: code, birthDate: opts.birthDate, sex: opts.sex, placeCode: opts.placeCode },
        });
      }),
    );
  });

  it('omocodic variants of generated codes decode to the same birth date, sex and place', () => {
    fc.assert(
      fc.property(person, fc.subarray([...OMOCODIA_POSITIONS], { minLength: 1 }), (opts, positions) => {
        const code = generateItalianFiscalCode(opts);
        const variant = omocodic(code, positions);
        expect(variant).not.toBe(code);
        const original = parse(code);
        const decoded = parse(variant);
        expect(decoded.ok && original.ok).toBe(true);
        if (decoded.ok && original.ok) {
          expect(decoded.value).toEqual({ ...original.value, normalized: variant });
        }
      }),
    );
  });

  it('changing any single character of a valid code makes it invalid', () => {
    const alphabet = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789';
    fc.assert(
      fc.property(person, (opts) => {
        const code = generateItalianFiscalCode(opts);
        for (let position = 0; position < 16; position++) {
          for (const char of alphabet) {
            if (char === code[position]) continue;
            const mutated = code.slice(0, position) + char + code.slice(position + 1);
            expect(parse(mutated).ok, `${code} -> ${mutated}`).toBe(false);
          }
        }
      }),
      { numRuns: 100 },
    );
  });
});
