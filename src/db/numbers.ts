import { sql, type Transaction } from 'kysely';
import type { DB } from './schema.ts';

// Readable numbers for people on the phone: CLM-2026-000123. A counter row per prefix and year,
// incremented inside the caller's transaction: a rolled-back registration gives its number back,
// so numbers stay gap-free, and the row lock orders concurrent registrations.

export type NumberPrefix = 'CLM' | 'POL' | 'CUS';

export async function nextNumber(trx: Transaction<DB>, prefix: NumberPrefix, year: number): Promise<string> {
  const row = await sql<{ last_value: number }>`
    INSERT INTO number_counters (prefix, year, last_value) VALUES (${prefix}, ${year}, 1)
    ON CONFLICT (prefix, year) DO UPDATE SET last_value = number_counters.last_value + 1
    RETURNING last_value`.execute(trx);
  const value = row.rows[0]?.last_value;
  if (value === undefined) throw new Error('number counter returned no row');
  return formatNumber(prefix, year, value);
}

export function formatNumber(prefix: NumberPrefix, year: number, value: number): string {
  return `${prefix}-${year}-${String(value).padStart(6, '0')}`;
}
