import { describe, expect, it } from 'vitest';
import { businessCalendar, deadlineDay, localDate } from '../deadlines/index.ts';
import { localDays } from './local-days.ts';

describe('localDays', () => {
  it('gives what deadlineDay and localDate give, around midnights and DST changes too', () => {
    const dayOf = localDays();
    const instants: Date[] = [];
    // Every 37 minutes over two years (both DST changes of each), and the instants either side of
    // each UTC hour around the local midnights.
    for (let t = Date.UTC(2025, 0, 1); t < Date.UTC(2027, 0, 1); t += 37 * 60_000) instants.push(new Date(t));
    for (let t = Date.UTC(2026, 2, 25); t < Date.UTC(2026, 3, 2); t += 3_600_000) {
      for (const d of [-1, 0, 1]) instants.push(new Date(t + d));
    }
    for (const country of ['SE', 'IT'] as const) {
      const cal = businessCalendar(country);
      const remembered = instants.map((at) => `${dayOf(country, at, true)} ${dayOf(country, at, false)}`);
      const direct = instants.map((at) => `${deadlineDay(cal, at)} ${localDate(cal, at)}`);
      expect(remembered).toEqual(direct);
    }
  });
});
