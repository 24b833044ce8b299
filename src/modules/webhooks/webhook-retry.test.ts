import { describe, expect, it } from 'vitest';
import { DEFAULT_WEBHOOK_RETRY, webhookRetryDelayMs } from './webhook-retry.ts';

describe('webhookRetryDelayMs', () => {
  const policy = { maxAttempts: 5, baseMs: 1000, maxMs: 10_000 };

  it('doubles per attempt, within [half, whole] of the nominal delay, and is capped', () => {
    expect(webhookRetryDelayMs(1, policy, 0)).toBe(500);
    expect(webhookRetryDelayMs(1, policy, 0.999999)).toBe(1000);
    expect(webhookRetryDelayMs(2, policy, 0)).toBe(1000);
    expect(webhookRetryDelayMs(3, policy, 0.5)).toBe(3000);
    expect(webhookRetryDelayMs(10, policy, 0.999999)).toBe(10_000);
  });

  it('jitters: many delays for one attempt are not all equal', () => {
    const delays = new Set(Array.from({ length: 20 }, () => webhookRetryDelayMs(4, DEFAULT_WEBHOOK_RETRY)));
    expect(delays.size).toBeGreaterThan(1);
  });
});
