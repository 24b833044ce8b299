import { sql } from 'kysely';
import { z } from 'zod';
import type { ReportDefinition } from './report-definition.ts';
import { toNumber } from './report-definition.ts';
import { andEquals } from './report-filters.ts';

// Open work by kind and age (days since the item entered a queue), for items that entered in
// the period. Country is the handling team's.

const Row = z.object({
  kind: z.string(),
  open: z.number().int(),
  upTo7Days: z.number().int(),
  upTo30Days: z.number().int().describe('8 to 30 days'),
  upTo90Days: z.number().int().describe('31 to 90 days'),
  over90Days: z.number().int(),
});
type BacklogRow = z.infer<typeof Row>;

export const backlogReport: ReportDefinition<BacklogRow> = {
  name: 'backlog',
  summary: 'Backlog: open work items by kind and age',
  description:
    'Open work items (claims, service cases, referrals, triage) that entered a queue in the period, ' +
    'by kind, counted in age bands at the time of the request. Filters: product, country (the team’s), team.',
  row: Row,
  columns: ['kind', 'open', 'upTo7Days', 'upTo30Days', 'upTo90Days', 'over90Days'],
  async run(db, f, now) {
    const age = sql`(${now}::timestamptz - w.created_at)`;
    const { rows } = await sql<Record<string, unknown>>`
      SELECT w.kind,
        count(*) AS open,
        count(*) FILTER (WHERE ${age} <= interval '7 days') AS up_to_7,
        count(*) FILTER (WHERE ${age} > interval '7 days' AND ${age} <= interval '30 days') AS up_to_30,
        count(*) FILTER (WHERE ${age} > interval '30 days' AND ${age} <= interval '90 days') AS up_to_90,
        count(*) FILTER (WHERE ${age} > interval '90 days') AS over_90
      FROM work_items w LEFT JOIN teams t ON t.code = w.team
      WHERE w.open AND w.created_at >= ${f.start} AND w.created_at < ${f.end}
        ${andEquals('w.product_code', f.product)}${andEquals('t.country', f.country)}${andEquals('w.team', f.team)}
      GROUP BY w.kind
      ORDER BY w.kind`.execute(db);
    return rows.map((r) => ({
      kind: String(r.kind),
      open: toNumber(r.open),
      upTo7Days: toNumber(r.up_to_7),
      upTo30Days: toNumber(r.up_to_30),
      upTo90Days: toNumber(r.up_to_90),
      over90Days: toNumber(r.over_90),
    }));
  },
};
