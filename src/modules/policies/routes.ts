import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { IdempotencyHeaders, replyIdempotently } from '../../server/idempotent-route.ts';
import { actorOf } from '../../server/plugins/authenticate.ts';
import type { ModuleDeps } from '../deps.ts';
import { createPolicy } from './create-policy.ts';
import { getPolicy, listCustomerPolicies } from './find-policies.ts';
import { NewPolicySchema, NewPremiumPaymentSchema, PolicySchema } from './policy-schemas.ts';
import { recordPremiumPayment } from './record-premium-payment.ts';

export function policyRoutes(app: FastifyInstance, { db }: ModuleDeps): void {
  const r = app.withTypeProvider<ZodTypeProvider>();
  const tags = ['policies'];
  const idParams = z.object({ id: z.uuid() });

  r.post(
    '/policies',
    {
      schema: {
        tags,
        summary: 'Issue a policy on an active product version',
        description:
          'A retry with the same Idempotency-Key returns the first response with 200 and ' +
          '`idempotent-replayed: true`.',
        headers: IdempotencyHeaders,
        body: NewPolicySchema,
        response: { 201: PolicySchema, 200: PolicySchema.describe('A retry: the first response') },
      },
    },
    async (req, reply) =>
      replyIdempotently(req, reply, db, 'policies.create', async (tx) => ({
        status: 201,
        body: await createPolicy({ db: tx, actor: actorOf(req), input: req.body }),
      })),
  );
  r.get(
    '/policies/:id',
    {
      schema: {
        tags,
        summary: 'Read a policy with insured persons and premium status',
        params: idParams,
        response: { 200: PolicySchema },
      },
    },
    async (req) => getPolicy({ db, actor: actorOf(req), id: req.params.id }),
  );
  r.get(
    '/customers/:id/policies',
    {
      schema: {
        tags,
        summary: "A customer's policies",
        params: idParams,
        response: { 200: z.object({ items: z.array(PolicySchema) }) },
      },
    },
    async (req) => ({
      items: await listCustomerPolicies({ db, actor: actorOf(req), customerId: req.params.id }),
    }),
  );
  r.post(
    '/policies/:id/premium-payments',
    {
      schema: {
        tags,
        summary: 'Book a premium payment (idempotent on the bank reference)',
        // A payment booked by hand may have no bank reference; the key still makes its retry safe.
        description:
          'A repeated `reference` is not booked twice (200, `duplicate: true`). A retry with the same ' +
          'Idempotency-Key returns the first response with 200 and `idempotent-replayed: true`.',
        params: idParams,
        headers: IdempotencyHeaders,
        body: NewPremiumPaymentSchema,
        response: {
          201: z.object({ id: z.uuid(), duplicate: z.boolean() }),
          200: z.object({ id: z.uuid(), duplicate: z.boolean() }),
        },
      },
    },
    async (req, reply) =>
      replyIdempotently(req, reply, db, 'policies.premium_payment', async (tx) => {
        const result = await recordPremiumPayment({
          db: tx,
          actor: actorOf(req),
          policyId: req.params.id,
          payment: req.body,
        });
        return { status: result.duplicate ? 200 : 201, body: result };
      }),
  );
}
