import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { IdempotencyHeaders, sendIdempotent } from '../../server/idempotent-route.ts';
import { actorOf } from '../../server/plugins/authenticate.ts';
import type { ModuleDeps } from '../deps.ts';
import { addClaimNote } from './add-claim-note.ts';
import { ClaimNoteSchema, NewClaimNoteSchema } from './claim-note-schemas.ts';
import { listClaimNotes } from './list-claim-notes.ts';

const Params = z.object({ ref: z.string().max(64).describe('UUID or CLM-YYYY-NNNNNN') });

export function claimNoteRoutes(app: FastifyInstance, { db }: ModuleDeps): void {
  const r = app.withTypeProvider<ZodTypeProvider>();
  const tags = ['claims'];
  r.post(
    '/claims/:ref/notes',
    {
      schema: {
        tags,
        summary: 'Add an internal note to a claim (staff only; never sent to the customer)',
        description: 'Representatives and supervisors. 404 for a claim the caller may not see.',
        params: Params,
        headers: IdempotencyHeaders,
        body: NewClaimNoteSchema,
        response: { 201: ClaimNoteSchema },
      },
    },
    async (req, reply) =>
      sendIdempotent(
        reply,
        await addClaimNote({
          db,
          actor: actorOf(req),
          ref: req.params.ref,
          input: req.body,
          idempotencyKey: req.headers['idempotency-key'],
        }),
      ),
  );
  r.get(
    '/claims/:ref/notes',
    {
      schema: {
        tags,
        summary: 'The internal notes on a claim, newest first (staff only)',
        params: Params,
        response: { 200: z.object({ items: z.array(ClaimNoteSchema) }) },
      },
    },
    async (req) => ({ items: await listClaimNotes({ db, actor: actorOf(req), ref: req.params.ref }) }),
  );
}
