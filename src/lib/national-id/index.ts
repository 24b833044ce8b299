// National identity numbers: parsing, validation and demo-data generation. Pure code, no I/O.

import { type ItalianFiscalCodeError, parseItalianFiscalCode } from './italian-fiscal-code.ts';
import { parseSwedishPersonalNumber, type SwedishPersonalNumberError } from './swedish-personal-number.ts';
import type { Sex } from './types.ts';

export {
  decodeOmocodia,
  type GenerateItalianFiscalCodeOptions,
  generateItalianFiscalCode,
  givenNameCode,
  ITALIAN_PLACE_CODES,
  type ItalianFiscalCode,
  type ItalianFiscalCodeError,
  type ItalianFiscalCodeResult,
  italianCheckCharacter,
  parseItalianFiscalCode,
  surnameCode,
} from './italian-fiscal-code.ts';
export {
  type GenerateSwedishPersonalNumberOptions,
  generateSwedishPersonalNumber,
  luhnCheckDigit,
  parseSwedishPersonalNumber,
  type SwedishPersonalNumber,
  type SwedishPersonalNumberError,
  type SwedishPersonalNumberResult,
} from './swedish-personal-number.ts';
export type { Sex } from './types.ts';

export const SUPPORTED_NATIONAL_ID_COUNTRIES = ['SE', 'IT'] as const;

export type NationalIdErrorCode =
  | 'national_id_invalid_format'
  | 'national_id_invalid_date'
  | 'national_id_invalid_checksum'
  | 'national_id_country_unsupported';

export type NationalIdResult =
  | { ok: true; value: { normalized: string; birthDate: string; sex: Sex } }
  | { ok: false; code: NationalIdErrorCode; message: string };

export type ValidateNationalIdOptions = {
  /** `YYYY-MM-DD`; decides the century of two-digit years and what counts as the future. Default today (UTC). */
  referenceDate?: string;
};

const SWEDISH_ERRORS: Record<SwedishPersonalNumberError, { code: NationalIdErrorCode; message: string }> = {
  format: {
    code: 'national_id_invalid_format',
    message:
      'A Swedish personal identity number must be written as YYYYMMDD-NNNN, YYYYMMDDNNNN, YYMMDD-NNNN, YYMMDDNNNN or YYMMDD+NNNN',
  },
  date: {
    code: 'national_id_invalid_date',
    message: 'The birth date in this Swedish personal identity number does not exist or lies in the future',
  },
  checksum: {
    code: 'national_id_invalid_checksum',
    message: 'The check digit of this Swedish personal identity number is wrong',
  },
};

const ITALIAN_ERRORS: Record<ItalianFiscalCodeError, { code: NationalIdErrorCode; message: string }> = {
  format: {
    code: 'national_id_invalid_format',
    message:
      'An Italian fiscal code must be 16 characters: 6 letters, 2 digits, a month letter, 2 digits, a letter, 3 digits and a check letter',
  },
  date: {
    code: 'national_id_invalid_date',
    message: 'The birth date in this Italian fiscal code does not exist or lies in the future',
  },
  check_character: {
    code: 'national_id_invalid_checksum',
    message: 'The check character (last letter) of this Italian fiscal code is wrong',
  },
};

/**
 * Validates a national identity number for an ISO 3166-1 alpha-2 country ('SE' or 'IT', any case).
 * On success returns the normalized number (SE: 12 digits; IT: 16 uppercase characters), the
 * birth date and the sex.
 */
export function validateNationalId(
  country: string,
  value: string,
  options: ValidateNationalIdOptions = {},
): NationalIdResult {
  const countryCode = country.trim().toUpperCase();
  switch (countryCode) {
    case 'SE': {
      const result = parseSwedishPersonalNumber(value, options.referenceDate);
      if (!result.ok) return { ok: false, ...SWEDISH_ERRORS[result.reason] };
      const { normalized, birthDate, sex } = result.value;
      return { ok: true, value: { normalized, birthDate, sex } };
    }
    case 'IT': {
      const result = parseItalianFiscalCode(value, options.referenceDate);
      if (!result.ok) return { ok: false, ...ITALIAN_ERRORS[result.reason] };
      const { normalized, birthDate, sex } = result.value;
      return { ok: true, value: { normalized, birthDate, sex } };
    }
    default:
      return {
        ok: false,
        code: 'national_id_country_unsupported',
        message: `National identity numbers from country "${country}" are not supported; supported countries are ${SUPPORTED_NATIONAL_ID_COUNTRIES.join(', ')}`,
      };
  }
}
