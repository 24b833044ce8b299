import type { Kysely, Transaction } from 'kysely';
import type { DB } from '../../db/schema.ts';
import {
  type CalendarCode,
  configureAdminClosedDays,
  configureAdminDeadlineClocks,
  type DeadlinePolicy,
} from '../deadlines/index.ts';

// The administrator's deadline settings (migration 20261121232000_admin_edits): stored here, applied
// to the deadline engine's process-wide configuration. The process that takes an edit applies it at
// once, inside the edit's transaction, so the clocks it realigns already count with it (and
// restores the previous settings if the transaction fails). Every other process — more servers, a
// separate `claimdesk worker` — re-reads the stored settings every 30 s (keepDeadlineSettingsFresh),
// so an edit reaches them within that time. A database that is down when a process starts does not
// stop it: it counts with the shipped settings and keeps trying (and it cannot serve anything that
// needs the database meanwhile anyway).

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

/** Edits running in this process: a refresh must not put the committed settings back under them. */
let editsInFlight = 0;

/** Runs an edit's transaction with the periodic refresh held off. */
export async function duringSettingsEdit<T>(work: () => Promise<T>): Promise<T> {
  editsInFlight++;
  try {
    return await work();
  } finally {
    editsInFlight--;
  }
}

export const SETTINGS_REFRESH_MS = 30_000;

/**
 * Applies the stored settings now and every `everyMs`; failures are logged and retried at the next
 * tick. `ready` settles after the first attempt (it never rejects); `stop` ends the refresh.
 */
export function keepDeadlineSettingsFresh(
  db: Kysely<DB>,
  log: { warn: (obj: object, msg: string) => void },
  everyMs = SETTINGS_REFRESH_MS,
): { ready: Promise<void>; stop: () => void } {
  const refresh = async () => {
    if (editsInFlight > 0) return;
    try {
      await applyAdminDeadlineSettings(db);
    } catch (err) {
      log.warn({ err }, 'deadline settings could not be read; counting with the last ones applied');
    }
  };
  const timer = setInterval(() => void refresh(), everyMs);
  timer.unref();
  return { ready: refresh(), stop: () => clearInterval(timer) };
}
