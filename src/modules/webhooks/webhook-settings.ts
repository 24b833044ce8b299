import type { Config } from '../../server/config.ts';
import { DEFAULT_WEBHOOK_RETRY, type WebhookRetryPolicy } from './webhook-retry.ts';
import type { TargetRules } from './webhook-target.ts';

/** Everything the webhook jobs need to know, from the configuration (tests pass their own). */
export type WebhookSettings = {
  rules: TargetRules;
  /** One attempt's budget: connect, send, whole response (default 5 s). */
  timeoutMs: number;
  retry: WebhookRetryPolicy;
};

export const DEFAULT_WEBHOOK_TIMEOUT_MS = 5_000;

export function webhookSettingsOf(config: Pick<Config, 'webhooks'>): WebhookSettings {
  return { rules: config.webhooks, timeoutMs: DEFAULT_WEBHOOK_TIMEOUT_MS, retry: DEFAULT_WEBHOOK_RETRY };
}
