import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { IdempotencyHeaders, sendIdempotent } from '../../server/idempotent-route.ts';
import { actorOf } from '../../server/plugins/authenticate.ts';
import type { ModuleDeps } from '../deps.ts';
import { assignInboundMessage } from './assign-inbound-message.ts';
import { claimFromInboundMessage } from './claim-from-inbound-message.ts';
import { getInboundMessage, listInboundMessages } from './find-inbound-messages.ts';
import {
  AssignInboundSchema,
  ClaimFromInboundResultSchema,
  ClaimFromInboundSchema,
  InboundListQuerySchema,
  InboundMessageViewSchema,
  InboundPageSchema,
} from './inbound-schemas.ts';

const Id = z.object({ id: z.uuid() });

export function inboundRoutes(app: FastifyInstance, { db }: ModuleDeps): void {
  const r = app.withTypeProvider<ZodTypeProvider>();
  const tags = ['inbound email'];

  r.get(
    '/inbound-messages',
    {
      schema: {
        tags,
        summary: 'Inbound email and letters by status; the triage queue by default (oldest first, keyset)',
        description:
          'status=triage (default): messages nobody could match, waiting for a person; matched: linked to a ' +
          'claim, case or customer; rejected: malformed MIME, kept with the reason. Filter by customerId. ' +
          'Follow `nextCursor` for the next page. Staff only.',
        querystring: InboundListQuerySchema,
        response: { 200: InboundPageSchema },
      },
    },
    async (req) => listInboundMessages({ db, actor: actorOf(req), ...req.query }),
  );
  r.get(
    '/inbound-messages/:id',
    {
      schema: {
        tags,
        summary: 'One inbound message: text, what was found in it, documents kept and attachments refused',
        params: Id,
        response: { 200: InboundMessageViewSchema },
      },
    },
    async (req) => getInboundMessage({ db, actor: actorOf(req), id: req.params.id }),
  );
  r.post(
    '/inbound-messages/:id/assign',
    {
      schema: {
        tags,
        summary: 'Sort a message out of triage: link it to a customer and optionally a claim or case',
        description:
          'The claim or case must be the customer’s (422 inbound_link_invalid); a closed case is 409 ' +
          'case_closed. The message’s documents become the customer’s and are copied to the claim or case; ' +
          'on a case the email becomes the customer’s message there; the triage item closes. 409 ' +
          'inbound_not_in_triage when it is already linked or was rejected; 409 version_conflict when ' +
          '`version` is stale.',
        params: Id,
        body: AssignInboundSchema,
        response: { 200: InboundMessageViewSchema },
      },
    },
    async (req) => assignInboundMessage({ db, actor: actorOf(req), id: req.params.id, input: req.body }),
  );
  r.post(
    '/inbound-messages/:id/claim',
    {
      schema: {
        tags,
        summary: 'Open a claim from an email in triage (idempotent)',
        description:
          'Registers the claim as POST /claims does (assessment, routing, deadlines) with channel `email`, ' +
          'for `customerId` (default: the message’s customer, else the policy holder); the email’s ' +
          'documents are copied onto the claim and the message is linked to it (matchRule new_claim). ' +
          '**201**; a retry with the same Idempotency-Key returns the first response with **200**.',
        params: Id,
        headers: IdempotencyHeaders,
        body: ClaimFromInboundSchema,
        response: {
          201: ClaimFromInboundResultSchema.describe('Opened'),
          200: ClaimFromInboundResultSchema.describe('A retry: the response of the first request'),
        },
      },
    },
    async (req, reply) =>
      sendIdempotent(
        reply,
        await claimFromInboundMessage({
          db,
          actor: actorOf(req),
          id: req.params.id,
          input: req.body,
          idempotencyKey: req.headers['idempotency-key'],
        }),
      ),
  );
}
