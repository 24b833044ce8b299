import fc from 'fast-check';
import { Temporal } from 'temporal-polyfill';
import { describe, expect, it } from 'vitest';
import type { PremiumFrequency, PremiumSchedule } from './premium-schedule.ts';
import { installmentsDue } from './premium-schedule.ts';
import type { PremiumPayment, PremiumState, PremiumStatus, PremiumTerms } from './premium-status.ts';
import { derivePremiumStatus, isCoverInForce } from './premium-status.ts';

// Monthly EUR 100.00 from 2024-01-15; cover suspended from the 15th day after the due date
// (as under Italy's Codice civile art. 1901), lapsed after 60 days.
const schedule: PremiumSchedule = {
  frequency: 'monthly',
  amountMinor: 10_000,
  currency: 'EUR',
  firstDueDate: '2024-01-15',
};
const policy = { startsOn: '2024-01-15', endsOn: '2025-01-15' };
const terms: PremiumTerms = { graceDays: 14, lapseAfterDays: 60 };

const plusDays = (date: string, days: number) => Temporal.PlainDate.from(date).add({ days }).toString();
const eur = (paidOn: string, amountMinor: number): PremiumPayment => ({
  paidOn,
  amountMinor,
  currency: 'EUR',
});
const status = (payments: PremiumPayment[], asOf: string, overrides: { terms?: PremiumTerms } = {}) =>
  derivePremiumStatus({ schedule, policy, payments, terms: overrides.terms ?? terms, asOf });

describe('derivePremiumStatus: state boundaries', () => {
  // Instalment 1 (2024-01-15) unpaid; asOf = due date + d.
  it.each<[number, PremiumState]>([
    [0, 'grace_period'],
    [1, 'grace_period'],
    [14, 'grace_period'], // d = graceDays
    [15, 'overdue'], // d = graceDays + 1
    [60, 'overdue'], // d = lapseAfterDays
    [61, 'lapsed'], // d = lapseAfterDays + 1
    [300, 'lapsed'],
  ])('d = %i -> %s', (d, expected) => {
    const result = status([], plusDays('2024-01-15', d));
    expect(result.state).toBe(expected);
    expect(result.daysPastDue).toBe(d);
    expect(result.oldestUnpaidDueDate).toBe('2024-01-15');
    expect(result.paidThrough).toBeNull();
  });

  it.each<[number, PremiumState]>([
    [0, 'grace_period'],
    [1, 'lapsed'],
  ])('with zero grace and zero lapse days, d = %i -> %s', (d, expected) => {
    const result = status([], plusDays('2024-01-15', d), { terms: { graceDays: 0, lapseAfterDays: 0 } });
    expect(result.state).toBe(expected);
  });

  it('is paid before anything falls due', () => {
    expect(status([], '2024-01-14')).toEqual({
      state: 'paid',
      asOf: '2024-01-14',
      paidThrough: null,
      oldestUnpaidDueDate: null,
      daysPastDue: 0,
      outstandingMinor: 0,
      creditMinor: 0,
      currency: 'EUR',
    } satisfies PremiumStatus);
  });

  it('an instalment due today and unpaid gives grace_period with d = 0, after earlier ones were paid', () => {
    expect(status([eur('2024-01-15', 10_000)], '2024-02-15')).toMatchObject({
      state: 'grace_period',
      paidThrough: '2024-01-15',
      oldestUnpaidDueDate: '2024-02-15',
      daysPastDue: 0,
      outstandingMinor: 10_000,
    });
  });

  it('measures d from the oldest unpaid instalment, not the newest', () => {
    // Three instalments due (Jan 15, Feb 15, Mar 15), none paid: d counts from Jan 15 (31 + 29 days).
    expect(status([], '2024-03-15')).toMatchObject({
      state: 'overdue',
      oldestUnpaidDueDate: '2024-01-15',
      daysPastDue: 60,
      outstandingMinor: 30_000,
    });
    expect(status([], '2024-03-16')).toMatchObject({ state: 'lapsed', daysPastDue: 61 });
  });
});

