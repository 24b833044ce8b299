import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { IdempotencyHeaders, sendIdempotent } from '../../server/idempotent-route.ts';
import { actorOf } from '../../server/plugins/authenticate.ts';
import type { ModuleDeps } from '../deps.ts';
import { CallSchema, CallUpdateSchema, NewCallSchema, ScreenPopSchema } from './call-schemas.ts';
import { getCall, listCustomerCalls } from './find-calls.ts';
import { logCall } from './log-call.ts';
import { screenPop } from './screen-pop.ts';
import { updateCall } from './update-call.ts';

const Id = z.object({ id: z.uuid() });

export function callRoutes(app: FastifyInstance, { db }: ModuleDeps): void {
  const r = app.withTypeProvider<ZodTypeProvider>();
  const tags = ['calls'];

  r.post(
    '/calls',
    {
      schema: {
        tags,
        summary: 'Log a phone call (staff; idempotent)',
        description:
          'The number is stored as E.164: national numbers are read as Swedish or Italian (`country`, by ' +
          'default the customer’s country, else SE); a number that is neither is 400 with the field path ' +
          '`phoneNumber`. A linked claim or case must be the customer’s (422 call_link_invalid); without ' +
          '`customerId`, the call takes the linked record’s customer. **201** with the call; a retry with ' +
          'the same Idempotency-Key returns the first response with **200** and `idempotent-replayed: true`.',
        headers: IdempotencyHeaders,
        body: NewCallSchema,
        response: {
          201: CallSchema.describe('Logged'),
          200: CallSchema.describe('A retry: the response of the first request'),
        },
      },
    },
    async (req, reply) =>
      sendIdempotent(
        reply,
        await logCall({
          db,
          actor: actorOf(req),
          input: req.body,
          idempotencyKey: req.headers['idempotency-key'],
        }),
      ),
  );
  r.patch(
    '/calls/:id',
    {
      schema: {
        tags,
        summary: 'End a call, set its outcome and notes, or link it to a claim or case',
        description:
          '`version` is the version read (409 version_conflict otherwise). Links must be the call’s ' +
          'customer’s (422 call_link_invalid); a call from a caller not identified until now takes the ' +
          'linked record’s customer. `null` unlinks.',
        params: Id,
        body: CallUpdateSchema,
        response: { 200: CallSchema },
      },
    },
    async (req) => updateCall({ db, actor: actorOf(req), id: req.params.id, input: req.body }),
  );
  r.get(
    '/calls/:id',
    { schema: { tags, summary: 'One call (staff)', params: Id, response: { 200: CallSchema } } },
    async (req) => getCall({ db, actor: actorOf(req), id: req.params.id }),
  );
  r.get(
    '/customers/:id/calls',
    {
      schema: {
        tags,
        summary: "A customer's calls, newest first (staff), keyset-paginated",
        params: Id,
        querystring: z.object({
          limit: z.coerce.number().int().min(1).max(200).default(50),
          before: z.string().max(200).optional().describe('nextCursor of the previous page'),
        }),
        response: { 200: z.object({ items: z.array(CallSchema), nextCursor: z.string().nullable() }) },
      },
    },
    async (req) =>
      listCustomerCalls({
        db,
        actor: actorOf(req),
        customerId: req.params.id,
        limit: req.query.limit,
        before: req.query.before,
      }),
  );
  r.get(
    '/screen-pop',
    {
      schema: {
        tags,
        summary:
          'Who is calling: customers with this phone number, their open claims and cases, last contacts',
        description:
          'For the phone’s ringing screen (staff). The number in any usual format (`070-123 45 67`, ' +
          '`+46 70 123 45 67`, `0046…`); a national number is read as `country` (default SE). Matches ' +
          'customers whose stored phone is the same number in any of those formats. An unknown number is ' +
          '200 with no customers; a number that cannot be a phone number is 400 on `number`.',
        querystring: z.object({
          number: z.string().min(1).max(40),
          country: z.enum(['SE', 'IT']).optional(),
        }),
        response: { 200: ScreenPopSchema },
      },
    },
    async (req) =>
      screenPop({ db, actor: actorOf(req), number: req.query.number, country: req.query.country }),
  );
}
