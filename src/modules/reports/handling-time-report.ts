import { sql } from 'kysely';
import { z } from 'zod';
import { factScope } from './claim-scope.ts';
import type { ReportDefinition } from './report-definition.ts';
import { hours, toNumber } from './report-definition.ts';

// Handling time in hours, median and 90th percentile, per product and over all products (the row
// whose product is null), for the two steps of a claim and the whole:
// - registration → first decision, for claims first decided in the period;
// - decision → payment and registration → payment, for claims first paid in the period (the
//   moment the bank's settlement of the first claim payment or re-payment was applied; the decision
//   is the one it paid). Benefit instalments are periodic, not the end of handling: left out.
// Each step is measured on the claims that completed it in the period, the usual reading of "how
// long did the work finished this month take".

const Row = z.object({
  product: z.string().nullable().describe('null: all products'),
  decided: z.number().int().describe('Claims first decided in the period'),
  medianHours: z.number().nullable().describe('Registration → first decision, median'),
  p90Hours: z.number().nullable().describe('Registration → first decision, 90th percentile'),
  paid: z.number().int().describe('Claims first paid in the period'),
  decisionToPaymentMedianHours: z.number().nullable(),
  decisionToPaymentP90Hours: z.number().nullable(),
  registrationToPaymentMedianHours: z.number().nullable(),
  registrationToPaymentP90Hours: z.number().nullable(),
});
type HandlingTimeRow = z.infer<typeof Row>;

type Leg = {
  n: number;
  median: number | null;
  p90: number | null;
  median2?: number | null;
  p902?: number | null;
};

export const handlingTimeReport: ReportDefinition<HandlingTimeRow> = {
  name: 'handling-time',
  summary: 'Handling time: registration → decision → payment, median and 90th percentile',
  description:
    'Per product and in total (product null), in hours: registration to first decision for claims first ' +
    'decided in the period; decision to payment and registration to payment for claims first paid in the ' +
    'period (first settled claim payment). Filters: product, country (the product’s), team.',
  row: Row,
  columns: [
    'product',
    'decided',
    'medianHours',
    'p90Hours',
    'paid',
    'decisionToPaymentMedianHours',
    'decisionToPaymentP90Hours',
    'registrationToPaymentMedianHours',
    'registrationToPaymentP90Hours',
  ],
  async run(db, f) {
    // The product and the registration instant are the copies on the decision and payment rows
    // (migration 20261122010000_report_facts): one index range per query, no look-ups.
    const toDecision = sql`extract(epoch FROM d.decided_at - d.claim_registered_at)`;
    const decided = await sql<Record<string, unknown>>`
      SELECT p.code AS product, count(*) AS n,
        percentile_cont(0.5) WITHIN GROUP (ORDER BY ${toDecision}) AS median_s,
        percentile_cont(0.9) WITHIN GROUP (ORDER BY ${toDecision}) AS p90_s
      FROM claim_decisions d JOIN products p ON p.id = d.product_id
      WHERE d.decision_no = 1 AND d.decided_at >= ${f.start} AND d.decided_at < ${f.end}${factScope(f, 'd')}
      GROUP BY GROUPING SETS ((p.code), ())`.execute(db);
    // A claim's first settled payment: settled in the period, and no settled claim payment before it
    // (a returned payment paid again counts once, when the money finally arrived).
    const toPayment = sql`extract(epoch FROM po.status_changed_at - po.decided_at)`;
    const whole = sql`extract(epoch FROM po.status_changed_at - po.claim_registered_at)`;
    const paid = await sql<Record<string, unknown>>`
      SELECT p.code AS product, count(*) AS n,
        percentile_cont(0.5) WITHIN GROUP (ORDER BY ${toPayment}) AS median_s,
        percentile_cont(0.9) WITHIN GROUP (ORDER BY ${toPayment}) AS p90_s,
        percentile_cont(0.5) WITHIN GROUP (ORDER BY ${whole}) AS median2_s,
        percentile_cont(0.9) WITHIN GROUP (ORDER BY ${whole}) AS p902_s
      FROM payment_orders po JOIN products p ON p.id = po.product_id
      WHERE po.status = 'settled' AND po.kind <> 'benefit_instalment'
        AND po.status_changed_at >= ${f.start} AND po.status_changed_at < ${f.end}
        -- No earlier settled claim payment: an anti-join after the product filter (a correlated
        -- "po.id = (SELECT … LIMIT 1)" was a filter on every payment of the period, estimated at a
        -- handful of rows); one index-only probe of payment_orders_first_settled_idx per payment.
        AND NOT EXISTS (
          SELECT 1 FROM payment_orders e
          WHERE e.claim_id = po.claim_id AND e.status = 'settled' AND e.kind <> 'benefit_instalment'
            AND (e.status_changed_at, e.id) < (po.status_changed_at, po.id))${factScope(f, 'po')}
      GROUP BY GROUPING SETS ((p.code), ())`.execute(db);
    const legs = (rows: Record<string, unknown>[]) =>
      new Map<string | null, Leg>(
        rows
          .filter((r) => toNumber(r.n) > 0)
          .map((r) => [
            r.product === null ? null : String(r.product),
            {
              n: toNumber(r.n),
              median: hours(r.median_s),
              p90: hours(r.p90_s),
              median2: hours(r.median2_s),
              p902: hours(r.p902_s),
            },
          ]),
      );
    const byDecision = legs(decided.rows);
    const byPayment = legs(paid.rows);
    const products = [...new Set([...byDecision.keys(), ...byPayment.keys()])]
      .filter((p): p is string => p !== null)
      .sort();
    // No total row when nothing at all was decided or paid: an empty period is an empty report.
    const keys: (string | null)[] = products.length > 0 ? [...products, null] : [];
    return keys.map((product) => {
      const d = byDecision.get(product);
      const p = byPayment.get(product);
      return {
        product,
        decided: d?.n ?? 0,
        medianHours: d?.median ?? null,
        p90Hours: d?.p90 ?? null,
        paid: p?.n ?? 0,
        decisionToPaymentMedianHours: p?.median ?? null,
        decisionToPaymentP90Hours: p?.p90 ?? null,
        registrationToPaymentMedianHours: p?.median2 ?? null,
        registrationToPaymentP90Hours: p?.p902 ?? null,
      };
    });
  },
};
