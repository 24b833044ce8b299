import { createHash } from 'node:crypto';
import type { Kysely } from 'kysely';
import { z } from 'zod';
import type { DB } from '../../db/schema.ts';
import { inTransaction } from '../../db/transaction.ts';
import { AppError, fieldError } from '../../lib/errors.ts';
import { recordAuditEvent } from '../audit/index.ts';
import { businessCalendar, type CalendarCode, deadlinePolicy, isBusinessDay } from '../deadlines/index.ts';
import { type Actor, actorId } from '../users/actor.ts';
import { assertCan } from '../users/permissions.ts';
import {
  applyAdminDeadlineSettings,
  duringSettingsEdit,
  readClosedDays,
  settingsDb,
} from './admin-deadline-settings.ts';
import { realignLiveClocks } from './realign-live-clocks.ts';

// An administrator's edits to the deadline configuration. Only a company's own promises (the
// policies marked configurable: internal service levels, the Swedish complaints policy) change
// here; the law's deadlines change with the law, in code. A calendar takes extra closed days (an
// office closed for a local holiday or a move); public holidays come from the law's own list and
// stay. Each edit is applied to the engine inside its transaction, so the live clocks it touches
// are realigned with the new settings (and the settings put back if anything fails), and audited.

export const DeadlinePolicyPatchSchema = z
  .object({
    version: z
      .number()
      .int()
      .min(0)
      .describe('The policy’s `version` as read (0: never edited); 409 when stale'),
    clock: z.object({
      unit: z.enum(['calendar_days', 'business_days', 'business_hours']),
      amount: z.number().int().min(1).max(365),
    }),
    reason: z.string().trim().min(1).max(500).optional().describe('Kept in the audit trail'),
  })
  .strict()
  .meta({ id: 'DeadlinePolicyPatch' });
export type DeadlinePolicyPatch = z.infer<typeof DeadlinePolicyPatchSchema>;

export const ClosedDayInputSchema = z
  .object({
    date: z.iso.date(),
    reason: z.string().trim().min(1).max(200).describe('Why the office is closed (shown beside the day)'),
  })
  .strict()
  .meta({ id: 'NewClosedDay' });
export type ClosedDayInput = z.infer<typeof ClosedDayInputSchema>;

/**
 * The audit trail keys entities by uuid; a policy and a calendar are known by code, so each gets a
 * fixed name-based uuid (SHA-256 of the name, version nibble 5 as in RFC 9562 name-based ids): its
 * history is then one entity's, found again from the code alone.
 */
export function configEntityId(name: string): string {
  const h = createHash('sha256').update(name).digest('hex');
  const variant = ((Number.parseInt(h[16] ?? '0', 16) & 0x3) | 0x8).toString(16);
  return `${h.slice(0, 8)}-${h.slice(8, 12)}-5${h.slice(13, 16)}-${variant}${h.slice(17, 20)}-${h.slice(20, 32)}`;
}

/** Sets a configurable policy's clock; returns how many live clocks moved. */
export async function editDeadlinePolicy(opts: {
  db: Kysely<DB>;
  actor: Actor;
  code: string;
  input: DeadlinePolicyPatch;
  now?: Date;
}): Promise<{ realignedClocks: number }> {
  assertCan(opts.actor, 'deadlines:configure');
  const now = opts.now ?? new Date();
  let shipped: ReturnType<typeof deadlinePolicy>;
  try {
    shipped = deadlinePolicy(opts.code);
  } catch {
    throw new AppError('not_found', 'No such deadline policy.');
  }
  if (!shipped.configurable) {
    throw new AppError(
      'deadline_policy_set_by_law',
      `${opts.code} is set by law (${shipped.source}); it changes in code, not here.`,
    );
  }
  // A deadline counted in hours stays in hours (a 4-hour urgent referral is not "4 days"), and
  // one in days stays in days: the clock's meaning for work already running must not flip.
  const hours = shipped.clock.unit === 'business_hours';
  if (hours !== (opts.input.clock.unit === 'business_hours')) {
    throw fieldError(
      'validation_failed',
      ['clock', 'unit'],
      hours ? 'This policy counts business hours.' : 'This policy counts days (calendar or business days).',
      'unit_not_allowed',
    );
  }
  let restore: (() => void) | undefined;
  try {
    return await duringSettingsEdit(() =>
      inTransaction(opts.db, async (trx) => {
        const s = settingsDb(trx);
        const row = await s
          .selectFrom('deadline_policy_settings')
          .selectAll()
          .where('code', '=', opts.code)
          .forUpdate()
          .executeTakeFirst();
        const current = row?.version ?? 0;
        if (current !== opts.input.version) {
          throw new AppError(
            'version_conflict',
            `The policy is at version ${current}, not ${opts.input.version}.`,
            {
              extra: { currentVersion: current },
            },
          );
        }
        const before = deadlinePolicy(opts.code).clock;
        const { unit, amount } = opts.input.clock;
        if (row) {
          await s
            .updateTable('deadline_policy_settings')
            .set({
              clock_unit: unit,
              clock_amount: amount,
              version: current + 1,
              updated_by: actorId(opts.actor),
              updated_at: now,
            })
            .where('code', '=', opts.code)
            .execute();
        } else {
          await s
            .insertInto('deadline_policy_settings')
            .values({
              code: opts.code,
              clock_unit: unit,
              clock_amount: amount,
              version: 1,
              updated_by: actorId(opts.actor),
              updated_at: now,
            })
            .execute();
        }
        restore = await applyAdminDeadlineSettings(trx);
        const realignedClocks = await realignLiveClocks(trx, {
          actor: opts.actor,
          reason: `${opts.code} is now ${amount} ${unit.replace('_', ' ')} (set by an administrator).`,
          policyCode: opts.code,
          now,
        });
        await recordAuditEvent(trx, {
          actor: opts.actor,
          action: 'deadline_policy.updated',
          entityType: 'deadline_policy',
          entityId: configEntityId(`deadline_policy:${opts.code}`),
          customerId: null,
          reason: opts.input.reason ?? null,
          data: { code: opts.code, before, after: { unit, amount }, version: current + 1, realignedClocks },
        });
        return { realignedClocks };
      }),
    );
  } catch (error) {
    restore?.();
    throw error;
  }
}

