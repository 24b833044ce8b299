import fc from 'fast-check';
import { Temporal } from 'temporal-polyfill';
import { describe, expect, it } from 'vitest';
import type { PremiumFrequency, PremiumSchedule } from './premium-schedule.ts';
import { installmentsDue } from './premium-schedule.ts';

const schedule = (overrides: Partial<PremiumSchedule> = {}): PremiumSchedule => ({
  frequency: 'monthly',
  amountMinor: 10_000,
  currency: 'EUR',
  firstDueDate: '2024-01-01',
  ...overrides,
});
const policy = { startsOn: '2024-01-01', endsOn: '2025-01-01' };
const dueDates = (s: PremiumSchedule, p: { startsOn: string; endsOn: string }, asOf: string) =>
  installmentsDue(s, p, asOf).map((i) => i.dueDate);

describe('installmentsDue', () => {
  it('returns 1-based instalments carrying the schedule amount and currency', () => {
    expect(installmentsDue(schedule(), policy, '2024-02-15')).toEqual([
      { seq: 1, dueDate: '2024-01-01', amountMinor: 10_000, currency: 'EUR' },
      { seq: 2, dueDate: '2024-02-01', amountMinor: 10_000, currency: 'EUR' },
    ]);
  });

  it.each<[PremiumFrequency, string[]]>([
    [
      'monthly',
      [
        '2024-01-01',
        '2024-02-01',
        '2024-03-01',
        '2024-04-01',
        '2024-05-01',
        '2024-06-01',
        '2024-07-01',
        '2024-08-01',
        '2024-09-01',
        '2024-10-01',
        '2024-11-01',
        '2024-12-01',
      ],
    ],
    ['quarterly', ['2024-01-01', '2024-04-01', '2024-07-01', '2024-10-01']],
    ['semiannual', ['2024-01-01', '2024-07-01']],
    ['annual', ['2024-01-01']],
  ])('%s instalments fall strictly before the policy end date', (frequency, expected) => {
    expect(dueDates(schedule({ frequency }), policy, '2030-01-01')).toEqual(expected);
  });

  it('clamps to month end but computes every date from the first due date (Jan 31 monthly, leap year)', () => {
    expect(
      dueDates(
        schedule({ firstDueDate: '2024-01-31' }),
        { startsOn: '2024-01-31', endsOn: '2024-07-01' },
        '2024-12-31',
      ),
    ).toEqual(['2024-01-31', '2024-02-29', '2024-03-31', '2024-04-30', '2024-05-31', '2024-06-30']);
  });

  it('clamps Jan 31 to Feb 28 in a non-leap year', () => {
    expect(
      dueDates(
        schedule({ firstDueDate: '2023-01-31' }),
        { startsOn: '2023-01-31', endsOn: '2023-04-01' },
        '2023-12-31',
      ),
    ).toEqual(['2023-01-31', '2023-02-28', '2023-03-31']);
  });

  it('clamps Feb 29 annual instalments to Feb 28 and returns to Feb 29 in the next leap year', () => {
    expect(
      dueDates(
        schedule({ frequency: 'annual', firstDueDate: '2024-02-29' }),
        { startsOn: '2024-02-29', endsOn: '2029-01-01' },
        '2030-01-01',
      ),
    ).toEqual(['2024-02-29', '2025-02-28', '2026-02-28', '2027-02-28', '2028-02-29']);
  });

  it('includes an instalment due on the as-of date and excludes the day after', () => {
    expect(dueDates(schedule(), policy, '2024-03-01')).toEqual(['2024-01-01', '2024-02-01', '2024-03-01']);
    expect(dueDates(schedule(), policy, '2024-02-29')).toEqual(['2024-01-01', '2024-02-01']);
  });

  it('excludes an instalment falling exactly on the policy end date', () => {
    expect(dueDates(schedule(), { startsOn: '2024-01-01', endsOn: '2024-03-01' }, '2030-01-01')).toEqual([
      '2024-01-01',
      '2024-02-01',
    ]);
  });

  it('returns nothing before the first due date', () => {
    expect(installmentsDue(schedule(), policy, '2023-12-31')).toEqual([]);
  });

  it.each<[string, PremiumSchedule, { startsOn: string; endsOn: string }, string]>([
    ['a malformed date', schedule({ firstDueDate: '2024-1-1' }), policy, '2024-06-01'],
    ['an impossible date', schedule({ firstDueDate: '2024-02-30' }), policy, '2024-06-01'],
    ['a malformed as-of date', schedule(), policy, '2024-06-01T00:00'],
    ['a fractional amount', schedule({ amountMinor: 10.5 }), policy, '2024-06-01'],
    ['a zero amount', schedule({ amountMinor: 0 }), policy, '2024-06-01'],
    ['an unsafe amount', schedule({ amountMinor: 2 ** 53 }), policy, '2024-06-01'],
    ['a bad currency code', schedule({ currency: 'eur' }), policy, '2024-06-01'],
    ['an unknown frequency', schedule({ frequency: 'weekly' as PremiumFrequency }), policy, '2024-06-01'],
    [
      'a policy ending before it starts',
      schedule(),
      { startsOn: '2024-01-01', endsOn: '2024-01-01' },
      '2024-06-01',
    ],
  ])('rejects %s', (_label, s, p, asOf) => {
    expect(() => installmentsDue(s, p, asOf)).toThrow(RangeError);
  });

  it('property: due dates are firstDueDate + n * interval months, ordered, within bounds', () => {
    const base = Temporal.PlainDate.from('2020-01-01');
    const day = (offset: number) => base.add({ days: offset }).toString();
    const months = { monthly: 1, quarterly: 3, semiannual: 6, annual: 12 } as const;
    fc.assert(
      fc.property(
        fc.constantFrom<PremiumFrequency>('monthly', 'quarterly', 'semiannual', 'annual'),
        fc.integer({ min: 0, max: 2000 }),
        fc.integer({ min: 1, max: 1500 }),
        fc.integer({ min: 0, max: 4000 }),
        (frequency, firstOffset, length, asOfOffset) => {
          const s = schedule({ frequency, firstDueDate: day(firstOffset) });
          const p = { startsOn: day(firstOffset), endsOn: day(firstOffset + length) };
          const asOf = day(asOfOffset);
          const result = installmentsDue(s, p, asOf);
          const first = Temporal.PlainDate.from(s.firstDueDate);
          result.forEach((inst, i) => {
            expect(inst.seq).toBe(i + 1);
            expect(inst.dueDate).toBe(first.add({ months: i * months[frequency] }).toString());
            expect(inst.dueDate < p.endsOn).toBe(true);
            expect(inst.dueDate <= asOf).toBe(true);
          });
          // The next instalment after the last returned is out of bounds.
          const next = first.add({ months: result.length * months[frequency] }).toString();
          expect(next >= p.endsOn || next > asOf).toBe(true);
        },
      ),
    );
  });
});
