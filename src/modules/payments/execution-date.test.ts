import { describe, expect, it } from 'vitest';
import { requestedExecutionDate } from './execution-date.ts';

describe('requestedExecutionDate', () => {
  it('is today before noon on a banking day (Stockholm time)', () => {
    // 10:59 UTC is 11:59 in Stockholm in March (CET).
    expect(requestedExecutionDate('SEK', new Date('2026-03-10T10:59:00Z'))).toBe('2026-03-10');
  });
  it('is the next banking day from noon on', () => {
    expect(requestedExecutionDate('SEK', new Date('2026-03-10T11:00:00Z'))).toBe('2026-03-11');
  });
  it('judges the day in the local zone (late evening UTC is already tomorrow in Stockholm)', () => {
    // 23:30 UTC on Thursday 2 April 2026 is 01:30 on Good Friday in Stockholm (CEST).
    expect(requestedExecutionDate('SEK', new Date('2026-04-02T23:30:00Z'))).toBe('2026-04-07');
  });
  it('skips the TARGET2 holidays for EUR', () => {
    // Morning of Good Friday 2026: TARGET2 closed Friday 3 and Monday 6 April.
    expect(requestedExecutionDate('EUR', new Date('2026-04-03T07:00:00Z'))).toBe('2026-04-07');
    // Christmas Eve afternoon: 25 and 26 closed, 27 is a Sunday.
    expect(requestedExecutionDate('EUR', new Date('2026-12-24T15:00:00Z'))).toBe('2026-12-28');
  });
  it('keeps an Italian national holiday as a banking day for EUR, but not a Swedish one for SEK', () => {
    // 2 June (Festa della Repubblica) is open in TARGET2; 6 June 2025 (Sweden's national day) is a Friday.
    expect(requestedExecutionDate('EUR', new Date('2026-06-02T06:00:00Z'))).toBe('2026-06-02');
    expect(requestedExecutionDate('SEK', new Date('2025-06-06T06:00:00Z'))).toBe('2025-06-09');
  });
});
