import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { actorOf } from '../../server/plugins/authenticate.ts';
import type { ModuleDeps } from '../deps.ts';
import { AuthorityLimitPatchSchema, AuthorityLimitSchema } from './authority-limit-schemas.ts';
import { listAuthorityLimits, updateAuthorityLimit } from './authority-limits.ts';
import { BusinessCalendarViewSchema, businessCalendarView } from './business-calendar-view.ts';
import { DeadlinePolicyViewSchema, listDeadlinePolicies } from './deadline-policies-view.ts';

// The administrator's configuration screens: deadline policies and business calendars (read-only
// views of the deadline engine) and authority limits (read, and edit by administrators).
export function adminConfigRoutes(app: FastifyInstance, { db }: ModuleDeps): void {
  const r = app.withTypeProvider<ZodTypeProvider>();
  const tags = ['configuration'];

  r.get(
    '/deadline-policies',
    {
      schema: {
        tags,
        summary: 'The deadline policies in force, with their sources (shipped, with configured overrides)',
        description: 'Supervisors, administrators and auditors.',
        response: { 200: z.object({ items: z.array(DeadlinePolicyViewSchema) }) },
      },
    },
    async (req) => ({ items: listDeadlinePolicies({ actor: actorOf(req) }) }),
  );
  r.get(
    '/business-calendars/:country',
    {
      schema: {
        tags,
        summary: "A country's business calendar for a year: office hours, public holidays, extra closed days",
        description: 'Supervisors, administrators and auditors. Without `year`: the current year.',
        params: z.object({ country: z.enum(['SE', 'IT']) }),
        querystring: z.object({ year: z.coerce.number().int().min(2000).max(2100).optional() }).strict(),
        response: { 200: BusinessCalendarViewSchema },
      },
    },
    async (req) =>
      businessCalendarView({
        actor: actorOf(req),
        country: req.params.country,
        year: req.query.year ?? new Date().getUTCFullYear(),
      }),
  );
  r.get(
    '/authority-limits',
    {
      schema: {
        tags,
        summary: 'Authority limits: what each role (or one user) may decide, per product and currency',
        description: 'Supervisors, administrators and auditors.',
        response: { 200: z.object({ items: z.array(AuthorityLimitSchema) }) },
      },
    },
    async (req) => ({ items: await listAuthorityLimits({ db, actor: actorOf(req) }) }),
  );
  r.patch(
    '/authority-limits/:id',
    {
      schema: {
        tags,
        summary: "Change an authority limit's amounts, causes or right to deny",
        description:
          'Administrators; audited. `version` is the one read; 409 version_conflict when the limit changed since.',
        params: z.object({ id: z.uuid() }),
        body: AuthorityLimitPatchSchema,
        response: { 200: AuthorityLimitSchema },
      },
    },
    async (req) => updateAuthorityLimit({ db, actor: actorOf(req), id: req.params.id, input: req.body }),
  );
}
