import { sql } from 'kysely';
import { z } from 'zod';
import { CLAIM_PRODUCT_JOIN, claimScope } from './claim-scope.ts';
import type { ReportDefinition } from './report-definition.ts';
import { toNumber } from './report-definition.ts';

// Payments paid and returned in the period, per currency and product (and per currency over all
// products: product null). Paid: orders the bank confirmed as settled in the period; returned: orders
// the bank returned or rejected in the period. The moment is when the bank's answer was applied
// (status_changed_at): every settled order has it, while the booking date is optional in camt.054.
// Sums are principal + late interest, in minor units; currencies are never added together.

const Row = z.object({
  product: z.string().nullable().describe('null: all products, per currency'),
  currency: z.string(),
  paidCount: z.number().int(),
  paidMinor: z.number().int().describe('Principal + interest of the settled payments, minor units'),
  interestMinor: z.number().int().describe('Late-payment interest included in paidMinor'),
  returnedCount: z.number().int().describe('Returned or rejected by the bank'),
  returnedMinor: z.number().int(),
});
type PaymentsRow = z.infer<typeof Row>;

export const paymentsReport: ReportDefinition<PaymentsRow> = {
  name: 'payments',
  summary: 'Payments paid and returned, per currency',
  description:
    'Payment orders (claim payments, benefit instalments, re-payments of returned ones) the bank settled, and those it returned or rejected, in the ' +
    'period (when the bank’s answer was applied): counts and sums (principal + interest, minor units) per ' +
    'currency and product, and per currency in total (product null). Filters: product, country (the ' +
    'product’s), team (whose queue had the claim).',
  row: Row,
  columns: [
    'product',
    'currency',
    'paidCount',
    'paidMinor',
    'interestMinor',
    'returnedCount',
    'returnedMinor',
  ],
  async run(db, f) {
    // Two index range scans (settled, and returned/rejected, each by status_changed_at) rather than
    // one OR that would read every order of the period's statuses.
    const { rows } = await sql<Record<string, unknown>>`
      WITH moved AS (
        SELECT po.claim_id, po.currency, true AS paid, po.principal_minor + po.interest_minor AS total,
          po.interest_minor
        FROM payment_orders po
        WHERE po.status = 'settled' AND po.status_changed_at >= ${f.start} AND po.status_changed_at < ${f.end}
          UNION ALL
        SELECT po.claim_id, po.currency, false, po.principal_minor + po.interest_minor, 0
        FROM payment_orders po
        WHERE po.status IN ('returned', 'rejected')
          AND po.status_changed_at >= ${f.start} AND po.status_changed_at < ${f.end}
        )
      SELECT p.code AS product, m.currency,
        count(*) FILTER (WHERE m.paid) AS paid_count,
        coalesce(sum(m.total) FILTER (WHERE m.paid), 0)::bigint AS paid_minor,
        coalesce(sum(m.interest_minor) FILTER (WHERE m.paid), 0)::bigint AS interest_minor,
        count(*) FILTER (WHERE NOT m.paid) AS returned_count,
        coalesce(sum(m.total) FILTER (WHERE NOT m.paid), 0)::bigint AS returned_minor
      FROM moved m JOIN claims c ON c.id = m.claim_id ${CLAIM_PRODUCT_JOIN}
      WHERE true${claimScope(f)}
      GROUP BY GROUPING SETS ((m.currency, p.code), (m.currency))
      ORDER BY m.currency, p.code NULLS LAST`.execute(db);
    return rows.map((r) => ({
      product: r.product === null ? null : String(r.product),
      currency: String(r.currency),
      paidCount: toNumber(r.paid_count),
      paidMinor: toNumber(r.paid_minor),
      interestMinor: toNumber(r.interest_minor),
      returnedCount: toNumber(r.returned_count),
      returnedMinor: toNumber(r.returned_minor),
    }));
  },
};
