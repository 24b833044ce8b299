import { sql } from 'kysely';
import { z } from 'zod';
import type { Executor } from '../../db/transaction.ts';
import type { Actor } from '../users/actor.ts';
import { assertCan } from '../users/permissions.ts';

// Open work by team and kind in each deadline state, as the sweep last left it: one grouped
// query. Items without a team (department referrals, triage) are under team null.

export const DeadlineStatesRowSchema = z.object({
  team: z.string().nullable(),
  kind: z.enum(['claim', 'service_case', 'referral', 'triage']),
  onTrack: z.number().int(),
  warning: z.number().int(),
  breached: z.number().int(),
  paused: z.number().int(),
  none: z.number().int().describe('No running deadline'),
  open: z.number().int(),
});
export const DeadlineStatesSchema = z
  .object({ rows: z.array(DeadlineStatesRowSchema) })
  .meta({ id: 'DeadlineStates' });
export type DeadlineStates = z.infer<typeof DeadlineStatesSchema>;

const n = (v: unknown) => Number(v);

export async function deadlineStates(opts: {
  db: Executor;
  actor: Actor;
  team?: string | undefined;
  kind?: 'claim' | 'service_case' | 'referral' | 'triage' | undefined;
}): Promise<DeadlineStates> {
  assertCan(opts.actor, 'reports:read');
  const team = opts.team === undefined ? sql`` : sql` AND w.team = ${opts.team}`;
  const kind = opts.kind === undefined ? sql`` : sql` AND w.kind = ${opts.kind}`;
  const { rows } = await sql<Record<string, unknown>>`
    SELECT w.team, w.kind,
      count(*) FILTER (WHERE w.deadline_state = 'on_track') AS on_track,
      count(*) FILTER (WHERE w.deadline_state = 'warning') AS warning,
      count(*) FILTER (WHERE w.deadline_state = 'breached') AS breached,
      count(*) FILTER (WHERE w.deadline_state = 'paused') AS paused,
      count(*) FILTER (WHERE w.deadline_state = 'none') AS none,
      count(*) AS open
    FROM work_items w
    WHERE w.open${team}${kind}
    GROUP BY w.team, w.kind
    ORDER BY w.team NULLS LAST, w.kind`.execute(opts.db);
  return {
    rows: rows.map((r) => ({
      team: r.team === null ? null : String(r.team),
      kind: r.kind as DeadlineStates['rows'][number]['kind'],
      onTrack: n(r.on_track),
      warning: n(r.warning),
      breached: n(r.breached),
      paused: n(r.paused),
      none: n(r.none),
      open: n(r.open),
    })),
  };
}
