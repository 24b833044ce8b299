// Phone numbers as people say and type them, to E.164 (pure). The desk serves Sweden and Italy,
// so national numbers are read by those two numbering plans; any other country must be given
// with its country code (+ or 00). Sweden dials a trunk 0 that is not part of the number
// ('070-123 45 67' is +46 70 123 45 67); Italy has no trunk prefix: a landline's leading 0 stays
// ('02 1234 5678' is +39 02 1234 5678) and mobiles start with 3.

export type PhoneCountry = 'SE' | 'IT';

export type NormalisedPhone = { ok: true; e164: string } | { ok: false; message: string };

const CALLING_CODE: Record<PhoneCountry, string> = { SE: '46', IT: '39' };

/** Separators people write; anything else that is not a digit (or a leading +) is junk. */
const SEPARATORS = /[\s\u00a0.\-/()]/g;

export function normalisePhoneNumber(raw: string, country: PhoneCountry = 'SE'): NormalisedPhone {
  const compact = raw.trim().replace(SEPARATORS, '');
  if (compact === '') return fail('The phone number is empty.');
  if (!/^\+?\d+$/.test(compact)) {
    return fail('A phone number has only digits, spaces, dashes, dots, brackets and a leading +.');
  }
  let international: string | null = null;
  if (compact.startsWith('+')) international = compact.slice(1);
  else if (compact.startsWith('00')) international = compact.slice(2);
  if (international !== null) return fromInternational(international);
  return fromNational(compact, country);
}

function fromInternational(digits: string): NormalisedPhone {
  if (digits.startsWith('46')) return sweden(digits.slice(2));
  if (digits.startsWith('39')) return italy(digits.slice(2));
  if (!/^[1-9]\d{6,14}$/.test(digits)) {
    return fail('An international number has a country code and 7 to 15 digits in all.');
  }
  return { ok: true, e164: `+${digits}` };
}

function fromNational(digits: string, country: PhoneCountry): NormalisedPhone {
  if (country === 'SE') {
    if (!digits.startsWith('0')) {
      return fail('A Swedish number starts with 0 (070-123 45 67), or give it with +46.');
    }
    return sweden(digits.slice(1));
  }
  return italy(digits);
}

/** `nsn`: the Swedish number without country code; a trunk 0 written as "+46 (0)70…" is dropped. */
function sweden(nsn: string): NormalisedPhone {
  const number = nsn.startsWith('0') ? nsn.slice(1) : nsn;
  if (!/^[1-9]\d{6,8}$/.test(number)) {
    return fail('A Swedish number has 7 to 9 digits after the leading 0 (070-123 45 67).');
  }
  return { ok: true, e164: `+${CALLING_CODE.SE}${number}` };
}

/** Italian numbers: landlines start with 0, mobiles with 3, specials with 8 (6 to 11 digits). */
function italy(nsn: string): NormalisedPhone {
  if (!/^[038]\d{5,10}$/.test(nsn)) {
    return fail('An Italian number starts with 0 (landline) or 3 (mobile) and has 6 to 11 digits.');
  }
  return { ok: true, e164: `+${CALLING_CODE.IT}${nsn}` };
}

function fail(message: string): NormalisedPhone {
  return { ok: false, message };
}

/**
 * The ways the same number may be stored on a customer, after the database strips everything
 * but digits and + (the expression of customers_phone_digits_idx): E.164, 00-prefixed, without
 * the +, and the national form (with Sweden's trunk 0, also as "+46 (0)…"). The screen-pop looks
 * all of them up in that one index.
 */
export function storedPhoneVariants(e164: string): string[] {
  const digits = e164.slice(1);
  const variants = new Set([e164, `00${digits}`, digits]);
  if (digits.startsWith('46')) {
    const nsn = digits.slice(2);
    variants.add(`0${nsn}`);
    variants.add(`+460${nsn}`);
  } else if (digits.startsWith('39')) {
    variants.add(digits.slice(2));
  }
  return [...variants];
}