/** Adds or removes an extra closed day of a country's calendar; returns how many live clocks moved. */
export async function editClosedDay(opts: {
  db: Kysely<DB>;
  actor: Actor;
  country: CalendarCode;
  change: { add: ClosedDayInput } | { remove: string };
  now?: Date;
}): Promise<{ realignedClocks: number }> {
  assertCan(opts.actor, 'deadlines:configure');
  const now = opts.now ?? new Date();
  const date = 'add' in opts.change ? opts.change.add.date : opts.change.remove;
  let restore: (() => void) | undefined;
  try {
    return await duringSettingsEdit(() =>
      inTransaction(opts.db, async (trx) => {
        const s = settingsDb(trx);
        // One edit of a calendar at a time: the realignment below reads the whole calendar.
        await s
          .selectFrom('business_calendar_closed_days')
          .select('day')
          .where('country', '=', opts.country)
          .forUpdate()
          .execute();
        const existing = (await readClosedDays(trx, opts.country)).find((d) => d.day === date);
        if ('add' in opts.change) {
          if (existing) {
            throw fieldError(
              'validation_failed',
              ['date'],
              `${date} is already a closed day in ${opts.country}.`,
              'already_closed',
            );
          }
          if (!isBusinessDay(businessCalendar(opts.country), date)) {
            throw fieldError(
              'validation_failed',
              ['date'],
              `${date} is not a working day in ${opts.country} anyway (a weekend, a public holiday or an existing closed day).`,
              'not_a_working_day',
            );
          }
          await s
            .insertInto('business_calendar_closed_days')
            .values({
              country: opts.country,
              day: date,
              reason: opts.change.add.reason,
              added_by: actorId(opts.actor),
              added_at: now,
            })
            .execute();
        } else {
          if (!existing)
            throw new AppError('not_found', `${date} is not a closed day added in ${opts.country}.`);
          await s
            .deleteFrom('business_calendar_closed_days')
            .where('country', '=', opts.country)
            .where('day', '=', date)
            .execute();
        }
        restore = await applyAdminDeadlineSettings(trx);
        const realignedClocks = await realignLiveClocks(trx, {
          actor: opts.actor,
          reason: `${date} ${'add' in opts.change ? 'closed' : 'open again'} in the ${opts.country} calendar (set by an administrator).`,
          calendar: opts.country,
          // A day after a clock's due date cannot move it (a day before it can, either way).
          dueFrom: new Date(`${date}T00:00:00Z`),
          now,
        });
        await recordAuditEvent(trx, {
          actor: opts.actor,
          action: 'add' in opts.change ? 'business_calendar.day_closed' : 'business_calendar.day_reopened',
          entityType: 'business_calendar',
          entityId: configEntityId(`business_calendar:${opts.country}`),
          customerId: null,
          reason: 'add' in opts.change ? opts.change.add.reason : (existing?.reason ?? null),
          data: { country: opts.country, date, realignedClocks },
        });
        return { realignedClocks };
      }),
    );
  } catch (error) {
    restore?.();
    throw error;
  }
}
