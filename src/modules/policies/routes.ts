import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
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
        body: NewPolicySchema,
        response: { 201: PolicySchema },
      },
    },
    async (req, reply) =>
      reply.status(201).send(await createPolicy({ db, actor: actorOf(req), input: req.body })),
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
        params: idParams,
        body: NewPremiumPaymentSchema,
        response: {
          201: z.object({ id: z.uuid(), duplicate: z.literal(false) }),
          200: z.object({ id: z.uuid(), duplicate: z.literal(true) }),
        },
      },
    },
    async (req, reply) => {
      const result = await recordPremiumPayment({
        db,
        actor: actorOf(req),
        policyId: req.params.id,
        payment: req.body,
      });
      return reply.status(result.duplicate ? 200 : 201).send(result as never);
    },
  );
}
