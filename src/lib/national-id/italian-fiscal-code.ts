// Italian fiscal codes (codice fiscale) for natural persons: 16 characters,
//   SSS NNN YY M DD PPPP C
// surname (3 letters), given name (3 letters), year (2 digits), month letter, day (2 digits, +40
// for women), Belfiore place code (letter + 3 digits; Z... for foreign countries), check letter.
//
// Omocodia: when two people would get the same code, the Agenzia delle Entrate replaces digits
// (positions 7, 8, 10, 11, 13, 14, 15, counting from 1) by letters, 0-9 -> LMNPQRSTUV, and
// recomputes the check letter. Both the original and omocodic codes decode to the same data.
//
// Hand-written rather than using the installed `codice-fiscale-js` (v2.4.0): its `check()` does not
// validate the date at all (day 30 of February or day 35 pass), its decoder lets `Date.UTC`
// overflow such days into the next month and picks 20YY whenever that year is not in the future
// ignoring month and day (so it can return a birth date later this year), it throws on place codes
// missing from its bundled list, it ships as a ~300 KB CommonJS bundle with that list, and it does
// not trim input. The check-letter tables below are the official ones (they agree with the package's).

import {
  compareDates,
  formatIsoDate,
  isValidCalendarDate,
  mostRecentYear,
  pad,
  parseIsoDate,
  resolveReferenceDate,
} from './calendar.ts';
import type { Sex } from './types.ts';

export type ItalianFiscalCode = {
  /** The 16 characters, uppercase, exactly as issued (omocodic letters are kept). */
  normalized: string;
  /** `YYYY-MM-DD`; the century is the most recent one that does not put the date in the future. */
  birthDate: string;
  sex: Sex;
  /** Belfiore code with omocodic letters decoded, e.g. 'H501' (Roma) or 'Z404' (USA). */
  placeCode: string;
};

export type ItalianFiscalCodeError = 'format' | 'date' | 'check_character';

export type ItalianFiscalCodeResult =
  | { ok: true; value: ItalianFiscalCode }
  | { ok: false; reason: ItalianFiscalCodeError };

/** Month letters, January to December. */
export const MONTH_LETTERS = 'ABCDEHLMPRST';

/** Letters that stand for the digits 0-9 in omocodic codes. */
export const OMOCODIA_LETTERS = 'LMNPQRSTUV';

/** Zero-based indexes of the characters that are digits in a non-omocodic code. */
export const OMOCODIA_POSITIONS: readonly number[] = [6, 7, 9, 10, 12, 13, 14];

const FEMALE_DAY_OFFSET = 40;

const PATTERN = /^[A-Z]{6}[0-9LMNPQRSTUV]{2}[ABCDEHLMPRST][0-9LMNPQRSTUV]{2}[A-Z][0-9LMNPQRSTUV]{3}[A-Z]$/;

// Values of A..Z (and of 0..9, which count like A..J) at odd positions (1st, 3rd, ... counting from 1).
const ODD_VALUES = [
  1, 0, 5, 7, 9, 13, 15, 17, 19, 21, 2, 4, 18, 20, 11, 3, 6, 8, 12, 14, 16, 10, 22, 25, 24, 23,
];

function characterIndex(char: string): number {
  const code = char.charCodeAt(0);
  return code >= 48 && code <= 57 ? code - 48 : code - 65; // '0'..'9' -> 0..9, 'A'..'Z' -> 0..25
}

/** The check letter for the first 15 characters (uppercase) of a fiscal code. */
export function italianCheckCharacter(first15: string): string {
  if (!/^[A-Z0-9]{15}$/.test(first15)) {
    throw new RangeError(`expected 15 uppercase letters or digits, got "${first15}"`);
  }
  let sum = 0;
  for (let i = 0; i < 15; i++) {
    const index = characterIndex(first15.charAt(i));
    // i is zero-based, so even i is an odd position in the official one-based numbering.
    sum += i % 2 === 0 ? (ODD_VALUES[index] ?? 0) : index;
  }
  return String.fromCharCode(65 + (sum % 26));
}

/** Replaces omocodic letters at the digit positions by their digits. */
export function decodeOmocodia(code: string): string {
  const chars = code.split('');
  for (const position of OMOCODIA_POSITIONS) {
    const letterIndex = OMOCODIA_LETTERS.indexOf(chars[position] ?? '');
    if (letterIndex >= 0) chars[position] = String(letterIndex);
  }
  return chars.join('');
}

/**
 * Parses an Italian fiscal code (case-insensitive, surrounding whitespace ignored).
 * The check letter is verified on the code as given (omocodic letters included). The two-digit
 * year becomes the most recent year that keeps the birth date on or before `referenceDate`
 * (default today, UTC; a malformed one throws).
 */
