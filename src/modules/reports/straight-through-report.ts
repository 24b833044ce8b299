import { sql } from 'kysely';
import { z } from 'zod';
import { CLAIM_PRODUCT_JOIN, claimScope } from './claim-scope.ts';
import type { ReportDefinition } from './report-definition.ts';
import { rate, toNumber } from './report-definition.ts';

// Of the claims registered in the period, how many the system decided on its own (its first
// decision straight-through), per product and in total (product null).

const Row = z.object({
  product: z.string().nullable().describe('null: all products'),
  registered: z.number().int(),
  straightThrough: z.number().int(),
  byPerson: z.number().int().describe('First decision taken by a person'),
  undecided: z.number().int(),
  straightThroughRate: z.number().nullable().describe('straightThrough / registered, 0–1'),
});
type StraightThroughRow = z.infer<typeof Row>;

export const straightThroughReport: ReportDefinition<StraightThroughRow> = {
  name: 'straight-through',
  summary: 'Straight-through rate: claims decided without a person',
  description:
    'Claims registered in the period, per product and in total (product null): decided straight through, ' +
    'first decided by a person, not decided yet. Filters: product, country (the product’s), team.',
  row: Row,
  columns: ['product', 'registered', 'straightThrough', 'byPerson', 'undecided', 'straightThroughRate'],
  async run(db, f) {
    const { rows } = await sql<Record<string, unknown>>`
      SELECT p.code AS product, count(*) AS registered,
        count(*) FILTER (WHERE d.straight_through) AS straight,
        count(*) FILTER (WHERE d.claim_id IS NOT NULL AND NOT d.straight_through) AS by_person,
        count(*) FILTER (WHERE d.claim_id IS NULL) AS undecided
      FROM claims c ${CLAIM_PRODUCT_JOIN}
        LEFT JOIN claim_decisions d ON d.claim_id = c.id AND d.decision_no = 1
      WHERE c.registered_at >= ${f.start} AND c.registered_at < ${f.end}${claimScope(f)}
      GROUP BY GROUPING SETS ((p.code), ())
      HAVING count(*) > 0 -- no total row of zeros for an empty period: an empty report
      ORDER BY p.code NULLS LAST`.execute(db);
    return rows.map((r) => {
      const registered = toNumber(r.registered);
      const straightThrough = toNumber(r.straight);
      return {
        product: r.product === null ? null : String(r.product),
        registered,
        straightThrough,
        byPerson: toNumber(r.by_person),
        undecided: toNumber(r.undecided),
        straightThroughRate: rate(straightThrough, registered),
      };
    });
  },
};