describe('derivePremiumStatus: allocation', () => {
  it('applies payments oldest instalment first, whatever their order in the array', () => {
    const payments = [eur('2024-02-20', 10_000), eur('2024-01-10', 10_000)];
    const forward = status(payments, '2024-03-01');
    const reversed = status([...payments].reverse(), '2024-03-01');
    expect(forward).toEqual(reversed);
    expect(forward).toMatchObject({ state: 'paid', paidThrough: '2024-02-15', outstandingMinor: 0 });
  });

  it('a partial payment leaves the instalment unpaid with the remainder outstanding', () => {
    expect(status([eur('2024-01-15', 6_000)], '2024-01-31')).toMatchObject({
      state: 'overdue',
      paidThrough: null,
      oldestUnpaidDueDate: '2024-01-15',
      daysPastDue: 16,
      outstandingMinor: 4_000,
      creditMinor: 0,
    });
  });

  it('partial payments add up, and the shortfall stays on the oldest instalment', () => {
    // 25,000 over three instalments of 10,000: Jan and Feb covered, Mar short by 5,000.
    expect(
      status([eur('2024-01-15', 7_000), eur('2024-02-01', 8_000), eur('2024-03-01', 10_000)], '2024-03-20'),
    ).toMatchObject({
      state: 'grace_period',
      paidThrough: '2024-02-15',
      oldestUnpaidDueDate: '2024-03-15',
      daysPastDue: 5,
      outstandingMinor: 5_000,
      creditMinor: 0,
    });
  });

  it('a late full payment brings the policy back to paid', () => {
    expect(status([eur('2024-02-10', 10_000)], '2024-02-10')).toMatchObject({ state: 'paid' });
  });

  it('overpayment is credit that covers future instalments only once they fall due', () => {
    const prepaid = [eur('2024-01-15', 25_000)];
    // Before the second instalment: only one instalment is owed, the rest is credit.
    expect(status(prepaid, '2024-02-14')).toMatchObject({
      state: 'paid',
      paidThrough: '2024-01-15',
      outstandingMinor: 0,
      creditMinor: 15_000,
    });
    // Feb 15 falls due and the credit pays it.
    expect(status(prepaid, '2024-02-15')).toMatchObject({
      state: 'paid',
      paidThrough: '2024-02-15',
      creditMinor: 5_000,
    });
    // Mar 15: the remaining 5,000 of credit pays half; the rest is owed.
    expect(status(prepaid, '2024-03-15')).toMatchObject({
      state: 'grace_period',
      paidThrough: '2024-02-15',
      oldestUnpaidDueDate: '2024-03-15',
      outstandingMinor: 5_000,
      creditMinor: 0,
    });
  });

  it('ignores payments made after asOf', () => {
    const result = status([eur('2024-01-15', 5_000), eur('2024-02-01', 10_000)], '2024-01-31');
    expect(result).toMatchObject({ state: 'overdue', outstandingMinor: 5_000, creditMinor: 0 });
    // A payment on asOf itself counts.
    expect(status([eur('2024-01-31', 10_000)], '2024-01-31')).toMatchObject({ state: 'paid' });
  });

  it('ignores payments in another currency entirely (neither payment nor credit)', () => {
    const result = status(
      [
        { paidOn: '2024-01-15', amountMinor: 10_000, currency: 'USD' },
        { paidOn: '2024-01-15', amountMinor: 99_999, currency: 'eur' },
      ],
      '2024-01-20',
    );
    expect(result).toMatchObject({
      state: 'grace_period',
      outstandingMinor: 10_000,
      creditMinor: 0,
      currency: 'EUR',
    });
  });

  it('keeps assessing after the policy end date, with only instalments due before it', () => {
    const annual = { ...schedule, frequency: 'annual' as const };
    expect(
      derivePremiumStatus({ schedule: annual, policy, payments: [], terms, asOf: '2026-01-01' }),
    ).toMatchObject({ state: 'lapsed', outstandingMinor: 10_000, oldestUnpaidDueDate: '2024-01-15' });
  });
});

describe('derivePremiumStatus: input validation', () => {
  it.each<[string, Partial<Parameters<typeof derivePremiumStatus>[0]>]>([
    ['graceDays > lapseAfterDays', { terms: { graceDays: 30, lapseAfterDays: 15 } }],
    ['negative graceDays', { terms: { graceDays: -1, lapseAfterDays: 15 } }],
    ['fractional lapseAfterDays', { terms: { graceDays: 1, lapseAfterDays: 1.5 } }],
    ['a negative payment', { payments: [eur('2024-01-15', -1)] }],
    ['a fractional payment', { payments: [eur('2024-01-15', 0.5)] }],
    ['a malformed payment date', { payments: [eur('15/01/2024', 100)] }],
    ['a malformed asOf', { asOf: '2024-02-31' }],
  ])('rejects %s', (_label, overrides) => {
    expect(() =>
      derivePremiumStatus({ schedule, policy, payments: [], terms, asOf: '2024-02-01', ...overrides }),
    ).toThrow(RangeError);
  });

  it('rejects totals beyond the safe integer range', () => {
    const payments = [eur('2024-01-15', Number.MAX_SAFE_INTEGER), eur('2024-01-15', 1)];
    expect(() => status(payments, '2024-02-01')).toThrow(RangeError);
  });
});

describe('isCoverInForce', () => {
  it.each<[PremiumState, boolean]>([
    ['paid', true],
    ['grace_period', true],
    ['overdue', false],
    ['lapsed', false],
  ])('%s -> %s', (state, expected) => {
    expect(isCoverInForce({ ...status([], '2024-01-01'), state })).toBe(expected);
  });
});

