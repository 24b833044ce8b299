import type { Language } from '../api/types.ts';
import { toMajor } from './money.ts';

// Dates, numbers and money as each language writes them. Money arrives in integer minor units
// and is divided only for display, by the currency's own number of minor digits.

const LOCALES: Record<Language, string> = { sv: 'sv-SE', it: 'it-IT', en: 'en-GB' };

export function localeOf(language: string): string {
  return LOCALES[language as Language] ?? 'en-GB';
}

export function formatMoney(minor: number, currency: string, language: string): string {
  return new Intl.NumberFormat(localeOf(language), { style: 'currency', currency }).format(
    toMajor(minor, currency),
  );
}

export function formatDate(isoDay: string, language: string): string {
  const [y, m, d] = isoDay.slice(0, 10).split('-').map(Number);
  return new Intl.DateTimeFormat(localeOf(language), { dateStyle: 'medium', timeZone: 'UTC' }).format(
    new Date(Date.UTC(y ?? 1970, (m ?? 1) - 1, d ?? 1)),
  );
}

export function formatDateTime(iso: string, language: string): string {
  return new Intl.DateTimeFormat(localeOf(language), { dateStyle: 'medium', timeStyle: 'short' }).format(
    new Date(iso),
  );
}

/** "3 days", "5 hours", "20 minutes" in the language, for the largest whole unit. */
export function formatDuration(ms: number, language: string): string {
  const abs = Math.abs(ms);
  const format = (value: number, unit: 'day' | 'hour' | 'minute') =>
    new Intl.NumberFormat(localeOf(language), { style: 'unit', unit, unitDisplay: 'long' }).format(value);
  if (abs >= 86_400_000) return format(Math.floor(abs / 86_400_000), 'day');
  if (abs >= 3_600_000) return format(Math.floor(abs / 3_600_000), 'hour');
  return format(Math.max(1, Math.floor(abs / 60_000)), 'minute');
}
