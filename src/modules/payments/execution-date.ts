import { Temporal } from 'temporal-polyfill';
import {
  bankingCalendarOf,
  bankingDayOnOrAfter,
  bankingTimeZone,
  nextBankingDay,
} from './banking-calendar.ts';

// The requested execution date of a new order (pure): the bank debits us and credits the customer
// on that day. Today when today is a banking day and the order is made before the cut-off, else the
// next banking day. The cut-off is 12:00 local time (Stockholm for SEK, CET for TARGET2): the
// payments desk batches, has the batch approved and releases the pain.001 file in the afternoon,
// and banks take same-day files until mid-afternoon; an order made after noon cannot make that
// run, so it asks for the next banking day rather than a date the bank would roll forward itself.

export const EXECUTION_CUT_OFF_HOUR = 12;

export function requestedExecutionDate(currency: string, now: Date): string {
  const calendar = bankingCalendarOf(currency);
  const local = Temporal.Instant.fromEpochMilliseconds(now.getTime()).toZonedDateTimeISO(
    bankingTimeZone(calendar),
  );
  const today = local.toPlainDate().toString();
  const first = bankingDayOnOrAfter(calendar, today);
  if (first === today && local.hour < EXECUTION_CUT_OFF_HOUR) return today;
  return first === today ? nextBankingDay(calendar, today) : first;
}

/** The later of two `YYYY-MM-DD` dates. */
export function laterDate(a: string, b: string): string {
  return a >= b ? a : b;
}
