import { describe, expect, it } from 'vitest';
import type { PaymentStatus } from '../../db/schema.ts';
import { paymentStateOfOrders } from './claim-payment-state.ts';

const order = (id: string, status: PaymentStatus, replacesPaymentId: string | null = null) => ({
  id,
  status,
  replacesPaymentId,
});

describe('paymentStateOfOrders', () => {
  it.each([
    ['awaiting_account', 'awaiting_account'],
    ['held', 'awaiting_payment'],
    ['ready', 'awaiting_payment'],
    ['batched', 'awaiting_payment'],
    ['sent', 'sent'],
    ['settled', 'paid'],
    ['returned', 'returned'],
    ['rejected', 'rejected'],
  ] as const)('one order %s → %s', (status, state) => {
    expect(paymentStateOfOrders([order('a', status)])).toBe(state);
  });

  it('has no state without orders, or with only cancelled ones (the claim status decides)', () => {
    expect(paymentStateOfOrders([])).toBeNull();
    expect(paymentStateOfOrders([order('a', 'cancelled')])).toBeNull();
  });

  it('a re-payment replaces the returned order', () => {
    expect(paymentStateOfOrders([order('a', 'returned'), order('b', 'sent', 'a')])).toBe('sent');
    expect(paymentStateOfOrders([order('a', 'returned'), order('b', 'settled', 'a')])).toBe('paid');
  });

  it('the most pressing instalment wins; paid only when all are', () => {
    expect(paymentStateOfOrders([order('a', 'settled'), order('b', 'returned')])).toBe('returned');
    expect(paymentStateOfOrders([order('a', 'settled'), order('b', 'ready')])).toBe('awaiting_payment');
    expect(paymentStateOfOrders([order('a', 'sent'), order('b', 'ready')])).toBe('sent');
    expect(paymentStateOfOrders([order('a', 'settled'), order('b', 'settled')])).toBe('paid');
  });
});
