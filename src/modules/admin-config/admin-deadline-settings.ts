import type { Kysely, Transaction } from 'kysely';
import type { DB } from '../../db/schema.ts';
import {
  type CalendarCode,
  configureAdminClosedDays,
  configureAdminDeadlineClocks,
  type DeadlinePolicy,
} from '../deadlines/index.ts';

// The administrator's deadline settings (migration 20261121232000_admin_edits): stored here, applied
// to the deadline engine's process-wide configuration. Every server process applies them when it
// starts (routes.ts, onReady); the process that takes an edit applies it at once, inside the edit's
// transaction, so the clocks it realigns already count with it (and restores the previous settings
// if the transaction fails). Another running process — a separate `claimdesk worker` — picks an
// edit up at its next start.

export type SettingsTables = {
  deadline_policy_settings: {
    code: string;
    clock_unit: 'calendar_days' | 'business_days' | 'business_hours';
    clock_amount: number;
    version: number;
    updated_by: string | null;
    updated_at: Date;
  };
  business_calendar_closed_days: {
    country: CalendarCode;
    day: string;
    reason: string;
    added_by: string | null;
    added_at: Date;
  };
};

type AnyDb = Kysely<DB> | Transaction<DB>;

/** The shared database handle with the two settings tables typed (they are this module's alone). */
export function settingsDb(db: AnyDb) {
  return db.withTables<SettingsTables>();
}

export async function readPolicySettings(db: AnyDb) {
  return settingsDb(db).selectFrom('deadline_policy_settings').selectAll().orderBy('code').execute();
}

export async function readClosedDays(db: AnyDb, country?: CalendarCode) {
  let q = settingsDb(db).selectFrom('business_calendar_closed_days').selectAll();
  if (country) q = q.where('country', '=', country);
  const rows = await q.orderBy('country').orderBy('day').execute();
  // PGlite and node-postgres both hand `date` back as text here (the pool's type parsers); keep it so.
  return rows.map((r) => ({ ...r, day: String(r.day).slice(0, 10) }));
}

/** Applies what is stored to the engine; returns a function putting the previous settings back. */
export async function applyAdminDeadlineSettings(db: AnyDb): Promise<() => void> {
  const [policies, days] = await Promise.all([readPolicySettings(db), readClosedDays(db)]);
  const clocks = new Map<string, DeadlinePolicy['clock']>(
    policies.map((p) => [p.code, { unit: p.clock_unit, amount: p.clock_amount }]),
  );
  const restoreClocks = configureAdminDeadlineClocks(clocks);
  const previousDays = new Map<CalendarCode, string[]>();
  for (const country of ['SE', 'IT'] as const) {
    previousDays.set(country, appliedDays.get(country) ?? []);
    const list = days.filter((d) => d.country === country).map((d) => d.day);
    appliedDays.set(country, list);
    configureAdminClosedDays(country, list);
  }
  return () => {
    restoreClocks();
    for (const [country, list] of previousDays) {
      appliedDays.set(country, list);
      configureAdminClosedDays(country, list);
    }
  };
}

const appliedDays = new Map<CalendarCode, string[]>();
