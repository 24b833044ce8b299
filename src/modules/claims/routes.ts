import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { PageQuerySchema, pageOf } from '../../lib/pagination.ts';
import { IdempotencyHeaders } from '../../server/idempotent-route.ts';
import { actorOf } from '../../server/plugins/authenticate.ts';
import type { ModuleDeps } from '../deps.ts';
import { ClaimSchema, DocumentsReceivedSchema, NewClaimSchema } from './claim-schemas.ts';
import { getClaim, listClaims } from './find-claims.ts';
import { recordDocumentsReceived } from './record-documents-received.ts';
import { registerClaim } from './register-claim.ts';

export function claimRoutes(app: FastifyInstance, { db }: ModuleDeps): void {
  const r = app.withTypeProvider<ZodTypeProvider>();
  const tags = ['claims'];

  r.post(
    '/claims',
    {
      schema: {
        tags,
        summary: 'Register a claim (idempotent on Idempotency-Key and externalRef)',
        headers: IdempotencyHeaders,
        body: NewClaimSchema,
        response: {
          201: ClaimSchema,
          200: ClaimSchema.describe('A retry: the claim registered by the first request'),
        },
      },
    },
    async (req, reply) => {
      const { claim, replayed } = await registerClaim({
        db,
        actor: actorOf(req),
        input: req.body,
        idempotencyKey: req.headers['idempotency-key'],
      });
      if (replayed) reply.header('idempotent-replayed', 'true');
      return reply.status(replayed ? 200 : 201).send(claim);
    },
  );
  r.get(
    '/claims',
    {
      schema: {
        tags,
        summary: 'List claims, newest first',
        querystring: PageQuerySchema.extend({
          customerId: z.uuid().optional(),
          policyId: z.uuid().optional(),
        }),
        response: { 200: pageOf(ClaimSchema) },
      },
    },
    async (req) => {
      const { limit, offset, customerId, policyId } = req.query;
      return {
        ...(await listClaims({ db, actor: actorOf(req), customerId, policyId, limit, offset })),
        limit,
        offset,
      };
    },
  );
  r.get(
    '/claims/:ref',
    {
      schema: {
        tags,
        summary: 'Read a claim by id or claim number',
        params: z.object({ ref: z.string().max(64).describe('UUID or CLM-YYYY-NNNNNN') }),
        response: { 200: ClaimSchema },
      },
    },
    async (req) => getClaim({ db, actor: actorOf(req), ref: req.params.ref }),
  );
  r.post(
    '/claims/:ref/documents-received',
    {
      schema: {
        tags,
        summary: 'Record kinds of documents received and re-assess the claim',
        description:
          'Adds the document kinds to those already received and re-assesses an undecided claim; ' +
          'a claim that is now clean and under the product threshold is decided straight through. ' +
          'A decided claim is refused with claim_already_decided; a stale `version` with version_conflict.',
        params: z.object({ ref: z.string().max(64).describe('UUID or CLM-YYYY-NNNNNN') }),
        body: DocumentsReceivedSchema,
        response: { 200: ClaimSchema },
      },
    },
    async (req) => recordDocumentsReceived({ db, actor: actorOf(req), ref: req.params.ref, input: req.body }),
  );
}