describe('derivePremiumStatus: properties', () => {
  const base = Temporal.PlainDate.from('2020-01-01');
  const day = (offset: number) => base.add({ days: offset }).toString();
  const RANK: Record<PremiumState, number> = { paid: 0, grace_period: 1, overdue: 2, lapsed: 3 };

  const scenario = fc
    .record({
      frequency: fc.constantFrom<PremiumFrequency>('monthly', 'quarterly', 'semiannual', 'annual'),
      amountMinor: fc.integer({ min: 1, max: 1_000_000 }),
      firstOffset: fc.integer({ min: 0, max: 1000 }),
      length: fc.integer({ min: 1, max: 1200 }),
      graceDays: fc.integer({ min: 0, max: 60 }),
      extraLapseDays: fc.integer({ min: 0, max: 120 }),
      payments: fc.array(
        fc.record({
          offset: fc.integer({ min: 0, max: 2500 }),
          amountMinor: fc.integer({ min: 0, max: 2_000_000 }),
          currency: fc.constantFrom('EUR', 'EUR', 'EUR', 'USD'),
        }),
        { maxLength: 20 },
      ),
      asOfOffset: fc.integer({ min: 0, max: 2500 }),
    })
    .map((s) => ({
      schedule: {
        frequency: s.frequency,
        amountMinor: s.amountMinor,
        currency: 'EUR',
        firstDueDate: day(s.firstOffset),
      } satisfies PremiumSchedule,
      policy: { startsOn: day(s.firstOffset), endsOn: day(s.firstOffset + s.length) },
      terms: { graceDays: s.graceDays, lapseAfterDays: s.graceDays + s.extraLapseDays },
      payments: s.payments.map((p) => ({
        paidOn: day(p.offset),
        amountMinor: p.amountMinor,
        currency: p.currency,
      })),
      asOf: day(s.asOfOffset),
    }));

  it('paying every instalment in full (on or before asOf) always gives paid', () => {
    fc.assert(
      fc.property(scenario, fc.integer({ min: 0, max: 30 }), (input, lateDays) => {
        const due = installmentsDue(input.schedule, input.policy, input.asOf);
        const payments = due.map((inst) => {
          // Up to lateDays late, but never after asOf.
          const daysUntilAsOf = Temporal.PlainDate.from(inst.dueDate).until(input.asOf).days;
          return eur(plusDays(inst.dueDate, Math.min(lateDays, daysUntilAsOf)), inst.amountMinor);
        });
        const result = derivePremiumStatus({ ...input, payments });
        expect(result).toMatchObject({
          state: 'paid',
          paidThrough: due.at(-1)?.dueDate ?? null,
          oldestUnpaidDueDate: null,
          daysPastDue: 0,
          outstandingMinor: 0,
          creditMinor: 0,
        });
        expect(isCoverInForce(result)).toBe(true);
      }),
    );
  });

  it('the state never improves as asOf moves later without new payments', () => {
    fc.assert(
      fc.property(scenario, fc.integer({ min: 0, max: 800 }), (input, laterBy) => {
        // "No new payments": only payments already made by the earlier date exist.
        const payments = input.payments.filter((p) => p.paidOn <= input.asOf);
        const earlier = derivePremiumStatus({ ...input, payments });
        const later = derivePremiumStatus({ ...input, payments, asOf: plusDays(input.asOf, laterBy) });
        expect(RANK[later.state]).toBeGreaterThanOrEqual(RANK[earlier.state]);
        expect(later.outstandingMinor).toBeGreaterThanOrEqual(earlier.outstandingMinor);
        expect(later.creditMinor).toBeLessThanOrEqual(earlier.creditMinor);
      }),
    );
  });

  it('outstanding + allocated payments == total due, and credit is what is left over', () => {
    fc.assert(
      fc.property(scenario, (input) => {
        const result = derivePremiumStatus(input);
        const totalDue = installmentsDue(input.schedule, input.policy, input.asOf).reduce(
          (sum, inst) => sum + inst.amountMinor,
          0,
        );
        const counted = input.payments
          .filter((p) => p.paidOn <= input.asOf && p.currency === input.schedule.currency)
          .reduce((sum, p) => sum + p.amountMinor, 0);
        const allocated = counted - result.creditMinor;
        expect(allocated).toBeGreaterThanOrEqual(0);
        expect(result.outstandingMinor + allocated).toBe(totalDue);
        expect(result.creditMinor === 0 || result.outstandingMinor === 0).toBe(true);
      }),
    );
  });

  it('state is consistent with daysPastDue and the terms; payment order does not matter', () => {
    fc.assert(
      fc.property(scenario, (input) => {
        const result = derivePremiumStatus(input);
        const reversed = derivePremiumStatus({ ...input, payments: [...input.payments].reverse() });
        expect(reversed).toEqual(result);
        const { graceDays, lapseAfterDays } = input.terms;
        const d = result.daysPastDue;
        const expected: PremiumState =
          result.oldestUnpaidDueDate === null
            ? 'paid'
            : d <= graceDays
              ? 'grace_period'
              : d <= lapseAfterDays
                ? 'overdue'
                : 'lapsed';
        expect(result.state).toBe(expected);
        expect(result.outstandingMinor > 0).toBe(result.oldestUnpaidDueDate !== null);
      }),
    );
  });
});
