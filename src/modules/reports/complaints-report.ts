import { sql } from 'kysely';
import { z } from 'zod';
import type { ReportDefinition } from './report-definition.ts';
import { toNumber } from './report-definition.ts';
import { andEquals } from './report-filters.ts';

// Complaints received in the period by cause: how many, how many have their final answer, and
// the outcome of those answered (upheld, partly upheld, rejected).
// Country is the complaint's jurisdiction; product the one it is about (when named); team the one
// whose queue had the complaint's case.

const Row = z.object({
  cause: z.string().describe('Cause category code (docs/complaints.md)'),
  received: z.number().int(),
  answered: z.number().int(),
  open: z.number().int(),
  upheld: z.number().int(),
  partiallyUpheld: z.number().int(),
  rejected: z.number().int(),
});
type ComplaintsRow = z.infer<typeof Row>;

export const complaintsReport: ReportDefinition<ComplaintsRow> = {
  name: 'complaints',
  summary: 'Complaints by cause and outcome',
  description:
    'Complaints received in the period, per cause category: received, answered (final answer given), ' +
    'open, and the answered ones by outcome (upheld, partially upheld, rejected). Filters: product, country ' +
    '(the jurisdiction), team (whose queue had the case).',
  row: Row,
  columns: ['cause', 'received', 'answered', 'open', 'upheld', 'partiallyUpheld', 'rejected'],
  async run(db, f) {
    const team =
      f.team === null
        ? sql``
        : sql` AND EXISTS (SELECT 1 FROM work_items w WHERE w.kind = 'service_case' AND w.subject_id = k.case_id AND w.team = ${f.team})`;
    const { rows } = await sql<Record<string, unknown>>`
      SELECT k.cause_category AS cause, count(*) AS received,
        count(*) FILTER (WHERE k.final_answer_at IS NOT NULL) AS answered,
        count(*) FILTER (WHERE k.outcome = 'upheld') AS upheld,
        count(*) FILTER (WHERE k.outcome = 'partially_upheld') AS partially_upheld,
        count(*) FILTER (WHERE k.outcome = 'rejected') AS rejected
      FROM complaints k
      WHERE k.received_at >= ${f.start} AND k.received_at < ${f.end}
        ${andEquals('k.product_code', f.product)}${andEquals('k.jurisdiction', f.country)}${team}
      GROUP BY k.cause_category
      ORDER BY k.cause_category`.execute(db);
    return rows.map((r) => {
      const received = toNumber(r.received);
      const answered = toNumber(r.answered);
      return {
        cause: String(r.cause),
        received,
        answered,
        open: received - answered,
        upheld: toNumber(r.upheld),
        partiallyUpheld: toNumber(r.partially_upheld),
        rejected: toNumber(r.rejected),
      };
    });
  },
};
