import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { IdempotencyHeaders, sendIdempotent } from '../../server/idempotent-route.ts';
import { actorOf } from '../../server/plugins/authenticate.ts';
import type { ModuleDeps } from '../deps.ts';
import { createWebhookSubscription } from './create-webhook-subscription.ts';
import {
  getWebhookDelivery,
  getWebhookSubscription,
  listWebhookDeliveries,
  listWebhookSubscriptions,
} from './find-webhooks.ts';
import { replayWebhookDelivery } from './replay-webhook-delivery.ts';
import { updateWebhookSubscription } from './update-webhook-subscription.ts';
import {
  NewWebhookSubscriptionSchema,
  WebhookDeliveryListQuerySchema,
  WebhookDeliverySchema,
  WebhookSubscriptionPatchSchema,
  WebhookSubscriptionSchema,
  WebhookSubscriptionWithSecretSchema,
} from './webhook-schemas.ts';

const IdParams = z.object({ id: z.uuid() });

/** Webhook subscriptions and their deliveries (administrators; docs/webhooks.md). */
export function webhookRoutes(app: FastifyInstance, { db, config }: ModuleDeps): void {
  const r = app.withTypeProvider<ZodTypeProvider>();
  const tags = ['webhooks'];
  const rules = config.webhooks;

  r.post(
    '/webhook-subscriptions',
    {
      schema: {
        tags,
        summary: 'Subscribe a URL to events; the signing secret is in this response only',
        description:
          'In production configuration the URL must be https:// and its host must not be or resolve to a ' +
          'loopback, private, link-local, unique-local or metadata address: 400 validation_failed with the ' +
          'field path `url` (field code private_target, https_required, …). A retry with the same ' +
          'Idempotency-Key returns the subscription with **200** and without the secret.',
        headers: IdempotencyHeaders,
        body: NewWebhookSubscriptionSchema,
        response: { 201: WebhookSubscriptionWithSecretSchema, 200: WebhookSubscriptionWithSecretSchema },
      },
    },
    async (req, reply) => {
      reply.header('cache-control', 'no-store');
      return sendIdempotent(
        reply,
        await createWebhookSubscription({
          db,
          actor: actorOf(req),
          input: req.body,
          rules,
          idempotencyKey: req.headers['idempotency-key'],
        }),
      );
    },
  );

  r.get(
    '/webhook-subscriptions',
    {
      schema: {
        tags,
        summary: 'Webhook subscriptions, without their secrets',
        response: { 200: z.object({ items: z.array(WebhookSubscriptionSchema) }) },
      },
    },
    async (req) => ({ items: await listWebhookSubscriptions({ db, actor: actorOf(req) }) }),
  );

  r.get(
    '/webhook-subscriptions/:id',
    {
      schema: {
        tags,
        summary: 'One webhook subscription',
        params: IdParams,
        response: { 200: WebhookSubscriptionSchema },
      },
    },
    async (req) => getWebhookSubscription({ db, actor: actorOf(req), id: req.params.id }),
  );

  r.patch(
    '/webhook-subscriptions/:id',
    {
      schema: {
        tags,
        summary: 'Change, deactivate (`active: false`) or rotate the secret of a subscription',
        description:
          'Needs the `version` you read: 409 version_conflict when someone changed it meanwhile. ' +
          '`rotateSecret: true` returns the new secret in this response only. A new URL is checked like ' +
          'a new subscription’s.',
        params: IdParams,
        body: WebhookSubscriptionPatchSchema,
        response: { 200: WebhookSubscriptionWithSecretSchema },
      },
    },
    async (req, reply) => {
      reply.header('cache-control', 'no-store');
      return updateWebhookSubscription({
        db,
        actor: actorOf(req),
        id: req.params.id,
        input: req.body,
        rules,
      });
    },
  );

  r.get(
    '/webhook-deliveries',
    {
      schema: {
        tags,
        summary: 'A subscription’s deliveries, newest first',
        querystring: WebhookDeliveryListQuerySchema,
        response: { 200: z.object({ items: z.array(WebhookDeliverySchema) }) },
      },
    },
    async (req) => ({ items: await listWebhookDeliveries({ db, actor: actorOf(req), query: req.query }) }),
  );

  r.get(
    '/webhook-deliveries/:id',
    {
      schema: {
        tags,
        summary: 'One delivery with every attempt (status, response code, duration, error)',
        params: IdParams,
        response: { 200: WebhookDeliverySchema },
      },
    },
    async (req) => getWebhookDelivery({ db, actor: actorOf(req), id: req.params.id }),
  );

  r.post(
    '/webhook-deliveries/:id/replay',
    {
      schema: {
        tags,
        summary: 'Send a delivered or failed delivery again (same event id, fresh retries)',
        description: 'Queued for the worker (**202**). A delivery still pending is returned unchanged.',
        params: IdParams,
        response: { 202: WebhookDeliverySchema },
      },
    },
    async (req, reply) =>
      reply.status(202).send(await replayWebhookDelivery({ db, actor: actorOf(req), id: req.params.id })),
  );
}
