import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { IdempotencyHeaders, replyIdempotently } from '../../server/idempotent-route.ts';
import { actorOf } from '../../server/plugins/authenticate.ts';
import { ClaimSchema } from '../claims/claim-schemas.ts';
import type { ModuleDeps } from '../deps.ts';
import {
  answerInformationRequest,
  InformationAnswerSchema,
  NewInformationRequestSchema,
  requestInformation,
} from './information-request-use-cases.ts';
import { InformationRequestViewSchema, listInformationRequests } from './list-information-requests.ts';

const Ref = z.object({ ref: z.string().max(64).describe('UUID or CLM-YYYY-NNNNNN') });

export function informationRequestRoutes(app: FastifyInstance, { db }: ModuleDeps): void {
  const r = app.withTypeProvider<ZodTypeProvider>();
  const tags = ['information requests'];
  r.post(
    '/claims/:ref/information-requests',
    {
      schema: {
        tags,
        summary: 'Ask the customer for documents or answers; the claim waits and its legal clocks pause',
        description:
          'One open request per claim (409 information_request_open). The customer is told in their ' +
          'language and channel; reminders go out before the final date; without an answer the claim ' +
          "ends as the product's terms say (closed or denied) with a notice. A retry with the same " +
          'Idempotency-Key returns the first response with 200 and `idempotent-replayed: true`.',
        params: Ref,
        headers: IdempotencyHeaders,
        body: NewInformationRequestSchema,
        response: { 201: ClaimSchema, 200: ClaimSchema.describe('A retry: the first response') },
      },
    },
    async (req, reply) =>
      replyIdempotently(req, reply, db, 'claims.request_information', async (tx) => ({
        status: 201,
        body: await requestInformation({ db: tx, actor: actorOf(req), ref: req.params.ref, input: req.body }),
      })),
  );
  r.get(
    '/claims/:ref/information-requests',
    {
      schema: {
        tags,
        summary: "The claim's requests for information with the customer's answers and the files sent",
        description:
          'Oldest first. Each request with its items, status and final date and, once answered, the ' +
          'written answers, the kinds of document the customer said they sent, and the files that ' +
          'reached the claim while the request was open. Whoever may read the claim may read this ' +
          '(a customer only their own: 404 otherwise).',
        params: Ref,
        response: { 200: z.object({ items: z.array(InformationRequestViewSchema) }) },
      },
    },
    async (req) => ({
      items: await listInformationRequests({ db, actor: actorOf(req), ref: req.params.ref }),
    }),
  );
  r.post(
    '/claims/:ref/information-requests/answer',
    {
      schema: {
        tags,
        summary: "The customer's answer (portal), or one received by email, letter or phone",
        description:
          'Brings the claim back to its owner, resumes its clocks and re-assesses it (a claim now clean ' +
          'and under the threshold is decided straight through). 409 information_request_closed when ' +
          'nothing is waiting (already answered, expired, or cancelled).',
        params: Ref,
        body: InformationAnswerSchema,
        response: { 200: ClaimSchema },
      },
    },
    async (req) =>
      answerInformationRequest({ db, actor: actorOf(req), ref: req.params.ref, input: req.body }),
  );
}
