import { parseItalianFiscalCode, parseSwedishPersonalNumber } from '../../lib/national-id/index.ts';
import { checkIban } from '../bank-accounts/index.ts';

// What a customer's text names, found without I/O: our claim and case numbers, national identity
// numbers (personnummer, codice fiscale) that pass their date and check-digit rules, IBANs that
// pass mod-97, and amounts with their currency. Used by the email intake and by scanned letters
// (OCR text), so it tolerates what OCR and people do to numbers: "CLM 2026 123", "clm-2026-000123",
// "19850315-1234", "SE45 5000 0000 0583 9825 7466", "1 234,50 kr", "€ 1.234,56".

export type NationalIdRef = { country: 'SE' | 'IT'; value: string };
export type AmountRef = { value: string; currency: string | null };

export type ExtractedReferences = {
  claimNumbers: string[];
  caseNumbers: string[];
  nationalIds: NationalIdRef[];
  ibans: string[];
  amounts: AmountRef[];
};

// CLM-2026-000123 and CASE-2026-000045, in any case, with a space or nothing for a hyphen, and the
// serial with or without its leading zeros (people drop them on the phone and in letters).
const NUMBER_PATTERN = /\b(CLM|CASE)[-\s]?(\d{4})[-\s]?(\d{1,6})\b/gi;

/** Claim and case numbers in the order they appear, normalised to CLM-YYYY-NNNNNN, without repeats. */
export function findRecordNumbers(text: string): { prefix: 'CLM' | 'CASE'; number: string }[] {
  const found: { prefix: 'CLM' | 'CASE'; number: string }[] = [];
  const seen = new Set<string>();
  for (const m of text.matchAll(NUMBER_PATTERN)) {
    const prefix = (m[1] ?? '').toUpperCase() as 'CLM' | 'CASE';
    const number = `${prefix}-${m[2]}-${(m[3] ?? '').padStart(6, '0')}`;
    if (seen.has(number)) continue;
    seen.add(number);
    found.push({ prefix, number });
  }
  return found;
}

// 12 or 10 digits with an optional - or + before the last four; not inside a longer run of digits.
const PERSONNUMMER = /(?<![\d-])(\d{6}|\d{8})([-+]?)(\d{4})(?![\d-])/g;
// Scanned letters come through OCR, which confuses letters and digits of similar shape (O/D/Q
// and 0, I/L and 1, Z and 2, S and 5, G and 6, B and 8). Where only letters go, a digit is one of
// those letters misread; where only digits go, O and I are 0 and 1 (other letters are the code's
// own omocodia digits, L…V, and stay). The readings are tried in order of how often OCR makes the
// mistake, and the check character decides: the first reading that passes it (with a valid date)
// is the code. A code needing more than a few repairs is not guessed at.
const CODICE_FISCALE =
  /\b[A-Z0-8]{6}[0-9LMNPQRSTUVOI]{2}[ABCDEHLMPRST0-8][0-9LMNPQRSTUVOI]{2}[A-Z0-8][0-9LMNPQRSTUVOI]{3}[A-Z0-8]\b/gi;
const CF_DIGIT_POSITIONS = new Set([6, 7, 9, 10, 12, 13, 14]);
const LETTERS_READ_AS_DIGIT: Readonly<Record<string, readonly string[]>> = {
  '0': ['O', 'D', 'Q'],
  '1': ['I', 'L'],
  '2': ['Z'],
  '4': ['A'],
  '5': ['S'],
  '6': ['G'],
  '7': ['T'],
  '8': ['B'],
};
const MAX_READINGS = 64;

/** The readings of an OCR'd code, most likely first: each character's candidates, combined. */
export function ocrReadings(code: string): string[] {
  let readings = [''];
  for (let i = 0; i < code.length; i++) {
    const c = code[i]?.toUpperCase() ?? '';
    const options = CF_DIGIT_POSITIONS.has(i)
      ? [c === 'O' ? '0' : c === 'I' ? '1' : c]
      : (LETTERS_READ_AS_DIGIT[c] ?? [c]);
    readings = readings.flatMap((r) => options.map((o) => r + o));
    if (readings.length > MAX_READINGS) return [];
  }
  return readings;
}

export function findNationalIds(text: string, referenceDate?: string): NationalIdRef[] {
  const found: NationalIdRef[] = [];
  const seen = new Set<string>();
  const add = (ref: NationalIdRef) => {
    const key = `${ref.country}:${ref.value}`;
    if (!seen.has(key)) {
      seen.add(key);
      found.push(ref);
    }
  };
  for (const m of text.matchAll(PERSONNUMMER)) {
    const parsed = parseSwedishPersonalNumber(`${m[1]}${m[2]}${m[3]}`, referenceDate);
    if (parsed.ok) add({ country: 'SE', value: parsed.value.normalized });
  }
  for (const m of text.matchAll(CODICE_FISCALE)) {
    for (const reading of ocrReadings(m[0])) {
      const parsed = parseItalianFiscalCode(reading, referenceDate);
      if (parsed.ok) {
        add({ country: 'IT', value: parsed.value.normalized });
        break;
      }
    }
  }
  return found;
}

