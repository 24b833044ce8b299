import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { IdempotencyHeaders, replyIdempotently } from '../../server/idempotent-route.ts';
import { actorOf } from '../../server/plugins/authenticate.ts';
import type { ModuleDeps } from '../deps.ts';
import { ReferenceRateInputSchema, ReferenceRateSchema } from './payment-schemas.ts';
import { listReferenceRates, setReferenceRate } from './reference-rates.ts';

export function referenceRateRoutes(app: FastifyInstance, deps: ModuleDeps): void {
  const { db } = deps;
  const r = app.withTypeProvider<ZodTypeProvider>();
  const tags = ['payments'];

  r.get(
    '/reference-rates',
    {
      schema: {
        tags,
        summary: 'The reference rates per half-year that late-payment interest uses (räntelagen 9 §)',
        response: { 200: z.object({ items: z.array(ReferenceRateSchema) }) },
      },
    },
    async (req) => ({ items: await listReferenceRates({ db, actor: actorOf(req) }) }),
  );

  r.post(
    '/reference-rates',
    {
      schema: {
        tags,
        summary: 'Add or correct the reference rate of a half-year (administrators)',
        description:
          'Keyed by country and half-year, so a repeat is harmless: **201** when the half-year is new, **200** ' +
          'when it existed (corrected, or unchanged). Orders already made keep their interest; a payment held ' +
          'for a missing rate uses the new one when it is released. A retry with the same Idempotency-Key ' +
          'returns the first response with 200 and `idempotent-replayed: true`.',
        headers: IdempotencyHeaders,
        body: ReferenceRateInputSchema,
        response: { 201: ReferenceRateSchema, 200: ReferenceRateSchema },
      },
    },
    async (req, reply) =>
      replyIdempotently(req, reply, db, 'reference_rates.set', (tx) =>
        setReferenceRate({ db: tx, actor: actorOf(req), input: req.body }),
      ),
  );
}
