import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  generateSwedishPersonalNumber,
  luhnCheckDigit,
  parseSwedishPersonalNumber,
} from './swedish-personal-number.ts';

// Pinned so century decisions do not drift with the clock.
const REF = '2026-11-21';

const parse = (input: string, referenceDate = REF) => parseSwedishPersonalNumber(input, referenceDate);
const reasonOf = (input: string, referenceDate = REF) => {
  const result = parse(input, referenceDate);
  return result.ok ? 'ok' : result.reason;
};

/** Any calendar date between two ISO dates (inclusive). */
const isoDate = (min: string, max: string) =>
  fc
    .date({ min: new Date(`${min}T00:00:00Z`), max: new Date(`${max}T00:00:00Z`), noInvalidDate: true })
    .map((d) => d.toISOString().slice(0, 10));

describe('luhnCheckDigit', () => {
  it('computes the check digit of the Skatteverket test number 850709-980(5)', () => {
    expect(luhnCheckDigit('850709980')).toBe(5);
    expect(luhnCheckDigit('850709981')).toBe(3);
    expect(luhnCheckDigit('121212121')).toBe(2);
  });
});

describe('parseSwedishPersonalNumber: Skatteverket test numbers', () => {
  it('parses 198507099805 as a woman born 1985-07-09', () => {
    expect(parse('198507099805')).toEqual({
      ok: true,
      value: {
        normalized: '198507099805',
        display: '19850709-9805',
        birthDate: '1985-07-09',
        kind: 'personnummer',
        sex: 'female',
      },
    });
  });

  it('parses 198507099813 as a man', () => {
    const result = parse('198507099813');
    expect(result.ok && result.value.sex).toBe('male');
    expect(result.ok && result.value.birthDate).toBe('1985-07-09');
  });

  it.each(['198507099805', '19850709-9805', '850709-9805', '8507099805', '  850709-9805\n'])(
    'accepts the form %j',
    (input) => {
      const result = parse(input);
      expect(result.ok && result.value.normalized).toBe('198507099805');
    },
  );

  it('works without a reference date (defaults to today)', () => {
    expect(parseSwedishPersonalNumber('198507099805').ok).toBe(true);
    expect(parseSwedishPersonalNumber('850709-9805').ok).toBe(true);
  });

  it('throws on a malformed reference date', () => {
    expect(() => parseSwedishPersonalNumber('198507099805', '2026-02-30')).toThrow(RangeError);
    expect(() => parseSwedishPersonalNumber('198507099805', '20261121')).toThrow(RangeError);
  });
});

describe('parseSwedishPersonalNumber: format', () => {
  it.each([
    '',
    'abc',
    '85070998',
    '85070998051',
    '1985070998051',
    '19850709+9805', // '+' only belongs to the 10-digit form
    '850709 9805',
    '850709--9805',
    '85-07-09-9805',
    '850709-98O5',
    '８５０７０９９８０５', // full-width digits
    '850709T9805',
  ])('rejects %j as format', (input) => {
    expect(reasonOf(input)).toBe('format');
  });
});

describe('parseSwedishPersonalNumber: checksum', () => {
  it('rejects a wrong check digit', () => {
    expect(reasonOf('198507099806')).toBe('checksum');
    expect(reasonOf('850709-9804')).toBe('checksum');
  });

  it('rejects a mutated birth-number digit', () => {
    expect(reasonOf('198507099905')).toBe('checksum');
    expect(reasonOf('198507091805')).toBe('checksum');
  });

  it('rejects two swapped adjacent digits', () => {
    expect(reasonOf('198507098905')).toBe('checksum');
  });
});

