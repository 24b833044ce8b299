import { Temporal } from 'temporal-polyfill';

// Test helper: an instant written as local wall-clock time in Stockholm or Rome.

const ZONES = { SE: 'Europe/Stockholm', IT: 'Europe/Rome' } as const;

/** `at('SE', '2025-03-31T10:00')` is 10:00 in Stockholm that day. */
export function at(zone: keyof typeof ZONES, local: string): Date {
  return new Date(Temporal.PlainDateTime.from(local).toZonedDateTime(ZONES[zone]).epochMilliseconds);
}
