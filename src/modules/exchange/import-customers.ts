import type { Readable } from 'node:stream';
import { type Kysely, sql, type Transaction } from 'kysely';
import { numberYear } from '../../db/number-year.ts';
import { nextNumbers } from '../../db/numbers.ts';
import type { DB } from '../../db/schema.ts';
import { newId } from '../../lib/ids.ts';
import { type AuditInput, appendAuditEvents } from '../audit/index.ts';
import { DEFAULT_TIME_ZONE } from '../customers/customer-schemas.ts';
import type { Actor } from '../users/actor.ts';
import { assertCan } from '../users/permissions.ts';
import { IMPORT_BATCH_SIZE, type ImportResult, ImportTally, runImportBatches } from './import-batches.ts';
import {
  CUSTOMER_IMPORT_COLUMNS,
  CUSTOMER_IMPORT_REQUIRED,
  type CustomerImportRow,
  customerChanges,
  isContactField,
  validateCustomerImportRow,
} from './import-customer-rows.ts';
import { checkColumns, type ImportFormat, readImportRecords } from './import-records.ts';

// `claimdesk import customers FILE`: an upsert keyed by (national_id_country, national_id), from
// CSV or JSON Lines, streamed, in batches of IMPORT_BATCH_SIZE rows. Per batch: one query locks and
// reads the customers the batch names; new ones are inserted with one statement, changed ones
// updated field by field, unchanged ones not written at all (so importing a file twice writes
// nothing the second time); the audit events of the batch go in with one statement, in the same
// transaction. Decisions (contact history, erased customers, desk edits): docs/exchange.md.

export async function importCustomers(opts: {
  db: Kysely<DB>;
  actor: Actor;
  source: Readable;
  format: ImportFormat;
  skipInvalid: boolean;
  dryRun: boolean;
  batchSize?: number;
  onBatch?: (rows: number) => void;
}): Promise<ImportResult> {
  const { actor } = opts;
  assertCan(actor, 'customers:create');
  const tally = new ImportTally();
  // Marks the rows this run wrote (updated_at), so a later row of the file naming the same
  // customer is told apart from a re-import, with no set of keys growing in memory.
  const stamp = new Date();
  const records = readImportRecords({
    source: opts.source,
    format: opts.format,
    columns: CUSTOMER_IMPORT_COLUMNS,
    checkHeader: (names) =>
      checkColumns(names, {
        columns: CUSTOMER_IMPORT_COLUMNS,
        required: CUSTOMER_IMPORT_REQUIRED,
        what: 'customer',
      }),
  });
  return runImportBatches({
    db: opts.db,
    records,
    batchSize: opts.batchSize ?? IMPORT_BATCH_SIZE,
    allOrNothing: !opts.skipInvalid,
    dryRun: opts.dryRun,
    tally,
    onBatch: opts.onBatch,
    write: (trx, batch) => writeBatch(trx, batch, { actor, tally, stamp }),
  });
}

const keyOf = (country: string, nationalId: string) => `${country}:${nationalId}`;

