import { fieldError } from '../../lib/errors.ts';
import { checkResolvedTarget } from './post-webhook.ts';
import { checkWebhookUrl, type TargetRules } from './webhook-target.ts';

/**
 * Refuses a subscription URL with the field path `url`: the pure rules first, then (production
 * rules) every address its host resolves to now. Deliveries check again: DNS can change.
 */
export async function assertAllowedWebhookUrl(url: string, rules: TargetRules): Promise<void> {
  const problem = checkWebhookUrl(url, rules);
  if (problem) throw fieldError('validation_failed', ['url'], problem.message, problem.code);
  const resolved = await checkResolvedTarget(url, rules);
  if (resolved) throw fieldError('validation_failed', ['url'], resolved, 'private_target');
}
