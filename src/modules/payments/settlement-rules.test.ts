import { describe, expect, it } from 'vitest';
import { decisionFullyPaid, orderAmountMinor } from './settlement-rules.ts';

describe('decisionFullyPaid', () => {
  it('is paid when every instalment has a settled order and nothing is under way', () => {
    expect(decisionFullyPaid([{ instalmentNo: 1, status: 'settled' }])).toBe(true);
    expect(
      decisionFullyPaid([
        { instalmentNo: 1, status: 'settled' },
        { instalmentNo: 2, status: 'settled' },
      ]),
    ).toBe(true);
  });

  it('waits for the last instalment', () => {
    expect(
      decisionFullyPaid([
        { instalmentNo: 1, status: 'settled' },
        { instalmentNo: 2, status: 'sent' },
      ]),
    ).toBe(false);
    expect(
      decisionFullyPaid([
        { instalmentNo: 1, status: 'settled' },
        { instalmentNo: 2, status: 'ready' },
      ]),
    ).toBe(false);
  });

  it('a returned order counts once its re-payment settled', () => {
    expect(decisionFullyPaid([{ instalmentNo: 1, status: 'returned' }])).toBe(false);
    expect(
      decisionFullyPaid([
        { instalmentNo: 1, status: 'returned' },
        { instalmentNo: 1, status: 'sent' },
      ]),
    ).toBe(false);
    expect(
      decisionFullyPaid([
        { instalmentNo: 1, status: 'rejected' },
        { instalmentNo: 1, status: 'settled' },
      ]),
    ).toBe(true);
  });

  it('no orders is not paid', () => {
    expect(decisionFullyPaid([])).toBe(false);
  });
});

describe('orderAmountMinor', () => {
  it('adds the late interest to the principal', () => {
    expect(orderAmountMinor({ principal_minor: 125_000, interest_minor: 1_234 })).toBe(126_234);
  });
});