describe('parseSwedishPersonalNumber: date', () => {
  it('rejects 30 February even with a correct check digit', () => {
    expect(luhnCheckDigit('850230980')).toBe(3);
    expect(reasonOf('198502309803')).toBe('date');
    expect(reasonOf('850230-9803')).toBe('date');
  });

  it('handles leap years, including the 1900/2000 century rule', () => {
    expect(luhnCheckDigit('000229980')).toBe(8);
    expect(reasonOf('200002299808')).toBe('ok');
    expect(reasonOf('190002299808')).toBe('date');
    // 10-digit form: on 2000-01-15, 2000-02-29 is still in the future, and 1900-02-29 never existed.
    expect(reasonOf('000229-9808', '2000-01-15')).toBe('date');
    expect(parse('000229-9808', '2000-03-01')).toMatchObject({
      ok: true,
      value: { birthDate: '2000-02-29' },
    });
  });

  it.each([
    '198513099805', // month 13
    '198500099805', // month 00
    '198507009805', // day 00
    '198507329805', // day 32
    '198504319805', // 31 April
    '198507929805', // day 92 = coordination day 32
  ])('rejects the impossible date in %j', (input) => {
    expect(reasonOf(input)).toBe('date');
  });

  it('rejects a 12-digit number born after the reference date, but accepts one born on it', () => {
    const bornOnRef = generateSwedishPersonalNumber({ birthDate: REF, sex: 'male', serial: 3 });
    const bornNextDay = generateSwedishPersonalNumber({ birthDate: '2026-11-22', sex: 'male', serial: 3 });
    expect(reasonOf(bornOnRef)).toBe('ok');
    expect(reasonOf(bornNextDay)).toBe('date');
  });

  it('rejects birth years before 1800: the check digit does not cover the century', () => {
    // Same ten Luhn-covered digits as 198507099805: only a plausibility floor can catch these.
    expect(reasonOf('008507099805')).toBe('date');
    expect(reasonOf('178507099805')).toBe('date');
    expect(parse('188507099805')).toMatchObject({ ok: true, value: { birthDate: '1885-07-09' } });
  });
});

describe('parseSwedishPersonalNumber: century of 10-digit forms', () => {
  it("'-' means under 100 years old, '+' means 100 or older", () => {
    expect(parse('121212-1212')).toMatchObject({ ok: true, value: { birthDate: '2012-12-12' } });
    expect(parse('1212121212')).toMatchObject({ ok: true, value: { birthDate: '2012-12-12' } });
    expect(parse('121212+1212')).toMatchObject({
      ok: true,
      value: { birthDate: '1912-12-12', normalized: '191212121212', display: '19121212-1212' },
    });
  });

  it('switches century exactly at the reference date', () => {
    expect(luhnCheckDigit('261121980')).toBe(5);
    expect(luhnCheckDigit('261122980')).toBe(4);
    // Born on the reference date: 0 years old with '-', exactly 100 with '+'.
    expect(parse('261121-9805')).toMatchObject({ ok: true, value: { birthDate: '2026-11-21' } });
    expect(parse('261121+9805')).toMatchObject({ ok: true, value: { birthDate: '1926-11-21' } });
    // One day later in the year: 99 years old with '-', 199 with '+'.
    expect(parse('261122-9804')).toMatchObject({ ok: true, value: { birthDate: '1926-11-22' } });
    expect(parse('261122+9804')).toMatchObject({ ok: true, value: { birthDate: '1826-11-22' } });
  });

  it('depends on the reference date', () => {
    expect(parse('850709-9805', '2084-01-01')).toMatchObject({
      ok: true,
      value: { birthDate: '1985-07-09' },
    });
    expect(parse('850709-9805', '2085-07-09')).toMatchObject({
      ok: true,
      value: { birthDate: '2085-07-09' },
    });
  });
});

describe('parseSwedishPersonalNumber: samordningsnummer', () => {
  it('parses the coordination number 701063-2391 (day 63 = 3rd)', () => {
    expect(parse('701063-2391')).toEqual({
      ok: true,
      value: {
        normalized: '197010632391',
        display: '19701063-2391',
        birthDate: '1970-10-03',
        kind: 'samordningsnummer',
        sex: 'male',
      },
    });
  });

  it('rejects a coordination number whose real date is impossible (30 February + 60)', () => {
    expect(luhnCheckDigit('850290980')).toBe(0);
    expect(reasonOf('198502909800')).toBe('date');
  });

  it('rejects a coordination number with a wrong check digit', () => {
    expect(reasonOf('701063-2392')).toBe('checksum');
  });
});

