import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { PageQuerySchema, pageOf } from '../../lib/pagination.ts';
import { IdempotencyHeaders, replyIdempotently } from '../../server/idempotent-route.ts';
import { actorOf } from '../../server/plugins/authenticate.ts';
import type { ModuleDeps } from '../deps.ts';
import { createCustomer } from './create-customer.ts';
import { CustomerInputSchema, CustomerSchema } from './customer-schemas.ts';
import { getCustomer, listCustomers } from './find-customers.ts';

const RETRY =
  'A retry with the same Idempotency-Key returns the first response with 200 and `idempotent-replayed: true`.';

export function customerRoutes(app: FastifyInstance, { db }: ModuleDeps): void {
  const r = app.withTypeProvider<ZodTypeProvider>();
  const tags = ['customers'];

  r.post(
    '/customers',
    {
      schema: {
        tags,
        summary: 'Register a customer',
        description: `409 customer_national_id_exists for a person already registered. ${RETRY}`,
        headers: IdempotencyHeaders,
        body: CustomerInputSchema,
        response: { 201: CustomerSchema, 200: CustomerSchema.describe('A retry: the first response') },
      },
    },
    async (req, reply) =>
      replyIdempotently(req, reply, db, 'customers.create', async (tx) => ({
        status: 201,
        body: await createCustomer({ db: tx, actor: actorOf(req), input: req.body }),
      })),
  );

  r.get(
    '/customers',
    {
      schema: {
        tags,
        summary: 'Search customers by name, number, national id, email or phone',
        querystring: PageQuerySchema.extend({ q: z.string().max(100).optional() }),
        response: { 200: pageOf(CustomerSchema) },
      },
    },
    async (req) => {
      const { q, limit, offset } = req.query;
      return { ...(await listCustomers({ db, actor: actorOf(req), q, limit, offset })), limit, offset };
    },
  );

  r.get(
    '/customers/:id',
    {
      schema: {
        tags,
        summary: 'Read one customer',
        params: z.object({ id: z.uuid() }),
        response: { 200: CustomerSchema },
      },
    },
    async (req) => getCustomer({ db, actor: actorOf(req), id: req.params.id }),
  );
}
