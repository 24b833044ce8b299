import { z } from 'zod';
import { WEBHOOK_EVENT_KINDS } from './webhook-events.ts';

const EventKinds = z
  .array(z.enum(WEBHOOK_EVENT_KINDS))
  .min(1)
  .max(WEBHOOK_EVENT_KINDS.length)
  .refine((kinds) => new Set(kinds).size === kinds.length, 'Name each event kind once.')
  .describe('The events to receive');

export const NewWebhookSubscriptionSchema = z
  .object({
    url: z.string().trim().min(1).max(2000).describe('Where we POST the events; https:// in production'),
    events: EventKinds,
    description: z.string().trim().max(200).optional(),
  })
  .strict()
  .meta({ id: 'NewWebhookSubscription' });
export type NewWebhookSubscription = z.input<typeof NewWebhookSubscriptionSchema>;

export const WebhookSubscriptionPatchSchema = z
  .object({
    version: z.number().int().min(1).describe('The version you read; a stale one is 409 version_conflict'),
    url: z.string().trim().min(1).max(2000).optional(),
    events: EventKinds.optional(),
    description: z.string().trim().max(200).nullable().optional(),
    active: z
      .boolean()
      .optional()
      .describe('false pauses deliveries (pending ones end failed); true resumes'),
    rotateSecret: z.boolean().optional().describe('A new signing secret, returned this once'),
  })
  .strict()
  .meta({ id: 'WebhookSubscriptionPatch' });
export type WebhookSubscriptionPatch = z.input<typeof WebhookSubscriptionPatchSchema>;

export const WebhookSubscriptionSchema = z
  .object({
    id: z.uuid(),
    url: z.string(),
    events: z.array(z.string()),
    description: z.string().nullable(),
    active: z.boolean(),
    version: z.number().int(),
    createdBy: z.uuid().nullable(),
    createdAt: z.string(),
    updatedAt: z.string(),
  })
  .meta({ id: 'WebhookSubscription' });
export type WebhookSubscriptionView = z.infer<typeof WebhookSubscriptionSchema>;

export const WebhookSubscriptionWithSecretSchema = WebhookSubscriptionSchema.extend({
  secret: z
    .string()
    .optional()
    .describe('The signing secret: only in the response that created or rotated it, never again'),
}).meta({ id: 'WebhookSubscriptionWithSecret' });

export const WebhookAttemptSchema = z
  .object({
    attempt: z.number().int(),
    startedAt: z.string(),
    durationMs: z.number().int(),
    responseStatus: z.number().int().nullable(),
    error: z.string().nullable(),
    outcome: z.enum(['delivered', 'retry', 'failed']),
  })
  .meta({ id: 'WebhookAttempt' });

export const WebhookDeliverySchema = z
  .object({
    id: z.uuid(),
    subscriptionId: z.uuid(),
    eventId: z.uuid().describe('Also the Claimdesk-Event-Id header: receivers deduplicate on it'),
    eventKind: z.string(),
    status: z.enum(['pending', 'delivered', 'failed']),
    attempts: z.number().int(),
    nextAttemptAt: z.string().nullable(),
    lastResponseStatus: z.number().int().nullable(),
    lastError: z.string().nullable(),
    deliveredAt: z.string().nullable(),
    replays: z.number().int(),
    createdAt: z.string(),
    payload: z.record(z.string(), z.unknown()),
    attemptLog: z.array(WebhookAttemptSchema).optional().describe('Every attempt (GET of one delivery)'),
  })
  .meta({ id: 'WebhookDelivery' });
export type WebhookDeliveryView = z.infer<typeof WebhookDeliverySchema>;

export const WebhookDeliveryListQuerySchema = z
  .object({
    subscription: z.uuid().describe('The subscription whose deliveries to list'),
    status: z.enum(['pending', 'delivered', 'failed']).optional(),
    limit: z.coerce.number().int().min(1).max(200).default(50),
  })
  .strict();
