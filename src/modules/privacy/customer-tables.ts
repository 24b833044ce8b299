import { sql } from 'kysely';
import type { Executor } from '../../db/transaction.ts';

// Every customer-owned row carries customer_id (the foundation's rule, so that tables can be
// distributed by customer). The export and the erasure therefore ask the database which tables have
// that column instead of keeping a list: a table added next year is exported without anyone
// remembering to add it, and a test fails until a retention rule names it.

/** Columns never handed out, even to the customer they belong to. */
export const WITHHELD_COLUMNS: Readonly<Record<string, readonly string[]>> = {
  users: ['password_hash'],
};

/** The tables with a customer_id column, in name order. */
export async function customerOwnedTables(db: Executor): Promise<string[]> {
  const { rows } = await sql<{ table_name: string }>`
    SELECT c.table_name FROM information_schema.columns c
    JOIN information_schema.tables t ON t.table_schema = c.table_schema AND t.table_name = c.table_name
    WHERE c.table_schema = current_schema() AND c.column_name = 'customer_id' AND t.table_type = 'BASE TABLE'
    ORDER BY c.table_name`.execute(db);
  return rows.map((r) => r.table_name);
}

/** A row as JSON can carry it: dates as ISO text, binary content as base64. */
export function portableRow(table: string, row: Record<string, unknown>): Record<string, unknown> {
  const withheld = WITHHELD_COLUMNS[table] ?? [];
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(row)) {
    if (withheld.includes(k)) continue;
    if (v instanceof Date) out[k] = v.toISOString();
    else if (v instanceof Uint8Array) out[k] = { base64: Buffer.from(v).toString('base64') };
    else if (typeof v === 'bigint') out[k] = v.toString();
    else out[k] = v;
  }
  return out;
}

/** All of one customer's rows in `table`, oldest first where the table says (its first column otherwise). */
export async function customerRows(
  db: Executor,
  table: string,
  customerId: string,
): Promise<Record<string, unknown>[]> {
  const { rows } = await sql<Record<string, unknown>>`
    SELECT * FROM ${sql.table(table)} WHERE customer_id = ${customerId} ORDER BY 1`.execute(db);
  return rows;
}
