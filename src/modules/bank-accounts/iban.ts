import {
  electronicFormatIBAN,
  friendlyFormatIBAN,
  getCountrySpecifications,
  isSEPACountry,
  isValidBIC,
  ValidationErrorsIBAN,
  validateIBAN,
} from 'ibantools';
import { hasValidItalianCin } from './italian-cin.ts';

// IBAN and BIC rules, by ibantools (the ISO 13616 country registry, mod-97 and the national
// check digits it knows, e.g. Spain, France, Belgium), plus Italy's CIN, which it does not check. Our own part is the normalising and the
// message: a customer on the phone needs "a Swedish IBAN has 24 characters, this one has 23", not
// "invalid".

export type Check<T> = { ok: true; value: T } | { ok: false; code: string; message: string };

export type Iban = {
  /** Electronic format: upper case, no spaces (what is stored and paid to). */
  iban: string;
  country: string;
  /** The country is in the SEPA scheme: a euro transfer needs only the IBAN. */
  sepa: boolean;
};

/** Upper case without spaces, hyphens or dots: the form people read aloud and paste in. */
export function normaliseIban(input: string): string {
  return electronicFormatIBAN(input) ?? '';
}

/** Groups of four for reading and printing: `SE45 5000 0000 0583 9825 7466`. */
export function printIban(iban: string): string {
  return friendlyFormatIBAN(iban) ?? iban;
}

export function checkIban(input: string): Check<Iban> {
  if (/[^A-Za-z0-9\s.-]/.test(input)) {
    return {
      ok: false,
      code: 'iban_characters',
      message: 'An IBAN has only letters and digits (spaces are allowed between groups).',
    };
  }
  const iban = normaliseIban(input);
  if (iban.length < 5) {
    return { ok: false, code: 'iban_too_short', message: 'An IBAN has at least 15 characters.' };
  }
  const country = iban.slice(0, 2);
  const spec = getCountrySpecifications()[country];
  if (!spec?.chars) {
    return {
      ok: false,
      code: 'iban_country_unknown',
      message: `"${country}" is not a country that uses IBAN; give a domestic account or check the first two letters.`,
    };
  }
  if (iban.length !== spec.chars) {
    return {
      ok: false,
      code: 'iban_length',
      message: `A ${country} IBAN has ${spec.chars} characters; this one has ${iban.length}.`,
    };
  }
  const { errorCodes } = validateIBAN(iban, { allowQRIBAN: false });
  if (errorCodes.includes(ValidationErrorsIBAN.WrongBBANFormat)) {
    return {
      ok: false,
      code: 'iban_format',
      message: `The account part does not have the ${country} format (letters where digits belong, or the other way round).`,
    };
  }
  if (errorCodes.includes(ValidationErrorsIBAN.ChecksumNotNumber)) {
    return {
      ok: false,
      code: 'iban_check_digits',
      message: 'Characters 3 and 4 of an IBAN are its check digits and must be digits.',
    };
  }
  if (errorCodes.includes(ValidationErrorsIBAN.WrongAccountBankBranchChecksum)) {
    return {
      ok: false,
      code: 'iban_national_check_digit',
      message: `The ${country} bank's own check digit in the account part does not match: a digit is mistyped.`,
    };
  }
  if (errorCodes.includes(ValidationErrorsIBAN.WrongIBANChecksum)) {
    return {
      ok: false,
      code: 'iban_check_digits',
      message: 'The IBAN check digits (mod 97) do not match: a character is mistyped or two are swapped.',
    };
  }
  if (
    errorCodes.length === 0 &&
    (country === 'IT' || country === 'SM') &&
    !hasValidItalianCin(iban.slice(4))
  ) {
    return {
      ok: false,
      code: 'iban_national_check_digit',
      message: `The CIN (the letter after the check digits) does not match the bank and account numbers of this ${country} IBAN: a character is mistyped.`,
    };
  }
  if (errorCodes.length > 0) {
    return { ok: false, code: 'iban_invalid', message: 'This is not a valid IBAN.' };
  }
  return { ok: true, value: { iban, country, sepa: isSEPACountry(country) } };
}

/** A BIC (SWIFT code): 8 or 11 characters, bank, country, location and optional branch. */
export function checkBic(input: string): Check<string> {
  const bic = input.replace(/\s+/g, '').toUpperCase();
  if (!isValidBIC(bic)) {
    return {
      ok: false,
      code: 'bic_invalid',
      message:
        'A BIC has 8 or 11 characters: four letters for the bank, a country code, two for the place and optionally three for the branch.',
    };
  }
  return { ok: true, value: bic };
}
