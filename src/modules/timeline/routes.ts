import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { actorOf } from '../../server/plugins/authenticate.ts';
import type { ModuleDeps } from '../deps.ts';
import { customerTimeline } from './customer-timeline.ts';
import { TIMELINE_KINDS } from './timeline-sources.ts';

const EntrySchema = z.object({
  id: z.uuid(),
  kind: z.enum(TIMELINE_KINDS),
  occurredAt: z.string(),
  reference: z.string().nullable().describe('Claim, case, referral or policy number'),
  title: z.string().nullable(),
  status: z.string().nullable(),
  amountMinor: z.number().int().nullable(),
  currency: z.string().nullable(),
  channel: z.string().nullable(),
  entityType: z.string(),
  entityId: z.uuid(),
  parentId: z.uuid().nullable().describe('The claim, case or policy the entry belongs to'),
});

const day = z.iso.date().transform((d) => new Date(`${d}T00:00:00Z`));

export function timelineRoutes(app: FastifyInstance, { db }: ModuleDeps): void {
  const r = app.withTypeProvider<ZodTypeProvider>();
  r.get(
    '/customers/:id/timeline',
    {
      schema: {
        tags: ['customers'],
        summary: 'Everything about a customer, newest first (staff), filterable by kind, keyset-paginated',
        params: z.object({ id: z.uuid() }),
        querystring: z
          .object({
            kinds: z
              .string()
              .max(300)
              .optional()
              .transform((v, ctx) => {
                if (v === undefined || v === '') return undefined;
                const parts = v.split(',').map((s) => s.trim());
                const bad = parts.filter((p) => !(TIMELINE_KINDS as readonly string[]).includes(p));
                if (bad.length > 0) {
                  ctx.addIssue({
                    code: 'custom',
                    message: `unknown kind(s) ${bad.join(', ')}; use ${TIMELINE_KINDS.join(', ')}`,
                  });
                  return z.NEVER;
                }
                return parts as (typeof TIMELINE_KINDS)[number][];
              })
              .describe(`Comma-separated: ${TIMELINE_KINDS.join(', ')}`),
            from: day.optional().describe('First day (UTC), inclusive'),
            to: day.optional().describe('Last day (UTC), inclusive'),
            limit: z.coerce.number().int().min(1).max(200).default(50),
            cursor: z.string().max(200).optional().describe('nextCursor of the previous page'),
          })
          .strict()
          .refine((q) => !q.from || !q.to || q.from <= q.to, { message: 'from is after to', path: ['from'] }),
        response: { 200: z.object({ items: z.array(EntrySchema), nextCursor: z.string().nullable() }) },
      },
    },
    async (req) =>
      customerTimeline({
        db,
        actor: actorOf(req),
        customerId: req.params.id,
        kinds: req.query.kinds,
        from: req.query.from,
        // `to` names a whole day: the window ends at the next midnight.
        to: req.query.to ? new Date(req.query.to.getTime() + 86_400_000) : undefined,
        limit: req.query.limit,
        cursor: req.query.cursor,
      }),
  );
}
