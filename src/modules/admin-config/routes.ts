import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { AppError } from '../../lib/errors.ts';
import { IdempotencyHeaders, replyIdempotently } from '../../server/idempotent-route.ts';
import { actorOf } from '../../server/plugins/authenticate.ts';
import type { ModuleDeps } from '../deps.ts';
import { keepDeadlineSettingsFresh, readClosedDays, readPolicySettings } from './admin-deadline-settings.ts';
import { AuthorityLimitPatchSchema, AuthorityLimitSchema } from './authority-limit-schemas.ts';
import { listAuthorityLimits, updateAuthorityLimit } from './authority-limits.ts';
import { BusinessCalendarViewSchema, businessCalendarView } from './business-calendar-view.ts';
import { DeadlinePolicyViewSchema, listDeadlinePolicies } from './deadline-policies-view.ts';
import {
  ClosedDayInputSchema,
  DeadlinePolicyPatchSchema,
  editClosedDay,
  editDeadlinePolicy,
} from './edit-deadline-settings.ts';

// The administrator's configuration screens: deadline policies and business calendars (views of
// the deadline engine; a configurable policy's clock and a calendar's extra closed days edited by
// administrators) and authority limits (read, and edit by administrators).
export function adminConfigRoutes(app: FastifyInstance, { db }: ModuleDeps): void {
  const r = app.withTypeProvider<ZodTypeProvider>();
  const tags = ['configuration'];
  // Every process counts its clocks with the administrators' settings from the start, and picks up
  // edits made through other processes (admin-deadline-settings.ts).
  let settings: ReturnType<typeof keepDeadlineSettingsFresh> | undefined;
  app.addHook('onReady', async () => {
    settings = keepDeadlineSettingsFresh(db, app.log);
    await settings.ready;
  });
  app.addHook('onClose', async () => settings?.stop());
  const Realigned = z.object({
    realignedClocks: z.number().int().describe('Live clocks whose due date moved with the edit'),
  });

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
    async (req) => {
      const actor = actorOf(req);
      listDeadlinePolicies({ actor }); // the permission check, before anything is read
      const settings = await readPolicySettings(db);
      return {
        items: listDeadlinePolicies({ actor, versions: new Map(settings.map((s) => [s.code, s.version])) }),
      };
    },
  );
  r.patch(
    '/deadline-policies/:code',
    {
      schema: {
        tags,
        summary: "Change a configurable deadline policy's clock (days, business days or business hours)",
        description:
          'Administrators; audited. Only a company promise (`configurable: true`); the law’s deadlines are ' +
          '409 deadline_policy_set_by_law. `version` is the one read (0: never edited); 409 version_conflict ' +
          'when stale. Live clocks of the policy are realigned at once.',
        params: z.object({ code: z.string().max(80) }),
        body: DeadlinePolicyPatchSchema,
        response: { 200: z.object({ policy: DeadlinePolicyViewSchema }).extend(Realigned.shape) },
      },
    },
    async (req) => {
      const actor = actorOf(req);
      const result = await editDeadlinePolicy({ db, actor, code: req.params.code, input: req.body });
      const settings = await readPolicySettings(db);
      const policy = listDeadlinePolicies({
        actor,
        versions: new Map(settings.map((s) => [s.code, s.version])),
      }).find((p) => p.code === req.params.code);
      if (!policy) throw new AppError('not_found', 'No such deadline policy.');
      return { policy, ...result };
    },
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
    async (req) => {
      const actor = actorOf(req);
      const year = req.query.year ?? new Date().getUTCFullYear();
      businessCalendarView({ actor, country: req.params.country, year }); // permission first
      const adminDays = await readClosedDays(db, req.params.country);
      return businessCalendarView({ actor, country: req.params.country, year, adminDays });
    },
  );
  r.post(
    '/business-calendars/:country/closed-days',
    {
      schema: {
        tags,
        summary: 'Close the office on a working day (an extra non-working day of the calendar)',
        description:
          'Administrators; audited. 400 when the day is not a working day anyway or already closed. ' +
          'Live clocks on the calendar that are due on or after the day are realigned at once. A retry ' +
          'with the same Idempotency-Key returns the first response with 200 and `idempotent-replayed: true`.',
        params: z.object({ country: z.enum(['SE', 'IT']) }),
        headers: IdempotencyHeaders,
        body: ClosedDayInputSchema,
        response: { 201: Realigned, 200: Realigned.describe('A retry: the first response') },
      },
    },
    async (req, reply) =>
      replyIdempotently(req, reply, db, 'calendars.close_day', async (tx) => ({
        status: 201,
        body: await editClosedDay({
          db: tx,
          actor: actorOf(req),
          country: req.params.country,
          change: { add: req.body },
        }),
      })),
  );
  r.post(
    '/business-calendars/:country/closed-days/:date/reopen',
    {
      schema: {
        tags,
        summary: 'Open the office again on a day an administrator had closed',
        description:
          'Administrators; audited. 404 for a day no administrator closed (public holidays and the ' +
          'shipped closed days stay). Live clocks on the calendar are realigned at once.',
        params: z.object({ country: z.enum(['SE', 'IT']), date: z.iso.date() }),
        // A POST without a body: the web client sends writes as POST/PATCH, and an action on the day
        // (open the office again) reads better as a named step than as a DELETE.
        body: z.object({}).strict().optional().meta({ id: 'ReopenClosedDay' }),
        response: { 200: Realigned },
      },
    },
    async (req) =>
      editClosedDay({
        db,
        actor: actorOf(req),
        country: req.params.country,
        change: { remove: req.params.date },
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
