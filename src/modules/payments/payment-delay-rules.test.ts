import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { formatIsoDay, parseIsoDayOrThrow } from '../../lib/day-number.ts';
import { addBankingDays } from './banking-calendar.ts';
import { bankingDaysBetween, latestDueExecutionDate, paymentDelay } from './payment-delay-rules.ts';

const SEK = 'SE' as const;
const EUR = 'TARGET2' as const;
const settings = { delayWarningBankingDays: 2, delayCaseBankingDays: 5 };

describe('banking days between', () => {
  it('counts banking days after the execution date, on the currency’s calendar', () => {
    // Thursday 2026-04-02 before Easter: Fri and Mon are closed on both calendars.
    expect(bankingDaysBetween('SE', '2026-04-02', '2026-04-08')).toBe(2);
    expect(bankingDaysBetween('TARGET2', '2026-04-02', '2026-04-08')).toBe(2);
    expect(bankingDaysBetween('SE', '2026-04-08', '2026-04-02')).toBe(0);
    // Midsommarafton is closed for Swedish banks, open in TARGET2.
    expect(bankingDaysBetween('SE', '2026-06-18', '2026-06-19')).toBe(0);
    expect(bankingDaysBetween('TARGET2', '2026-06-18', '2026-06-19')).toBe(1);
  });
});

describe('paymentDelay', () => {
  it('is on time, then warns on the Nth banking day, then opens a case', () => {
    // Monday 2026-03-02: warning on Wednesday the 4th, case on Monday the 9th.
    const at = (today: string) =>
      paymentDelay({ executionDate: '2026-03-02', today, calendar: SEK, settings });
    expect(at('2026-03-03')).toEqual({
      stage: 0,
      warningOn: '2026-03-04',
      caseOn: '2026-03-09',
      bankingDaysElapsed: 1,
    });
    expect(at('2026-03-04').stage).toBe(1);
    expect(at('2026-03-08').stage).toBe(1); // Sunday: still only four banking days
    expect(at('2026-03-09')).toMatchObject({ stage: 2, bankingDaysElapsed: 5 });
    expect(at('2026-03-01').stage).toBe(0);
  });

  it('counts on the currency’s calendar: SEK across midsommar, EUR across Easter', () => {
    expect(
      paymentDelay({ executionDate: '2026-06-18', today: '2026-06-22', calendar: SEK, settings }).stage,
    ).toBe(0); // Fri 19 closed, Mon 22 is the first banking day
    expect(
      paymentDelay({ executionDate: '2026-06-18', today: '2026-06-22', calendar: EUR, settings }).stage,
    ).toBe(1); // Fri 19 and Mon 22 are two TARGET2 days
    expect(
      paymentDelay({ executionDate: '2026-04-02', today: '2026-04-07', calendar: EUR, settings }).stage,
    ).toBe(0);
  });

  it('latestDueExecutionDate splits execution dates exactly into due and not due', () => {
    const days = fc.integer({ min: parseIsoDayOrThrow('2025-01-01'), max: parseIsoDayOrThrow('2027-12-31') });
    fc.assert(
      fc.property(
        days,
        fc.integer({ min: -15, max: 15 }),
        fc.integer({ min: 1, max: 10 }),
        fc.boolean(),
        (t, offset, n, sek) => {
          const cal = sek ? SEK : EUR;
          const today = formatIsoDay(t);
          const cutoff = latestDueExecutionDate(cal, today, n);
          const execution = formatIsoDay(parseIsoDayOrThrow(cutoff) + offset);
          const due = addBankingDays(cal, execution, n) <= today;
          expect(due).toBe(offset <= 0);
        },
      ),
    );
  });
});