async function writeBatch(
  trx: Transaction<DB>,
  batch: { line: number; record: Record<string, string> }[],
  ctx: { actor: Actor; tally: ImportTally; stamp: Date },
): Promise<void> {
  const { tally, actor, stamp } = ctx;
  const rows: { line: number; row: CustomerImportRow }[] = [];
  const inBatch = new Map<string, number>();
  for (const { line, record } of batch) {
    const checked = validateCustomerImportRow(record);
    if (!checked.ok) {
      tally.invalid(line, checked.issues);
      continue;
    }
    const key = keyOf(checked.row.nationalIdCountry, checked.row.nationalId);
    const earlier = inBatch.get(key);
    if (earlier !== undefined) {
      tally.invalid(line, [duplicateIssue(earlier)]);
      continue;
    }
    inBatch.set(key, line);
    rows.push({ line, row: checked.row });
  }
  if (rows.length === 0) return;

  // Two imports at once would both insert a customer new to each: the second waits here instead.
  await sql`SELECT pg_advisory_xact_lock(hashtextextended('claimdesk.customer-import', 0))`.execute(trx);
  // Locked until the batch commits: a desk change to one of these customers waits, then sees the
  // new version (and an edit prepared on the old version is refused by its version check).
  const stored = await trx
    .selectFrom('customers')
    .selectAll()
    .where(
      sql<boolean>`(national_id_country, national_id) IN (SELECT * FROM unnest(${rows.map((r) => r.row.nationalIdCountry)}::text[], ${rows.map((r) => r.row.nationalId)}::text[]))`,
    )
    .forUpdate()
    .execute();
  const byKey = new Map(stored.map((c) => [keyOf(c.national_id_country, c.national_id), c]));

  const creations: { line: number; row: CustomerImportRow }[] = [];
  const audit: AuditInput[] = [];
  for (const { line, row } of rows) {
    const current = byKey.get(keyOf(row.nationalIdCountry, row.nationalId));
    if (!current) {
      creations.push({ line, row });
      continue;
    }
    if (current.erased_at) {
      tally.refused(line, {
        column: 'national_id',
        code: 'customer_erased',
        message: 'this customer was erased on request; an import never updates or revives an erased customer',
      });
      continue;
    }
    if (current.updated_at.getTime() === stamp.getTime()) {
      tally.invalid(line, [duplicateIssue(null)]);
      continue;
    }
    const changes = customerChanges(current, row.fields);
    if (changes.length === 0) {
      tally.counts.unchanged += 1;
      continue;
    }
    const set: Record<string, unknown> = {};
    for (const c of changes) set[c.field] = c.field === 'address' ? JSON.stringify(c.to) : c.to;
    await trx
      .updateTable('customers')
      .set({ ...set, version: sql<number>`version + 1`, updated_at: stamp })
      .where('id', '=', current.id)
      .execute();
    // Contact details keep their history as a verified account change does; the import is the
    // source (no change request, no staff user), the audit event says so.
    const contact = changes.filter((c) => isContactField(c.field));
    const history = contact.map((c) => ({
      id: newId(),
      customer_id: current.id,
      field: c.field as 'email' | 'phone' | 'address' | 'preferred_language',
      old_value: JSON.stringify(c.from),
      new_value: JSON.stringify(c.to),
      change_request_id: null,
      changed_by: null,
      changed_at: stamp,
    }));
    if (history.length > 0) await trx.insertInto('customer_contact_history').values(history).execute();
    for (const h of history) {
      audit.push({
        actor,
        action: 'customer.contact_changed',
        entityType: 'customer',
        entityId: current.id,
        customerId: current.id,
        data: { field: h.field, historyId: h.id, source: 'import', version: current.version + 1 },
      });
    }
    const other = changes.filter((c) => !isContactField(c.field)).map((c) => c.field);
    if (other.length > 0) {
      // Field names only: the values are personal data and stay in the customers table.
      audit.push({
        actor,
        action: 'customer.updated',
        entityType: 'customer',
        entityId: current.id,
        customerId: current.id,
        data: { fields: other, source: 'import', version: current.version + 1 },
      });
    }
    tally.counts.updated += 1;
  }

  if (creations.length > 0) {
    const numbers = await nextNumbers(trx, 'CUS', numberYear(), creations.length);
    const values = creations.map(({ row }, i) => ({
      id: newId(),
      customer_number: numbers[i] as string,
      given_name: row.fields.given_name,
      family_name: row.fields.family_name,
      preferred_language: row.fields.preferred_language,
      email: row.fields.email ?? null,
      phone: row.fields.phone ?? null,
      address: row.fields.address ? JSON.stringify(row.fields.address) : null,
      country: row.fields.country,
      national_id: row.nationalId,
      national_id_country: row.nationalIdCountry,
      birth_date: row.birthDate,
      time_zone: row.fields.time_zone ?? DEFAULT_TIME_ZONE[row.fields.country] ?? 'UTC',
      created_at: stamp,
      updated_at: stamp,
    }));
    await trx.insertInto('customers').values(values).execute();
    for (const v of values) {
      audit.push({
        actor,
        action: 'customer.created',
        entityType: 'customer',
        entityId: v.id,
        customerId: v.id,
        data: { customerNumber: v.customer_number, country: v.country, source: 'import' },
      });
    }
    tally.counts.created += creations.length;
  }
  await appendAuditEvents(trx, audit);
}

function duplicateIssue(earlierLine: number | null) {
  return {
    column: 'national_id',
    code: 'duplicate_in_file',
    message:
      earlierLine === null
        ? 'the same customer appears on an earlier row of this file'
        : `the same customer appears on row ${earlierLine} of this file`,
  };
}