describe('generateSwedishPersonalNumber', () => {
  it('is deterministic and encodes sex and coordination', () => {
    expect(generateSwedishPersonalNumber({ birthDate: '1985-07-09', sex: 'female', serial: 98 })).toBe(
      '198507099888',
    );
    expect(generateSwedishPersonalNumber({ birthDate: '1985-07-09', sex: 'female', serial: 98 })).toBe(
      '198507099888',
    );
    const coordination = generateSwedishPersonalNumber({
      birthDate: '1985-07-09',
      sex: 'male',
      serial: 12,
      coordination: true,
    });
    expect(coordination.slice(0, 8)).toBe('19850769');
    expect(parse(coordination)).toMatchObject({
      ok: true,
      value: { kind: 'samordningsnummer', birthDate: '1985-07-09', sex: 'male' },
    });
  });

  it('gives 100 distinct numbers per birth date and sex, never birth number 000', () => {
    for (const sex of ['female', 'male'] as const) {
      const numbers = Array.from({ length: 100 }, (_, serial) =>
        generateSwedishPersonalNumber({ birthDate: '2001-01-01', sex, serial }),
      );
      expect(new Set(numbers).size).toBe(100);
      expect(numbers.every((n) => n.slice(8, 11) !== '000')).toBe(true);
    }
  });

  it('throws on invalid options', () => {
    const base = { birthDate: '1985-07-09', sex: 'female', serial: 0 } as const;
    expect(() => generateSwedishPersonalNumber({ ...base, birthDate: '1985-02-30' })).toThrow(RangeError);
    expect(() => generateSwedishPersonalNumber({ ...base, birthDate: '1799-12-31' })).toThrow(RangeError);
    expect(() => generateSwedishPersonalNumber({ ...base, serial: 100 })).toThrow(RangeError);
    expect(() => generateSwedishPersonalNumber({ ...base, serial: -1 })).toThrow(RangeError);
    expect(() => generateSwedishPersonalNumber({ ...base, serial: 1.5 })).toThrow(RangeError);
  });
});

describe('properties', () => {
  const generated = fc.record({
    birthDate: isoDate('1800-01-01', REF),
    sex: fc.constantFrom('female' as const, 'male' as const),
    serial: fc.integer({ min: 0, max: 99 }),
    coordination: fc.boolean(),
  });

  it('every generated number parses back with the same birth date, sex and kind', () => {
    fc.assert(
      fc.property(generated, (opts) => {
        const number = generateSwedishPersonalNumber(opts);
        const result = parse(number);
        expect(result).toEqual({
          ok: true,
          value: {
            normalized: number,
            display: `${number.slice(0, 8)}-${number.slice(8)}`,
            birthDate: opts.birthDate,
            sex: opts.sex,
            kind: opts.coordination ? 'samordningsnummer' : 'personnummer',
          },
        });
      }),
    );
  });

  it("the 10-digit form with the age-appropriate separator ('+' from 100) parses to the same number", () => {
    fc.assert(
      fc.property(generated, isoDate('1900-01-01', '2199-12-31'), (opts, referenceDate) => {
        fc.pre(opts.birthDate <= referenceDate);
        const [by, bm, bd] = opts.birthDate.split('-').map(Number) as [number, number, number];
        const [ry, rm, rd] = referenceDate.split('-').map(Number) as [number, number, number];
        const age = ry - by - (rm < bm || (rm === bm && rd < bd) ? 1 : 0);
        fc.pre(age < 200);
        const number = generateSwedishPersonalNumber(opts);
        const short = `${number.slice(2, 8)}${age >= 100 ? '+' : '-'}${number.slice(8)}`;
        const result = parseSwedishPersonalNumber(short, referenceDate);
        expect(result.ok && result.value.normalized).toBe(number);
      }),
    );
  });

  it('changing any single Luhn-covered digit of a valid number makes it invalid', () => {
    fc.assert(
      fc.property(generated, (opts) => {
        const number = generateSwedishPersonalNumber(opts);
        for (let position = 2; position < 12; position++) {
          for (let digit = 0; digit <= 9; digit++) {
            if (String(digit) === number[position]) continue;
            const mutated = number.slice(0, position) + digit + number.slice(position + 1);
            const result = parse(mutated);
            expect(result.ok, `${number} -> ${mutated}`).toBe(false);
            // Outside the date, only the check digit can notice the change.
            if (position >= 8 && !result.ok) expect(result.reason).toBe('checksum');
          }
        }
      }),
      { numRuns: 200 },
    );
  });
});
