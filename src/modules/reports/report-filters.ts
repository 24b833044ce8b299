import { sql } from 'kysely';
import { z } from 'zod';
import { formatIsoDay, parseIsoDay } from '../../lib/day-number.ts';

// The filters every report takes: a period of whole days (UTC, both ends included; the last 30
// days by default) and, where a report can say it, a product, a country and a team.

const IsoDate = z
  .string()
  .refine((s) => !Number.isNaN(parseIsoDay(s)), 'a real calendar date as YYYY-MM-DD')
  .describe('YYYY-MM-DD');

export const ReportQuerySchema = z
  .object({
    from: IsoDate.optional().describe('First day of the period (UTC), included; default 29 days before `to`'),
    to: IsoDate.optional().describe('Last day of the period (UTC), included; default today'),
    product: z.string().max(40).optional().describe('Only this product code'),
    country: z
      .string()
      .regex(/^[A-Z]{2}$/)
      .optional()
      .describe("Only this country (the product's; a deadline's calendar; a complaint's jurisdiction)"),
    team: z
      .string()
      .max(40)
      .optional()
      .describe('Only work handled by this team (where the report has teams)'),
  })
  .strict()
  .superRefine((q, ctx) => {
    if (q.from && q.to && parseIsoDay(q.to) < parseIsoDay(q.from)) {
      ctx.addIssue({ code: 'custom', path: ['to'], message: `The period ends (${q.to}) before it starts.` });
    }
  });
export type ReportQuery = z.infer<typeof ReportQuerySchema>;

export type ReportFilters = {
  from: string;
  to: string;
  /** [start of `from`, start of the day after `to`) in UTC. */
  start: Date;
  end: Date;
  product: string | null;
  country: string | null;
  team: string | null;
};

const DAY_MS = 86_400_000;

export function reportFilters(query: ReportQuery, now: Date): ReportFilters {
  const today = formatIsoDay(Math.floor(now.getTime() / DAY_MS));
  const to = query.to ?? today;
  const from = query.from ?? formatIsoDay(parseIsoDay(to) - 29);
  return {
    from,
    to,
    start: new Date(`${from}T00:00:00Z`),
    end: new Date(Date.parse(`${to}T00:00:00Z`) + DAY_MS),
    product: query.product ?? null,
    country: query.country ?? null,
    team: query.team ?? null,
  };
}

export const PeriodSchema = z.object({
  from: z.string(),
  to: z.string(),
  product: z.string().nullable(),
  country: z.string().nullable(),
  team: z.string().nullable(),
});

/** `AND <column> = value` when the filter is set, nothing otherwise. */
export function andEquals(column: string, value: string | null) {
  return value === null ? sql`` : sql` AND ${sql.ref(column)} = ${value}`;
}