export function parseItalianFiscalCode(input: string, referenceDate?: string): ItalianFiscalCodeResult {
  const reference = resolveReferenceDate(referenceDate);
  const normalized = input.trim().toUpperCase();
  if (!PATTERN.test(normalized)) return { ok: false, reason: 'format' };

  const decoded = decodeOmocodia(normalized);
  const month = MONTH_LETTERS.indexOf(decoded.charAt(8)) + 1;
  const codedDay = Number(decoded.slice(9, 11));
  const sex: Sex = codedDay > FEMALE_DAY_OFFSET ? 'female' : 'male';
  const day = sex === 'female' ? codedDay - FEMALE_DAY_OFFSET : codedDay;
  if (day < 1 || day > 31) return { ok: false, reason: 'date' };
  const year = mostRecentYear(Number(decoded.slice(6, 8)), month, day, reference);
  if (!isValidCalendarDate(year, month, day)) return { ok: false, reason: 'date' };
  // mostRecentYear never returns a future date; kept as a guard should that helper change.
  if (compareDates({ year, month, day }, reference) > 0) return { ok: false, reason: 'date' };

  if (italianCheckCharacter(normalized.slice(0, 15)) !== normalized.charAt(15)) {
    return { ok: false, reason: 'check_character' };
  }

  return {
    ok: true,
    value: {
      normalized,
      birthDate: formatIsoDate({ year, month, day }),
      sex,
      placeCode: decoded.slice(11, 15),
    },
  };
}

const VOWELS = 'AEIOU';

/** Uppercase A-Z only: accents are stripped (È -> E), apostrophes, spaces and hyphens dropped. */
function lettersOf(name: string): string {
  return name
    .normalize('NFD')
    .replace(/\p{M}/gu, '')
    .toUpperCase()
    .replace(/[^A-Z]/g, '');
}

function consonantsOf(letters: string): string {
  return [...letters].filter((c) => !VOWELS.includes(c)).join('');
}

function vowelsOf(letters: string): string {
  return [...letters].filter((c) => VOWELS.includes(c)).join('');
}

/** Surname part: consonants, then vowels, then X, first three. */
export function surnameCode(familyName: string): string {
  const letters = lettersOf(familyName);
  return `${consonantsOf(letters)}${vowelsOf(letters)}XXX`.slice(0, 3);
}

/** Given-name part: with 4 or more consonants the 1st, 3rd and 4th; otherwise as for surnames. */
export function givenNameCode(givenName: string): string {
  const letters = lettersOf(givenName);
  const consonants = consonantsOf(letters);
  if (consonants.length >= 4) return `${consonants[0]}${consonants[2]}${consonants[3]}`;
  return `${consonants}${vowelsOf(letters)}XXX`.slice(0, 3);
}

export type GenerateItalianFiscalCodeOptions = {
  givenName: string;
  familyName: string;
  /** `YYYY-MM-DD`. */
  birthDate: string;
  sex: Sex;
  /** Belfiore code, e.g. 'H501'; see `ITALIAN_PLACE_CODES`. */
  placeCode: string;
};

/**
 * Builds the (non-omocodic) 16-character fiscal code for demo data. Throws `RangeError` on an
 * invalid date or place code, or names without any letter.
 */
export function generateItalianFiscalCode(options: GenerateItalianFiscalCodeOptions): string {
  const { givenName, familyName, birthDate, sex, placeCode } = options;
  const birth = parseIsoDate(birthDate);
  if (!birth) throw new RangeError(`birthDate must be a valid YYYY-MM-DD date, got "${birthDate}"`);
  const place = placeCode.trim().toUpperCase();
  if (!/^[A-Z]\d{3}$/.test(place)) {
    throw new RangeError(`placeCode must be a letter and three digits, got "${placeCode}"`);
  }
  if (lettersOf(familyName) === '' || lettersOf(givenName) === '') {
    throw new RangeError('givenName and familyName must each contain at least one letter');
  }
  if (sex !== 'female' && sex !== 'male')
    throw new RangeError(`sex must be 'female' or 'male', got "${sex}"`);

  const day = birth.day + (sex === 'female' ? FEMALE_DAY_OFFSET : 0);
  const first15 =
    surnameCode(familyName) +
    givenNameCode(givenName) +
    pad(birth.year % 100, 2) +
    MONTH_LETTERS.charAt(birth.month - 1) +
    pad(day, 2) +
    place;
  return first15 + italianCheckCharacter(first15);
}

/** Belfiore codes of Italy's largest cities, for demo data. */
export const ITALIAN_PLACE_CODES: readonly { code: string; name: string; province: string }[] = [
  { code: 'H501', name: 'Roma', province: 'RM' },
  { code: 'F205', name: 'Milano', province: 'MI' },
  { code: 'F839', name: 'Napoli', province: 'NA' },
  { code: 'L219', name: 'Torino', province: 'TO' },
  { code: 'G273', name: 'Palermo', province: 'PA' },
  { code: 'D969', name: 'Genova', province: 'GE' },
  { code: 'A944', name: 'Bologna', province: 'BO' },
  { code: 'D612', name: 'Firenze', province: 'FI' },
  { code: 'A662', name: 'Bari', province: 'BA' },
  { code: 'C351', name: 'Catania', province: 'CT' },
  { code: 'L736', name: 'Venezia', province: 'VE' },
  { code: 'L781', name: 'Verona', province: 'VR' },
  { code: 'G224', name: 'Padova', province: 'PD' },
  { code: 'L424', name: 'Trieste', province: 'TS' },
  { code: 'B354', name: 'Cagliari', province: 'CA' },
];
