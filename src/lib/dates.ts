import { Temporal } from 'temporal-polyfill';

/** Today's calendar date in a time zone — deadlines and "in the future" are judged locally. */
export function todayIn(timeZone: string, now: Date = new Date()): string {
  return Temporal.Instant.fromEpochMilliseconds(now.getTime())
    .toZonedDateTimeISO(timeZone)
    .toPlainDate()
    .toString();
}

// One formatter per (language, calendar), made once: constructing an Intl.DateTimeFormat costs
// ~60 µs, which was a sixth of the deadline sweep's time per due clock (bench/queue-bench.ts profile).
const instantFormats = new Map<string, Intl.DateTimeFormat>();

/** An instant as the reader reads it, in the time zone of the calendar the clock counts on. */
export function formatInstant(at: Date, calendar: 'SE' | 'IT', language: 'sv' | 'it' | 'en'): string {
  const key = `${language}/${calendar}`;
  let format = instantFormats.get(key);
  if (!format) {
    const locale = language === 'sv' ? 'sv-SE' : language === 'it' ? 'it-IT' : 'en-GB';
    format = new Intl.DateTimeFormat(locale, {
      dateStyle: 'medium',
      timeStyle: 'short',
      timeZone: calendar === 'IT' ? 'Europe/Rome' : 'Europe/Stockholm',
    });
    instantFormats.set(key, format);
  }
  return format.format(at);
}
