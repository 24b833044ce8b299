import Holidays from 'date-holidays';
import { z } from 'zod';
import { daysFromCivil, formatIsoDay, isoWeekday } from '../../lib/day-number.ts';
import {
  type BusinessCalendar,
  businessCalendar,
  type CalendarCode,
  type ClosedDay,
  isBusinessDay,
  type Weekday,
} from '../deadlines/index.ts';
import { LocalizedSchema } from '../products/product-config-schema.ts';
import type { Actor } from '../users/actor.ts';
import { assertCan } from '../users/permissions.ts';

// A country's business calendar for one year, as the deadline engine uses it: office hours per
// weekday and every day the office is closed beyond its weekly closed days. Which days are closed
// is asked of the engine itself (isBusinessDay), so this view cannot disagree with the clocks; the
// names come from the same holiday data the engine reads, in sv/it/en.

const WEEKDAYS: readonly Weekday[] = ['mon', 'tue', 'wed', 'thu', 'fri', 'sat', 'sun'];
const LANGUAGES = ['sv', 'it', 'en'] as const;

const Hours = z.object({ opens: z.string(), closes: z.string() }).nullable();

export const BusinessCalendarViewSchema = z
  .object({
    country: z.enum(['SE', 'IT']),
    year: z.number().int(),
    timeZone: z.string(),
    officeHours: z.object({
      mon: Hours,
      tue: Hours,
      wed: Hours,
      thu: Hours,
      fri: Hours,
      sat: Hours,
      sun: Hours,
    }),
    extraClosedRules: z
      .array(z.string())
      .describe('closed on top of public holidays: MM-DD yearly, YYYY-MM-DD once, or "fri on/after 06-19"'),
    closedDays: z.array(
      z.object({
        date: z.string(),
        weekday: z.enum(['mon', 'tue', 'wed', 'thu', 'fri', 'sat', 'sun']),
        kind: z
          .enum(['public_holiday', 'extra_closed_day'])
          .describe('a public holiday in law, or a day the office closes on top of them'),
        name: LocalizedSchema.nullable(),
        onClosedWeekday: z.boolean().describe('falls on a weekday the office is closed anyway'),
        addedByAdministrator: z
          .boolean()
          .describe(
            'an extra closed day an administrator added (POST …/closed-days/{date}/reopen removes it)',
          ),
        reason: z.string().nullable().describe('why, for a day an administrator added'),
      }),
    ),
  })
  .meta({ id: 'BusinessCalendarView' });

export type BusinessCalendarView = z.infer<typeof BusinessCalendarViewSchema>;

function ruleText(c: ClosedDay): string {
  return typeof c === 'string' ? c : `${c.weekday} on/after ${c.onOrAfter}`;
}

/** Every named day of the year (any type, so that e.g. midsommarafton has its name) by date. */
function namesByDate(
  country: CalendarCode,
  year: number,
): Map<string, { sv: string; it: string; en: string }> {
  const engine = new Holidays(country);
  const names = new Map<string, { sv: string; it: string; en: string }>();
  for (const language of LANGUAGES) {
    for (const h of engine.getHolidays(year, language)) {
      const date = h.date.slice(0, 10);
      const entry = names.get(date) ?? { sv: h.name, it: h.name, en: h.name };
      entry[language] = h.name;
      names.set(date, entry);
    }
  }
  return names;
}

function publicHolidayDates(country: CalendarCode, year: number): Set<string> {
  const engine = new Holidays(country, { types: ['public'] });
  return new Set(
    engine
      .getHolidays(year)
      .filter((h) => h.type === 'public')
      .map((h) => h.date.slice(0, 10)),
  );
}

export function businessCalendarView(opts: {
  actor: Actor;
  country: CalendarCode;
  year: number;
  /** The extra closed days administrators added (admin-deadline-settings.ts), with their reasons. */
  adminDays?: readonly { day: string; reason: string }[];
}): BusinessCalendarView {
  const added = new Map((opts.adminDays ?? []).map((d) => [d.day, d.reason]));
  assertCan(opts.actor, 'settings:read');
  const cal: BusinessCalendar = businessCalendar(opts.country);
  const names = namesByDate(opts.country, opts.year);
  const publicDates = publicHolidayDates(opts.country, opts.year);
  const closedDays: BusinessCalendarView['closedDays'] = [];
  const first = daysFromCivil(opts.year, 1, 1);
  const last = daysFromCivil(opts.year, 12, 31);
  for (let day = first; day <= last; day++) {
    const date = formatIsoDay(day);
    const weekday = WEEKDAYS[isoWeekday(day) - 1] as Weekday;
    const closedWeekday = cal.officeHours[weekday] === null;
    const isPublic = publicDates.has(date);
    // A weekday the office opens that the engine says is closed is an extra closed day; a public
    // holiday is listed even on a weekend, so the year's holidays read complete.
    const extra = !isPublic && !closedWeekday && !isBusinessDay(cal, date);
    if (!isPublic && !extra) continue;
    closedDays.push({
      date,
      weekday,
      kind: isPublic ? 'public_holiday' : 'extra_closed_day',
      name: names.get(date) ?? null,
      onClosedWeekday: closedWeekday,
      addedByAdministrator: added.has(date),
      reason: added.get(date) ?? null,
    });
  }
  return {
    country: opts.country,
    year: opts.year,
    timeZone: cal.timeZone,
    officeHours: { ...cal.officeHours },
    extraClosedRules: cal.extraClosedDays.map(ruleText),
    closedDays,
  };
}
