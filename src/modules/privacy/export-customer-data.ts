import type { Kysely } from 'kysely';
import type { DB } from '../../db/schema.ts';
import { AppError } from '../../lib/errors.ts';
import { recordAuditEvent } from '../audit/index.ts';
import type { Actor } from '../users/actor.ts';
import { assertCan, canSeeCustomer } from '../users/permissions.ts';
import { customerOwnedTables, customerRows, portableRow } from './customer-tables.ts';
import { type RetentionRule, retentionRuleOf } from './retention-rules.ts';

// Everything held about one customer (GDPR art. 15 access, art. 20 portability), as one JSON
// document: every row of every customer-owned table, document contents included (base64), with
// the retention rule that keeps each kind of record. Read in one repeatable-read transaction so that
// the tables agree with each other; the export itself is audited (who took a copy, and when).

export const EXPORT_FORMAT = 'claimdesk.customer-export.v1';

export type CustomerExport = {
  format: typeof EXPORT_FORMAT;
  generatedAt: string;
  customerId: string;
  /** Per table: how many rows, and the rule that decides how long they are kept. */
  tables: Record<string, { rows: number; retention: Omit<RetentionRule, 'tables'> | null }>;
  records: Record<string, Record<string, unknown>[]>;
};

export async function exportCustomerData(opts: {
  db: Kysely<DB>;
  actor: Actor;
  customerId: string;
}): Promise<CustomerExport> {
  const { db, actor, customerId } = opts;
  assertCan(actor, 'privacy:export');
  if (!canSeeCustomer(actor, customerId)) throw new AppError('not_found', 'No such customer.');
  return db
    .transaction()
    .setIsolationLevel('repeatable read')
    .execute(async (trx) => {
      const customer = await trx
        .selectFrom('customers')
        .selectAll()
        .where('id', '=', customerId)
        .executeTakeFirst();
      if (!customer) throw new AppError('not_found', 'No such customer.');
      const records: CustomerExport['records'] = {
        customers: [portableRow('customers', customer as unknown as Record<string, unknown>)],
      };
      for (const table of await customerOwnedTables(trx)) {
        const rows = await customerRows(trx, table, customerId);
        records[table] = rows.map((r) => portableRow(table, r));
      }
      const tables: CustomerExport['tables'] = {};
      for (const [table, rows] of Object.entries(records)) {
        const rule = retentionRuleOf(table);
        tables[table] = { rows: rows.length, retention: rule ? withoutTables(rule) : null };
      }
      await recordAuditEvent(trx, {
        actor,
        action: 'customer.data_exported',
        entityType: 'customer',
        entityId: customerId,
        customerId,
        data: { tables: Object.keys(records).length },
      });
      return {
        format: EXPORT_FORMAT,
        generatedAt: new Date().toISOString(),
        customerId,
        tables,
        records,
      };
    });
}

function withoutTables(rule: RetentionRule): Omit<RetentionRule, 'tables'> {
  const { tables: _tables, ...rest } = rule;
  return rest;
}