// A country code and two check digits, then letters/digits in groups (single spaces allowed).
const IBAN_START = /\b[A-Z]{2}\d{2}(?:\s?[A-Z0-9]){11,30}/g;

/** IBANs that pass their country's length and mod-97 check, in electronic format (no spaces). */
export function findIbans(text: string): string[] {
  const found: string[] = [];
  for (const m of text.toUpperCase().matchAll(IBAN_START)) {
    const compact = m[0].replace(/\s/g, '');
    // The pattern may run on into the next word; the longest prefix that checks out is the IBAN.
    for (let length = Math.min(compact.length, 34); length >= 15; length--) {
      const check = checkIban(compact.slice(0, length));
      if (check.ok) {
        if (!found.includes(check.value.iban)) found.push(check.value.iban);
        break;
      }
    }
  }
  return found;
}

const CURRENCY_WORDS: Record<string, string> = {
  kr: 'SEK',
  'kr.': 'SEK',
  kronor: 'SEK',
  sek: 'SEK',
  ':-': 'SEK',
  '€': 'EUR',
  eur: 'EUR',
  euro: 'EUR',
  usd: 'USD',
  $: 'USD',
};
// A number with optional thousands separators (space, no-break space, dot, comma, apostrophe) and
// decimals; the currency before or after it.
const NUM = String.raw`\d{1,3}(?:[ \u00A0\u202F.,']\d{3})+(?:[.,]\d{1,2})?|\d+(?:[.,]\d{1,2})?`;
const CUR = String.raw`kronor|kr\.?|sek|eur|euro|usd|€|\$`;
const AMOUNT_AFTER = new RegExp(String.raw`(?<![\w.,])(${NUM})\s?(${CUR}|:-)(?![\w])`, 'gi');
const AMOUNT_BEFORE = new RegExp(String.raw`(?<![\w])(${CUR})\s?(${NUM})(?![\d])`, 'gi');
const AMOUNT_LABELLED = new RegExp(
  String.raw`\b(?:belopp|summa|totalt|importo|totale|amount|total)\s*:?\s*(${NUM})(?![\d.,]*\s?(?:${CUR}|:-))`,
  'gi',
);

/**
 * Turns "1 234,50", "1.234,56", "1,234.56", "250" into "1234.50", "1234.56", "1234.56", "250".
 * The last separator followed by one or two digits is the decimal mark; every other is grouping.
 */
export function normaliseAmount(raw: string): string | null {
  const s = raw.replace(/[\s\u00A0\u202F']/g, '');
  const decimal = /[.,](\d{1,2})$/.exec(s);
  const whole = (decimal ? s.slice(0, decimal.index) : s).replace(/[.,]/g, '');
  if (!/^\d+$/.test(whole)) return null;
  const integer = whole.replace(/^0+(?=\d)/, '');
  return decimal ? `${integer}.${(decimal[1] ?? '').padEnd(2, '0')}` : integer;
}

export function findAmounts(text: string): AmountRef[] {
  const hits: { at: number; ref: AmountRef }[] = [];
  const taken: [number, number][] = [];
  const push = (at: number, end: number, raw: string, currency: string | null) => {
    if (taken.some(([a, b]) => at < b && end > a)) return;
    const value = normaliseAmount(raw);
    if (value === null) return;
    taken.push([at, end]);
    hits.push({ at, ref: { value, currency } });
  };
  for (const m of text.matchAll(AMOUNT_AFTER))
    push(m.index, m.index + m[0].length, m[1] ?? '', CURRENCY_WORDS[(m[2] ?? '').toLowerCase()] ?? null);
  for (const m of text.matchAll(AMOUNT_BEFORE))
    push(m.index, m.index + m[0].length, m[2] ?? '', CURRENCY_WORDS[(m[1] ?? '').toLowerCase()] ?? null);
  for (const m of text.matchAll(AMOUNT_LABELLED)) push(m.index, m.index + m[0].length, m[1] ?? '', null);
  return hits.sort((a, b) => a.at - b.at).map((h) => h.ref);
}

/**
 * Everything the text names. Identity numbers are only those that validate (a random run of
 * digits is not a personnummer); `referenceDate` (YYYY-MM-DD) fixes "today" for the date rules.
 */
export function extractReferences(text: string, referenceDate?: string): ExtractedReferences {
  // Claim and case numbers first, and blanked out, so their digits are not read as anything else.
  const numbers = findRecordNumbers(text);
  const rest = text.replace(NUMBER_PATTERN, (m) => ' '.repeat(m.length));
  return {
    claimNumbers: numbers.filter((n) => n.prefix === 'CLM').map((n) => n.number),
    caseNumbers: numbers.filter((n) => n.prefix === 'CASE').map((n) => n.number),
    nationalIds: findNationalIds(rest, referenceDate),
    ibans: findIbans(rest),
    amounts: findAmounts(rest),
  };
}
