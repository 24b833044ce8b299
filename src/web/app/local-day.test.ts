import { afterEach, describe, expect, it } from 'vitest';
import { localDay } from './local-day.ts';

const zone = process.env.TZ;
afterEach(() => {
  // Node re-reads TZ when it is assigned; put back what the run had.
  if (zone === undefined) delete process.env.TZ;
  else process.env.TZ = zone;
});

describe('localDay', () => {
  it('is the reader’s day, not UTC’s, just after local midnight in Stockholm and Rome', () => {
    const justAfterMidnight = new Date('2026-11-21T23:30:00Z'); // 00:30 on the 22nd in CET
    expect(justAfterMidnight.toISOString().slice(0, 10)).toBe('2026-11-21');
    for (const tz of ['Europe/Stockholm', 'Europe/Rome']) {
      process.env.TZ = tz;
      expect(localDay(0, justAfterMidnight), tz).toBe('2026-11-22');
      expect(localDay(1, justAfterMidnight), tz).toBe('2026-11-23');
    }
    process.env.TZ = 'Europe/Stockholm';
    // Summer time: 00:30 CEST is 22:30 UTC the day before.
    expect(localDay(0, new Date('2026-07-14T22:30:00Z'))).toBe('2026-07-15');
  });

  it('steps calendar days across a DST change and a year end', () => {
    process.env.TZ = 'Europe/Stockholm';
    // 29 March 2026: clocks go forward, the day has 23 hours.
    expect(localDay(1, new Date('2026-03-28T23:30:00Z'))).toBe('2026-03-30');
    expect(localDay(-1, new Date('2026-03-30T00:30:00+02:00'))).toBe('2026-03-29');
    expect(localDay(-29, new Date('2026-01-10T12:00:00+01:00'))).toBe('2025-12-12');
  });
});
