import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { actorOf } from '../../server/plugins/authenticate.ts';
import type { ModuleDeps } from '../deps.ts';
import { DeadlineStatesSchema, deadlineStates } from './deadline-states.ts';
import { teamWorkload, WorkloadSchema } from './team-workload.ts';

export function dashboardRoutes(app: FastifyInstance, { db }: ModuleDeps): void {
  const r = app.withTypeProvider<ZodTypeProvider>();
  const tags = ['dashboards'];
  r.get(
    '/dashboards/workload',
    {
      schema: {
        tags,
        summary:
          "Team workload: each person's open items with warning and breached counts, and unassigned work",
        description: 'Supervisors, administrators and auditors. Without `team`: every team.',
        querystring: z.object({ team: z.string().max(40).optional() }).strict(),
        response: { 200: WorkloadSchema },
      },
    },
    async (req) => teamWorkload({ db, actor: actorOf(req), team: req.query.team }),
  );
  r.get(
    '/dashboards/deadlines',
    {
      schema: {
        tags,
        summary: 'Open work by team and kind: on track, warning, breached, paused, no deadline',
        description: 'Supervisors, administrators and auditors. Without filters: every team and kind.',
        querystring: z
          .object({
            team: z.string().max(40).optional(),
            kind: z.enum(['claim', 'service_case', 'referral', 'triage']).optional(),
          })
          .strict(),
        response: { 200: DeadlineStatesSchema },
      },
    },
    async (req) => deadlineStates({ db, actor: actorOf(req), ...req.query }),
  );
}
