import { describe, expect, it } from 'vitest';
import {
  endToEndIdOf,
  holdReasonsFor,
  instalmentSchedule,
  remittanceText,
  settleAgainstPaid,
} from './payment-order-rules.ts';

describe('holdReasonsFor', () => {
  const base = {
    accountRecentlyChanged: false,
    totalMinor: 100,
    singleApprovalLimitMinor: 1000,
    interestRateMissing: false,
  };
  it('holds nothing for a plain payment', () => {
    expect(holdReasonsFor(base)).toEqual({ holdReasons: [], needsSecondApproval: false });
  });
  it('holds a payment to a recently changed account', () => {
    expect(holdReasonsFor({ ...base, accountRecentlyChanged: true }).holdReasons).toEqual([
      'bank_account_recently_changed',
    ]);
  });
  it('needs a second approval strictly above the limit', () => {
    expect(holdReasonsFor({ ...base, totalMinor: 1000 }).needsSecondApproval).toBe(false);
    expect(holdReasonsFor({ ...base, totalMinor: 1001 })).toEqual({
      holdReasons: ['above_single_limit'],
      needsSecondApproval: true,
    });
  });
  it('holds when the interest or the currency cannot be settled by rule', () => {
    expect(
      holdReasonsFor({ ...base, interestRateMissing: true, singleApprovalLimitMinor: null }).holdReasons,
    ).toEqual(['currency_not_configured', 'interest_rate_missing']);
  });
});

describe('remittance and end-to-end id', () => {
  it('names the claim, and n/N for instalments', () => {
    expect(remittanceText({ claimNumber: 'CLM-2026-000123' })).toBe('Claimdesk CLM-2026-000123');
    expect(remittanceText({ claimNumber: 'CLM-2026-000123', instalment: { no: 2, of: 3 } })).toBe(
      'Claimdesk CLM-2026-000123 2/3',
    );
    expect(() => remittanceText({ claimNumber: 'x'.repeat(140) })).toThrow(RangeError);
  });
  it('uses the payment number, within Max35Text and the EPC character set', () => {
    expect(endToEndIdOf('PAY-2026-000001')).toBe('PAY-2026-000001');
    expect(() => endToEndIdOf('P'.repeat(36))).toThrow(RangeError);
    expect(() => endToEndIdOf('PAY_2026')).toThrow(RangeError);
    expect(() => endToEndIdOf('/PAY')).toThrow(RangeError);
  });
});

describe('instalmentSchedule', () => {
  it('pays one instalment per calendar month, proportional to days, summing exactly', () => {
    // 10 days in January (22–31), 28 in February, 2 in March: 40 days for 1 000.01.
    const plan = instalmentSchedule({
      totalMinor: 100_001,
      periods: [{ startDate: '2026-01-22', days: 40 }],
      earliest: '2026-02-10',
      calendar: 'SE',
    });
    expect(plan.map((i) => [i.instalmentNo, i.month, i.days, i.principalMinor, i.executionDate])).toEqual([
      // January is over: paid at once. February on the 25th; March on the 25th.
      [1, '2026-01', 10, 25_000, '2026-02-10'],
      [2, '2026-02', 28, 70_000, '2026-02-25'],
      [3, '2026-03', 2, 5_001, '2026-03-25'],
    ]);
    expect(plan.reduce((s, i) => s + i.principalMinor, 0)).toBe(100_001);
  });
  it('rolls the 25th forward to a banking day and merges periods of the same month', () => {
    // 25 April 2026 is a Saturday.
    const plan = instalmentSchedule({
      totalMinor: 300,
      periods: [
        { startDate: '2026-04-01', days: 2 },
        { startDate: '2026-04-10', days: 1 },
      ],
      earliest: '2026-03-01',
      calendar: 'SE',
    });
    expect(plan).toEqual([
      { instalmentNo: 1, month: '2026-04', days: 3, principalMinor: 300, executionDate: '2026-04-27' },
    ]);
  });
  it('drops months whose share rounds to nothing and renumbers', () => {
    const plan = instalmentSchedule({
      totalMinor: 1,
      periods: [{ startDate: '2026-01-31', days: 2 }],
      earliest: '2026-01-01',
      calendar: 'TARGET2',
    });
    expect(plan.map((i) => [i.instalmentNo, i.month, i.principalMinor])).toEqual([[1, '2026-02', 1]]);
  });
});

describe('settleAgainstPaid', () => {
  it('pays the difference or recovers it, never a negative payment', () => {
    expect(settleAgainstPaid({ decidedMinor: 500, paidMinor: 0 })).toEqual({
      payMinor: 500,
      recoverMinor: 0,
    });
    expect(settleAgainstPaid({ decidedMinor: 800, paidMinor: 500 })).toEqual({
      payMinor: 300,
      recoverMinor: 0,
    });
    expect(settleAgainstPaid({ decidedMinor: 200, paidMinor: 500 })).toEqual({
      payMinor: 0,
      recoverMinor: 300,
    });
    expect(settleAgainstPaid({ decidedMinor: 500, paidMinor: 500 })).toEqual({
      payMinor: 0,
      recoverMinor: 0,
    });
  });
});
