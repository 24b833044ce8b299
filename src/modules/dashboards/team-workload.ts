import { sql } from 'kysely';
import { z } from 'zod';
import type { Executor } from '../../db/transaction.ts';
import type { Actor } from '../users/actor.ts';
import { assertCan } from '../users/permissions.ts';

// The supervisor's view of a team: every active representative and supervisor in it with their
// open work (nothing open is a row of zeros, so that the list is also who work can go to), and
// each team's unassigned work. Two grouped queries, whatever the number of people or items.

export const WorkloadPersonSchema = z.object({
  userId: z.uuid(),
  displayName: z.string(),
  role: z.enum(['representative', 'supervisor']),
  team: z.string(),
  open: z.number().int(),
  warning: z.number().int(),
  breached: z.number().int(),
  escalatedToThem: z.number().int().describe('Open items escalated to this person'),
});
export const WorkloadUnassignedSchema = z.object({
  team: z.string(),
  open: z.number().int(),
  warning: z.number().int(),
  breached: z.number().int(),
});
export const WorkloadSchema = z
  .object({ people: z.array(WorkloadPersonSchema), unassigned: z.array(WorkloadUnassignedSchema) })
  .meta({ id: 'TeamWorkload' });
export type Workload = z.infer<typeof WorkloadSchema>;

const n = (v: unknown) => Number(v);

export async function teamWorkload(opts: {
  db: Executor;
  actor: Actor;
  team?: string | undefined;
}): Promise<Workload> {
  assertCan(opts.actor, 'reports:read');
  const team = opts.team ?? null;
  const teamFilter = (column: string) => (team === null ? sql`` : sql` AND ${sql.ref(column)} = ${team}`);
  const [people, unassigned] = await Promise.all([
    sql<Record<string, unknown>>`
      SELECT u.id, u.display_name, u.role, u.team,
        count(w.id) FILTER (WHERE w.owner_id = u.id) AS open,
        count(w.id) FILTER (WHERE w.owner_id = u.id AND w.deadline_state = 'warning') AS warning,
        count(w.id) FILTER (WHERE w.owner_id = u.id AND w.deadline_state = 'breached') AS breached,
        count(w.id) FILTER (WHERE w.escalated_to = u.id) AS escalated
      FROM users u
        LEFT JOIN work_items w ON w.open AND (w.owner_id = u.id OR w.escalated_to = u.id)
      WHERE u.active AND u.role IN ('representative', 'supervisor') AND u.team IS NOT NULL${teamFilter('u.team')}
      GROUP BY u.id, u.display_name, u.role, u.team
      ORDER BY u.team, u.display_name, u.id`.execute(opts.db),
    sql<Record<string, unknown>>`
      SELECT w.team, count(*) AS open,
        count(*) FILTER (WHERE w.deadline_state = 'warning') AS warning,
        count(*) FILTER (WHERE w.deadline_state = 'breached') AS breached
      FROM work_items w
      WHERE w.open AND w.owner_id IS NULL AND w.team IS NOT NULL${teamFilter('w.team')}
      GROUP BY w.team
      ORDER BY w.team`.execute(opts.db),
  ]);
  return {
    people: people.rows.map((r) => ({
      userId: String(r.id),
      displayName: String(r.display_name),
      role: r.role as 'representative' | 'supervisor',
      team: String(r.team),
      open: n(r.open),
      warning: n(r.warning),
      breached: n(r.breached),
      escalatedToThem: n(r.escalated),
    })),
    unassigned: unassigned.rows.map((r) => ({
      team: String(r.team),
      open: n(r.open),
      warning: n(r.warning),
      breached: n(r.breached),
    })),
  };
}
