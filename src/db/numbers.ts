import { sql, type Transaction } from 'kysely';
import type { DB } from './schema.ts';

// Readable numbers for people on the phone: CLM-2026-000123. A counter row per prefix and year,
// incremented inside the caller's transaction: a rolled-back registration gives its number back,
// so numbers stay gap-free, and the row lock orders concurrent registrations.

export type NumberPrefix = 'CLM' | 'POL' | 'CUS' | 'CASE' | 'RFR' | 'PAY' | 'PBT' | 'REC';

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

/**
 * Reserves `count` consecutive numbers with one statement (bulk intake) and returns the first
 * value; the range is first … first + count − 1. Same counter row and row lock as `nextNumber`, so
 * a rolled-back batch gives its whole range back and numbers stay gap-free. With count 0 it only
 * locks the counter row until the transaction ends and tells the next free number.
 */
export async function reserveNumberRange(
  trx: Transaction<DB>,
  prefix: NumberPrefix,
  year: number,
  count: number,
): Promise<number> {
  if (!Number.isSafeInteger(count) || count < 0) throw new RangeError(`count must be ≥ 0, got ${count}`);
  const row = await sql<{ last_value: number | string }>`
    INSERT INTO number_counters (prefix, year, last_value) VALUES (${prefix}, ${year}, ${count})
    ON CONFLICT (prefix, year) DO UPDATE SET last_value = number_counters.last_value + ${count}
    RETURNING last_value`.execute(trx);
  const last = row.rows[0]?.last_value;
  if (last === undefined) throw new Error('number counter returned no row');
  return Number(last) - count + 1;
}

/** `count` consecutive readable numbers (CLM-2026-000124 …), reserved with one statement. */
export async function nextNumbers(
  trx: Transaction<DB>,
  prefix: NumberPrefix,
  year: number,
  count: number,
): Promise<string[]> {
  if (count === 0) return [];
  const first = await reserveNumberRange(trx, prefix, year, count);
  return Array.from({ length: count }, (_, i) => formatNumber(prefix, year, first + i));
}
