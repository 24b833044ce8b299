import type { Check } from './iban.ts';
import { hasValidLuhnCheckDigit } from './luhn.ts';

// Swedish giro numbers, the usual way Swedish companies and many people are paid. Both end in a
// mod-10 (Luhn) check digit over the whole number (Bankgirot's and Plusgirot's own rule).
// Bankgiro: 7 or 8 digits, printed NNN-NNNN or NNNN-NNNN. Plusgiro: 2 to 8 digits, printed in
// pairs from the right with the check digit after a hyphen (12 34 56-7).

/** Only the digits, once spaces and hyphens are gone; null when anything else is in the way. */
function digitsOf(input: string): string | null {
  const compact = input.replace(/[\s-]/g, '');
  return /^\d+$/.test(compact) ? compact : null;
}

export function checkBankgiro(input: string): Check<string> {
  const digits = digitsOf(input);
  if (digits === null) {
    return {
      ok: false,
      code: 'bankgiro_characters',
      message: 'A Bankgiro number has only digits (and a hyphen).',
    };
  }
  if (digits.length < 7 || digits.length > 8) {
    return {
      ok: false,
      code: 'bankgiro_length',
      message: `A Bankgiro number has 7 or 8 digits; this one has ${digits.length}.`,
    };
  }
  if (!hasValidLuhnCheckDigit(digits)) {
    return {
      ok: false,
      code: 'bankgiro_check_digit',
      message:
        'The last digit of the Bankgiro number (its mod-10 check digit) does not match: a digit is mistyped.',
    };
  }
  return { ok: true, value: digits };
}

export function checkPlusgiro(input: string): Check<string> {
  const digits = digitsOf(input);
  if (digits === null) {
    return {
      ok: false,
      code: 'plusgiro_characters',
      message: 'A Plusgiro number has only digits (and a hyphen).',
    };
  }
  if (digits.length < 2 || digits.length > 8) {
    return {
      ok: false,
      code: 'plusgiro_length',
      message: `A Plusgiro number has 2 to 8 digits; this one has ${digits.length}.`,
    };
  }
  if (!hasValidLuhnCheckDigit(digits)) {
    return {
      ok: false,
      code: 'plusgiro_check_digit',
      message:
        'The last digit of the Plusgiro number (its mod-10 check digit) does not match: a digit is mistyped.',
    };
  }
  return { ok: true, value: digits };
}

/** 1234567 → 123-4567, 12345678 → 1234-5678. */
export function printBankgiro(digits: string): string {
  return `${digits.slice(0, -4)}-${digits.slice(-4)}`;
}

/** 12345678 → 1 23 45 67-8, 4711 → 4 71-1: pairs from the right, then the check digit. */
export function printPlusgiro(digits: string): string {
  const body = digits.slice(0, -1);
  const pairs: string[] = [];
  for (let end = body.length; end > 0; end -= 2) pairs.unshift(body.slice(Math.max(0, end - 2), end));
  return `${pairs.join(' ')}-${digits.slice(-1)}`;
}
