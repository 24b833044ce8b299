import { Temporal } from 'temporal-polyfill';
import { z } from 'zod';
import { formatIsoDay, parseIsoDay } from '../../lib/day-number.ts';
import { AppError } from '../../lib/errors.ts';
import { businessCalendar } from '../deadlines/index.ts';
import type { Jurisdiction } from './complaint-legal-texts.ts';

// The period of a register export: complaints received from `from` to `to`, both days included,
// each complaint's day counted in its jurisdiction's time zone.

const IsoDate = z
  .string()
  .refine((s) => !Number.isNaN(parseIsoDay(s)), 'a real calendar date as YYYY-MM-DD')
  .describe('YYYY-MM-DD');

export const RegisterQuerySchema = z
  .object({
    from: IsoDate.describe('First day of the period (YYYY-MM-DD), included'),
    to: IsoDate.describe('Last day of the period (YYYY-MM-DD), included; not before `from`'),
    jurisdiction: z.enum(['SE', 'IT']).optional().describe('Only complaints under this jurisdiction'),
  })
  .strict()
  .superRefine((q, ctx) => {
    const from = parseIsoDay(q.from);
    const to = parseIsoDay(q.to);
    if (!Number.isNaN(from) && !Number.isNaN(to) && to < from) {
      ctx.addIssue({
        code: 'custom',
        path: ['to'],
        message: `The period ends (${q.to}) before it starts (${q.from}).`,
      });
    }
  });

export type RegisterQuery = z.infer<typeof RegisterQuerySchema>;
export type RegisterPeriod = { from: string; to: string; jurisdiction: Jurisdiction | null };

/** Validates a period (the CLI and other callers; the route's schema says the same). */
export function parseRegisterPeriod(input: unknown): RegisterPeriod {
  const parsed = RegisterQuerySchema.safeParse(input);
  if (!parsed.success) {
    const errors = parsed.error.issues.map((i) => ({
      in: 'query' as const,
      path: i.path.map((p) => (typeof p === 'symbol' ? String(p) : p)),
      code: i.code,
      message: i.message,
    }));
    throw new AppError('validation_failed', `The period is invalid (${errors.length} problem(s)).`, {
      errors,
    });
  }
  return { from: parsed.data.from, to: parsed.data.to, jurisdiction: parsed.data.jurisdiction ?? null };
}

/** The instants a period covers in a jurisdiction's time zone: [start of `from`, start of the day after `to`). */
export function periodBounds(period: RegisterPeriod, jurisdiction: Jurisdiction): { start: Date; end: Date } {
  const { timeZone } = businessCalendar(jurisdiction);
  const startOf = (isoDate: string) =>
    new Date(Temporal.PlainDate.from(isoDate).toZonedDateTime({ timeZone }).epochMilliseconds);
  return { start: startOf(period.from), end: startOf(formatIsoDay(parseIsoDay(period.to) + 1)) };
}
