import { sql } from 'kysely';
import { z } from 'zod';
import type { ReportDefinition } from './report-definition.ts';
import { toNumber } from './report-definition.ts';
import { andEquals } from './report-filters.ts';

// Complaints received in the period by cause: how many, how many have their final answer.
// Country is the complaint's jurisdiction; product the one it is about (when named).

const Row = z.object({
  cause: z.string().describe('Cause category code (docs/complaints.md)'),
  received: z.number().int(),
  answered: z.number().int(),
  open: z.number().int(),
});
type ComplaintsRow = z.infer<typeof Row>;

export const complaintsReport: ReportDefinition<ComplaintsRow> = {
  name: 'complaints',
  summary: 'Complaints by cause',
  description:
    'Complaints received in the period, per cause category: received, answered (final answer given), ' +
    'open. Filters: product, country (the jurisdiction). Teams do not apply.',
  row: Row,
  columns: ['cause', 'received', 'answered', 'open'],
  async run(db, f) {
    const { rows } = await sql<Record<string, unknown>>`
      SELECT k.cause_category AS cause, count(*) AS received,
        count(*) FILTER (WHERE k.final_answer_at IS NOT NULL) AS answered
      FROM complaints k
      WHERE k.received_at >= ${f.start} AND k.received_at < ${f.end}
        ${andEquals('k.product_code', f.product)}${andEquals('k.jurisdiction', f.country)}
      GROUP BY k.cause_category
      ORDER BY k.cause_category`.execute(db);
    return rows.map((r) => {
      const received = toNumber(r.received);
      const answered = toNumber(r.answered);
      return { cause: String(r.cause), received, answered, open: received - answered };
    });
  },
};
