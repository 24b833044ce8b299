import { Temporal } from 'temporal-polyfill';

/** Today's calendar date in a time zone — deadlines and "in the future" are judged locally. */
export function todayIn(timeZone: string, now: Date = new Date()): string {
  return Temporal.Instant.fromEpochMilliseconds(now.getTime())
    .toZonedDateTimeISO(timeZone)
    .toPlainDate()
    .toString();
}
