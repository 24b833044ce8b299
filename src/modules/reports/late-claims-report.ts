import { sql } from 'kysely';
import { z } from 'zod';
import { parseIsoDayOrThrow } from '../../lib/day-number.ts';
import { claimScope } from './claim-scope.ts';
import { localDays } from './local-days.ts';
import type { ReportDefinition } from './report-definition.ts';
import { toNumber } from './report-definition.ts';

// Regulatory extract: claims handled past a legal deadline, with the late-payment interest paid on
// them. One row per claim and legal clock (FAL's month to pay, CAP art. 148's periods; internal
// service levels are not the law's and are left out) that stopped after its due instant in the
// period. The interest is what the claim's settled payments carried (räntelagen 6 § in Sweden):
// a regulator asks both "how late" and "did the customer get the interest the law gives".
// Clocks still running past their due date are in the deadline-compliance report (open breached):
// they have not been handled yet.

const Row = z.object({
  claimNumber: z.string(),
  product: z.string(),
  rule: z.string().describe('Legal deadline policy code, e.g. se.fal.claim_payment'),
  country: z.string().describe("The clock's calendar"),
  dueOn: z.string().describe('Last day of the legal period (YYYY-MM-DD, local)'),
  handledOn: z.string().describe('Day the clock stopped (YYYY-MM-DD, local)'),
  daysLate: z.number().int().describe('Calendar days after the last day'),
  currency: z.string().nullable().describe('Of the settled payments; null: none settled yet'),
  paidMinor: z.number().int().describe('Principal of the settled payments, minor units'),
  interestPaidMinor: z.number().int().describe('Late-payment interest of the settled payments, minor units'),
});
type LateClaimRow = z.infer<typeof Row>;

export const lateClaimsReport: ReportDefinition<LateClaimRow> = {
  name: 'claims-past-legal-deadline',
  summary: 'Regulatory extract: claims handled past the legal deadline, with the interest paid',
  description:
    'One row per claim and legal deadline (internal service levels left out) whose clock stopped after it ' +
    'was due, in the period: due day, day handled, days late, and the principal and late-payment interest ' +
    'of its settled payments. Filters: product, country (the product’s), team.',
  row: Row,
  columns: [
    'claimNumber',
    'product',
    'rule',
    'country',
    'dueOn',
    'handledOn',
    'daysLate',
    'currency',
    'paidMinor',
    'interestPaidMinor',
  ],
  dateColumns: ['dueOn', 'handledOn'],
  async run(db, f) {
    const { rows } = await sql<Record<string, unknown>>`
      SELECT c.claim_number, p.code AS product, dl.policy_code AS rule, dl.calendar, dl.due_at, dl.stopped_at,
        pay.currency, coalesce(pay.principal, 0)::bigint AS principal, coalesce(pay.interest, 0)::bigint AS interest
      FROM deadlines dl
        JOIN work_items w ON w.id = dl.work_item_id AND w.kind = 'claim'
        -- The claim's product through its work item (claim-work.ts gives the item the claim's
        -- product): a product's late clocks join the product's items (one index range) rather
        -- than each late clock of the period being followed to its claim, policy and product.
        JOIN products p ON p.code = w.product_code
        JOIN claims c ON c.id = w.subject_id
        LEFT JOIN LATERAL (
          SELECT min(po.currency) AS currency, sum(po.principal_minor) AS principal, sum(po.interest_minor) AS interest
          FROM payment_orders po WHERE po.claim_id = c.id AND po.status = 'settled'
        ) pay ON true
      WHERE dl.status = 'met' AND dl.stopped_at > dl.due_at AND dl.policy_code NOT LIKE 'internal.%'
        AND dl.stopped_at >= ${f.start} AND dl.stopped_at < ${f.end}${claimScope(f)}
      ORDER BY dl.stopped_at, c.claim_number, dl.policy_code`.execute(db);
    const dayOf = localDays();
    return rows.map((r) => {
      const country = r.calendar === 'IT' ? 'IT' : 'SE';
      const dueOn = dayOf(country, new Date(r.due_at as Date), true);
      const handledOn = dayOf(country, new Date(r.stopped_at as Date), false);
      return {
        claimNumber: String(r.claim_number),
        product: String(r.product),
        rule: String(r.rule),
        country: String(r.calendar),
        dueOn,
        handledOn,
        daysLate: parseIsoDayOrThrow(handledOn) - parseIsoDayOrThrow(dueOn),
        currency: r.currency === null ? null : String(r.currency),
        paidMinor: toNumber(r.principal),
        interestPaidMinor: toNumber(r.interest),
      };
    });
  },
};
