import type { ComplaintOutcome, Language } from '../../db/schema.ts';

// The pieces of the complaint letters that are not law: dates and amounts written the way a reader
// of each language expects, and the outcome in words.

const LOCALES: Record<Language, string> = { sv: 'sv-SE', it: 'it-IT', en: 'en-GB' };

/** A calendar date (`YYYY-MM-DD`) in words: "3 mars 2026", "3 marzo 2026", "3 March 2026". */
export function longDate(isoDate: string, language: Language): string {
  return new Intl.DateTimeFormat(LOCALES[language], {
    day: 'numeric',
    month: 'long',
    year: 'numeric',
    timeZone: 'UTC',
  }).format(new Date(`${isoDate}T00:00:00Z`));
}

/** The number of minor units in a currency (2 for SEK and EUR, 0 for JPY). */
export function minorDigits(currency: string): number {
  return (
    new Intl.NumberFormat('en', { style: 'currency', currency }).resolvedOptions().maximumFractionDigits ?? 2
  );
}

/** Minor units as a plain decimal (`150000`, SEK → `1500.00`), for files read by machines. */
export function decimalAmount(minor: number, currency: string): string {
  const digits = minorDigits(currency);
  if (digits === 0) return String(minor);
  const s = String(minor).padStart(digits + 1, '0');
  return `${s.slice(0, -digits)}.${s.slice(-digits)}`;
}

/** Minor units as a reader of the language writes money: "1 500,00 kr", "1.500,00 €", "€1,500.00". */
export function moneyText(minor: number, currency: string, language: Language): string {
  const digits = minorDigits(currency);
  return new Intl.NumberFormat(LOCALES[language], { style: 'currency', currency }).format(
    minor / 10 ** digits,
  );
}

const OUTCOMES: Record<ComplaintOutcome, Record<Language, string>> = {
  upheld: {
    sv: 'Vi ger dig rätt i ditt klagomål.',
    it: 'Il Vostro reclamo è stato accolto.',
    en: 'We uphold your complaint.',
  },
  partially_upheld: {
    sv: 'Vi ger dig delvis rätt i ditt klagomål.',
    it: 'Il Vostro reclamo è stato accolto in parte.',
    en: 'We uphold your complaint in part.',
  },
  rejected: {
    sv: 'Vi kan tyvärr inte ge dig rätt i ditt klagomål.',
    it: 'Purtroppo non possiamo accogliere il Vostro reclamo.',
    en: 'We are sorry, but we cannot uphold your complaint.',
  },
};

const COMPENSATION: Record<Language, (amount: string) => string> = {
  sv: (amount) => `Vi betalar dig ${amount} i ersättning.`,
  it: (amount) => `Vi riconosciamo un indennizzo di ${amount}.`,
  en: (amount) => `We will pay you ${amount} in compensation.`,
};

/** The outcome in words, with the compensation when there is one. */
export function outcomeText(
  outcome: ComplaintOutcome,
  compensation: { minor: number; currency: string } | null,
  language: Language,
): string {
  const said = OUTCOMES[outcome][language];
  if (!compensation || compensation.minor === 0) return said;
  return `${said} ${COMPENSATION[language](moneyText(compensation.minor, compensation.currency, language))}`;
}

/** English outcome codes as the register writes them. */
export const OUTCOME_LABELS_EN: Record<ComplaintOutcome, string> = {
  upheld: 'upheld',
  partially_upheld: 'partially upheld',
  rejected: 'rejected',
};
