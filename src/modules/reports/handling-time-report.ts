import { sql } from 'kysely';
import { z } from 'zod';
import { CLAIM_PRODUCT_JOIN, claimScope } from './claim-scope.ts';
import type { ReportDefinition } from './report-definition.ts';
import { hours, toNumber } from './report-definition.ts';

// Registration to first decision, for claims first decided in the period: median and 90th
// percentile per product, and over all products (the row whose product is null).

const Row = z.object({
  product: z.string().nullable().describe('null: all products'),
  decided: z.number().int(),
  medianHours: z.number().nullable(),
  p90Hours: z.number().nullable(),
});
type HandlingTimeRow = z.infer<typeof Row>;

export const handlingTimeReport: ReportDefinition<HandlingTimeRow> = {
  name: 'handling-time',
  summary: 'Handling time: registration to first decision, median and 90th percentile',
  description:
    'Claims whose first decision (straight-through or by a person) fell in the period, per product and ' +
    'in total (product null), in hours. Filters: product, country (the product’s), team.',
  row: Row,
  columns: ['product', 'decided', 'medianHours', 'p90Hours'],
  async run(db, f) {
    const seconds = sql`extract(epoch FROM d.decided_at - c.registered_at)`;
    const { rows } = await sql<Record<string, unknown>>`
      SELECT p.code AS product, count(*) AS decided,
        percentile_cont(0.5) WITHIN GROUP (ORDER BY ${seconds}) AS median_s,
        percentile_cont(0.9) WITHIN GROUP (ORDER BY ${seconds}) AS p90_s
      FROM claim_decisions d JOIN claims c ON c.id = d.claim_id ${CLAIM_PRODUCT_JOIN}
      WHERE d.decision_no = 1 AND d.decided_at >= ${f.start} AND d.decided_at < ${f.end}${claimScope(f)}
      GROUP BY GROUPING SETS ((p.code), ())
      ORDER BY p.code NULLS LAST`.execute(db);
    return rows.map((r) => ({
      product: r.product === null ? null : String(r.product),
      decided: toNumber(r.decided),
      medianHours: hours(r.median_s),
      p90Hours: hours(r.p90_s),
    }));
  },
};
