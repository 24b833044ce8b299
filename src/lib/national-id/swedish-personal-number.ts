// Swedish personal identity numbers (personnummer) and coordination numbers (samordningsnummer).
//
// Hand-written rather than using the installed `personnummer` package (v3.2.1), because that
// package: throws one generic error, so it cannot tell a bad format from a bad date from a bad
// check digit; always uses the current clock for the century of 10-digit forms (no reference
// date, so results drift over time and tests cannot pin them); accepts birth dates in the future;
// and ships its ESM build without `"type": "module"`/`exports`, so Node loads the CJS build as a
// default export only. The Luhn check itself is a few lines.
//
// Format (Skatteverket): YYMMDD, then a separator ('-' under 100 years old, '+' from the year the
// holder turns 100), a three-digit birth number whose last digit is odd for men and even for women,
// and a Luhn check digit computed over the ten digits YYMMDDNNN. Coordination numbers add 60 to
// the day.

import {
  type CalendarDate,
  compareDates,
  formatIsoDate,
  isValidCalendarDate,
  mostRecentYear,
  pad,
  parseIsoDate,
  resolveReferenceDate,
} from './calendar.ts';
import type { Sex } from './types.ts';

export type SwedishPersonalNumber = {
  /** 12 digits, `YYYYMMDDNNNC`; for a samordningsnummer the day keeps its +60. */
  normalized: string;
  /** `YYYYMMDD-NNNC`. */
  display: string;
  /** The real birth date, `YYYY-MM-DD` (for a samordningsnummer the day minus 60). */
  birthDate: string;
  kind: 'personnummer' | 'samordningsnummer';
  sex: Sex;
};

export type SwedishPersonalNumberError = 'format' | 'date' | 'checksum';

export type SwedishPersonalNumberResult =
  | { ok: true; value: SwedishPersonalNumber }
  | { ok: false; reason: SwedishPersonalNumberError };

const COORDINATION_DAY_OFFSET = 60;

/**
 * Earliest birth year accepted from a 12-digit form. The check digit does not cover the century,
 * so without a floor "008507099805" would be a valid number born in the year 85. Nobody holding a
 * personnummer (introduced 1947) was born before 1800.
 */
const EARLIEST_BIRTH_YEAR = 1800;

// Optional century, YYMMDD, optional separator, three-digit birth number, check digit.
const PATTERN = /^(\d{2})?(\d{2})(\d{2})(\d{2})([-+]?)(\d{3})(\d)$/;

/**
 * Luhn check digit over a string of digits (weights 2,1,2,1,... from the left, which for the
 * nine digits YYMMDDNNN equals the usual right-to-left Luhn).
 */
export function luhnCheckDigit(digits: string): number {
  let sum = 0;
  for (let i = 0; i < digits.length; i++) {
    let product = Number(digits[i]) * (i % 2 === 0 ? 2 : 1);
    if (product > 9) product -= 9;
    sum += product;
  }
  return (10 - (sum % 10)) % 10;
}

/**
 * Parses a Swedish personnummer or samordningsnummer in one of the forms `YYYYMMDDNNNN`,
 * `YYYYMMDD-NNNN`, `YYMMDDNNNN`, `YYMMDD-NNNN`, `YYMMDD+NNNN` (surrounding whitespace ignored).
 *
 * For 10-digit forms the century is the one that makes the holder 0–99 years old on
 * `referenceDate` (or 100–199 with '+'). A 12-digit form with a birth date after `referenceDate`
 * is rejected with `'date'`. `referenceDate` defaults to today (UTC); a malformed one throws.
 */
export function parseSwedishPersonalNumber(
  input: string,
  referenceDate?: string,
): SwedishPersonalNumberResult {
  const reference = resolveReferenceDate(referenceDate);
  const match = PATTERN.exec(input.trim());
  if (!match) return { ok: false, reason: 'format' };
  const [, century, yy = '', mm = '', dd = '', separator, birthNumber = '', check = ''] = match;
  // '+' only exists in the 10-digit form; the 12-digit form already states the century.
  if (century !== undefined && separator === '+') return { ok: false, reason: 'format' };

  const month = Number(mm);
  const numberDay = Number(dd);
  const isCoordination = numberDay > COORDINATION_DAY_OFFSET;
  const day = isCoordination ? numberDay - COORDINATION_DAY_OFFSET : numberDay;
  if (month < 1 || month > 12 || day < 1 || day > 31) return { ok: false, reason: 'date' };

  const year =
    century !== undefined
      ? Number(century + yy)
      : mostRecentYear(Number(yy), month, day, reference, separator === '+' ? 100 : 0);
  if (!isValidCalendarDate(year, month, day) || year < EARLIEST_BIRTH_YEAR) {
    return { ok: false, reason: 'date' };
  }
  const birth: CalendarDate = { year, month, day };
  if (compareDates(birth, reference) > 0) return { ok: false, reason: 'date' };

  if (luhnCheckDigit(yy + mm + dd + birthNumber) !== Number(check)) {
    return { ok: false, reason: 'checksum' };
  }

  const normalized = `${pad(year, 4)}${mm}${dd}${birthNumber}${check}`;
  return {
    ok: true,
    value: {
      normalized,
      display: `${normalized.slice(0, 8)}-${normalized.slice(8)}`,
      birthDate: formatIsoDate(birth),
      kind: isCoordination ? 'samordningsnummer' : 'personnummer',
      sex: Number(birthNumber[2]) % 2 === 1 ? 'male' : 'female',
    },
  };
}

export type GenerateSwedishPersonalNumberOptions = {
  /** `YYYY-MM-DD`. */
  birthDate: string;
  sex: Sex;
  /** 0..99: picks the birth number; the same inputs always give the same number. */
  serial: number;
  /** Generate a samordningsnummer (day + 60) instead of a personnummer. */
  coordination?: boolean;
};

/**
 * Builds a valid 12-digit personnummer (or samordningsnummer) for demo data. Deterministic: the
 * serial gives the first two birth-number digits; the third (sex) digit is derived from serial and
 * sex, and the birth number is never 000. Throws `RangeError` on invalid options.
 */
export function generateSwedishPersonalNumber(options: GenerateSwedishPersonalNumberOptions): string {
  const { birthDate, sex, serial, coordination = false } = options;
  const birth = parseIsoDate(birthDate);
  if (!birth || birth.year < EARLIEST_BIRTH_YEAR) {
    throw new RangeError(
      `birthDate must be a valid YYYY-MM-DD date from ${EARLIEST_BIRTH_YEAR} on, got "${birthDate}"`,
    );
  }
  if (!Number.isInteger(serial) || serial < 0 || serial > 99) {
    throw new RangeError(`serial must be an integer from 0 to 99, got ${serial}`);
  }
  if (sex !== 'female' && sex !== 'male')
    throw new RangeError(`sex must be 'female' or 'male', got "${sex}"`);

  // Sex digit: even for women, odd for men; (serial + 1) keeps serial 0 away from birth number 000.
  const sexDigit = ((serial + 1) % 5) * 2 + (sex === 'male' ? 1 : 0);
  const birthNumber = `${pad(serial, 2)}${sexDigit}`;
  const day = birth.day + (coordination ? COORDINATION_DAY_OFFSET : 0);
  const datePart = `${pad(birth.year, 4)}${pad(birth.month, 2)}${pad(day, 2)}`;
  const check = luhnCheckDigit(datePart.slice(2) + birthNumber);
  return `${datePart}${birthNumber}${check}`;
}
