import { sql } from 'kysely';
import { z } from 'zod';
import type { ReportDefinition } from './report-definition.ts';
import { rate, toNumber } from './report-definition.ts';
import { andEquals } from './report-filters.ts';

// Deadline compliance per legal or service rule (deadline policy), for clocks started in the
// period: met on time, met late, still running and already breached, still running in time.
// complianceRate = on time / (on time + late + open breached). Country is the clock's calendar.

const Row = z.object({
  rule: z.string().describe('Deadline policy code, e.g. se.fal.claim_payment'),
  metOnTime: z.number().int(),
  metLate: z.number().int(),
  openBreached: z.number().int(),
  openInTime: z.number().int(),
  complianceRate: z.number().nullable().describe('0–1; null when nothing was due yet'),
});
type ComplianceRow = z.infer<typeof Row>;

export const deadlineComplianceReport: ReportDefinition<ComplianceRow> = {
  name: 'deadline-compliance',
  summary: 'Deadline compliance per legal rule',
  description:
    'Clocks started in the period, per deadline policy: met on time, met late, open and breached, open ' +
    'in time. Cancelled clocks are left out. Filters: product, country (the calendar), team.',
  row: Row,
  columns: ['rule', 'metOnTime', 'metLate', 'openBreached', 'openInTime', 'complianceRate'],
  async run(db, f) {
    // The clock's work item is read only for the filters it carries (product, team).
    const itemJoin =
      f.product === null && f.team === null ? sql`` : sql` JOIN work_items w ON w.id = dl.work_item_id`;
    const { rows } = await sql<Record<string, unknown>>`
      SELECT dl.policy_code AS rule,
        count(*) FILTER (WHERE dl.status = 'met' AND (dl.due_at IS NULL OR dl.stopped_at <= dl.due_at)) AS on_time,
        count(*) FILTER (WHERE dl.status = 'met' AND dl.stopped_at > dl.due_at) AS late,
        count(*) FILTER (WHERE dl.status IN ('running', 'paused') AND dl.state = 'breached') AS open_breached,
        count(*) FILTER (WHERE dl.status IN ('running', 'paused') AND dl.state <> 'breached') AS open_in_time
      FROM deadlines dl${itemJoin}
      WHERE dl.status <> 'cancelled' AND dl.started_at >= ${f.start} AND dl.started_at < ${f.end}
        ${andEquals('w.product_code', f.product)}${andEquals('dl.calendar', f.country)}${andEquals('w.team', f.team)}
      GROUP BY dl.policy_code
      ORDER BY dl.policy_code`.execute(db);
    return rows.map((r) => {
      const metOnTime = toNumber(r.on_time);
      const metLate = toNumber(r.late);
      const openBreached = toNumber(r.open_breached);
      return {
        rule: String(r.rule),
        metOnTime,
        metLate,
        openBreached,
        openInTime: toNumber(r.open_in_time),
        complianceRate: rate(metOnTime, metOnTime + metLate + openBreached),
      };
    });
  },
};
