import { sql } from 'kysely';
import { z } from 'zod';
import { factScope } from './claim-scope.ts';
import type { ReportDefinition } from './report-definition.ts';
import { rate, toNumber } from './report-definition.ts';

// Outcomes of the decisions in force (an appeal's new decision replaces the old) taken in the
// period, per product: approved, partly approved, denied (counts and rates), and the amount granted.

const Row = z.object({
  product: z.string(),
  currency: z.string(),
  decided: z.number().int(),
  approved: z.number().int(),
  partiallyApproved: z.number().int(),
  denied: z.number().int(),
  grantedMinor: z.number().int().describe('Sum of the decided amounts, in minor units of the currency'),
  approvalRate: z.number().nullable().describe('approved / decided, 0–1'),
  partialRate: z.number().nullable().describe('partiallyApproved / decided, 0–1'),
  denialRate: z.number().nullable().describe('denied / decided, 0–1'),
});
type OutcomesRow = z.infer<typeof Row>;

export const outcomesReport: ReportDefinition<OutcomesRow> = {
  name: 'outcomes',
  summary: 'Outcomes per product: approved, partly approved, denied',
  description:
    'Decisions in force (not superseded by an appeal) taken in the period, per product and currency. ' +
    'Filters: product, country (the product’s), team.',
  row: Row,
  columns: [
    'product',
    'currency',
    'decided',
    'approved',
    'partiallyApproved',
    'denied',
    'grantedMinor',
    'approvalRate',
    'partialRate',
    'denialRate',
  ],
  async run(db, f) {
    const { rows } = await sql<Record<string, unknown>>`
      SELECT p.code AS product, d.currency, count(*) AS decided,
        count(*) FILTER (WHERE d.outcome = 'approved') AS approved,
        count(*) FILTER (WHERE d.outcome = 'partially_approved') AS partial,
        count(*) FILTER (WHERE d.outcome = 'denied') AS denied,
        coalesce(sum(d.amount_minor), 0)::bigint AS granted
      FROM claim_decisions d JOIN products p ON p.id = d.product_id -- the decision's copy (report_facts)
      WHERE d.superseded_at IS NULL AND d.decided_at >= ${f.start} AND d.decided_at < ${f.end}${factScope(f, 'd')}
      GROUP BY p.code, d.currency
      ORDER BY p.code, d.currency`.execute(db);
    return rows.map((r) => {
      const decided = toNumber(r.decided);
      const approved = toNumber(r.approved);
      const partiallyApproved = toNumber(r.partial);
      const denied = toNumber(r.denied);
      return {
        product: String(r.product),
        currency: String(r.currency),
        decided,
        approved,
        partiallyApproved,
        denied,
        grantedMinor: toNumber(r.granted),
        approvalRate: rate(approved, decided),
        partialRate: rate(partiallyApproved, decided),
        denialRate: rate(denied, decided),
      };
    });
  },
};
