// Retries: exponential backoff with jitter. Jitter spreads the retries of many deliveries that
// failed together (a receiver's outage) so they do not return as one wave when it comes back.

export type WebhookRetryPolicy = {
  /** Attempts in all (the first included) before the delivery is `failed`. */
  maxAttempts: number;
  /** Delay before the second attempt; doubles for each further one. */
  baseMs: number;
  /** Cap on the delay. */
  maxMs: number;
};

// 1 min, 2, 4, 8, … capped at 6 h: 8 attempts span about 2 hours.
export const DEFAULT_WEBHOOK_RETRY: WebhookRetryPolicy = {
  maxAttempts: 8,
  baseMs: 60_000,
  maxMs: 6 * 3_600_000,
};

/**
 * The wait after attempt `attempt` failed: the exponential delay's upper half at random
 * ("equal jitter"), so it never shrinks below half the nominal delay. `random` is in [0, 1).
 */
export function webhookRetryDelayMs(
  attempt: number,
  policy: WebhookRetryPolicy,
  random = Math.random(),
): number {
  const nominal = Math.min(policy.baseMs * 2 ** Math.max(0, attempt - 1), policy.maxMs);
  return Math.round(nominal / 2 + random * (nominal / 2));
}
