import type { Language } from '../../db/schema.ts';

// Amounts and dates as each language writes them in a letter: sv-SE "1 234,50 kr", it-IT
// "1.234,50 €", en (British usage) "SEK 1,234.50". Italian CLDR data leaves four-digit amounts
// ungrouped ("1234,50 €"); a letter groups every amount the same way (useGrouping 'always'), as
// Italian banks and insurers print them. Formatters are cached: creating one costs far more than
// formatting with it.

export const LETTER_LOCALES: Record<Language, string> = { sv: 'sv-SE', it: 'it-IT', en: 'en-GB' };

const moneyFormats = new Map<string, Intl.NumberFormat>();

function moneyFormat(language: Language, currency: string): Intl.NumberFormat {
  const key = `${language}:${currency}`;
  let nf = moneyFormats.get(key);
  if (!nf) {
    // A bad currency code throws a RangeError here: a letter never shows an amount it cannot name.
    nf = new Intl.NumberFormat(LETTER_LOCALES[language], {
      style: 'currency',
      currency,
      useGrouping: 'always',
    });
    moneyFormats.set(key, nf);
  }
  return nf;
}

/** Integer minor units → the amount as the language writes it (exact: no float rounding of minor units). */
export function formatLetterMoney(minor: number, currency: string, language: Language): string {
  if (!Number.isSafeInteger(minor))
    throw new Error(`formatLetterMoney: ${minor} is not a whole number of minor units`);
  const nf = moneyFormat(language, currency);
  const digits = nf.resolvedOptions().maximumFractionDigits ?? 2;
  const negative = minor < 0;
  const s = String(Math.abs(minor)).padStart(digits + 1, '0');
  const decimal = digits === 0 ? s : `${s.slice(0, s.length - digits)}.${s.slice(s.length - digits)}`;
  return nf.format((negative ? `-${decimal}` : decimal) as `${number}`);
}

const ISO_DATE = /^(\d{4})-(\d{2})-(\d{2})$/;
const dateFormats = new Map<Language, Intl.DateTimeFormat>();

/** A calendar date (YYYY-MM-DD) written out: "5 mars 2026", "5 marzo 2026", "5 March 2026". */
export function formatLetterDate(isoDate: string, language: Language): string {
  const m = ISO_DATE.exec(isoDate);
  if (!m) throw new Error(`formatLetterDate: "${isoDate}" is not a YYYY-MM-DD date`);
  let df = dateFormats.get(language);
  if (!df) {
    df = new Intl.DateTimeFormat(LETTER_LOCALES[language], { dateStyle: 'long', timeZone: 'UTC' });
    dateFormats.set(language, df);
  }
  // Noon UTC of that day: the same calendar day whatever the formatter's zone.
  return df.format(new Date(Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3]), 12)));
}

/** True for a YYYY-MM-DD string: notice parameters carrying dates are written out in letters. */
export function isIsoDate(value: unknown): value is string {
  return typeof value === 'string' && ISO_DATE.test(value);
}
