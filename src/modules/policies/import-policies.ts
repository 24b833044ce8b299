import type { Readable } from 'node:stream';
import { type Kysely, sql, type Transaction } from 'kysely';
import type { DB } from '../../db/schema.ts';
import { AppError } from '../../lib/errors.ts';
import { recordAuditEvent } from '../audit/index.ts';
import { batchesOf, IMPORT_BATCH_SIZE } from '../exchange/import-batches.ts';
import {
  type ImportFormat,
  ImportSourceError,
  readImportRecords,
  type SourceRecord,
} from '../exchange/import-records.ts';
import type { Actor } from '../users/actor.ts';
import { assertCan } from '../users/permissions.ts';
import { createPolicy } from './create-policy.ts';
import {
  checkPolicyImportHeader,
  normalizedHolderId,
  POLICY_IMPORT_COLUMNS,
  type PolicyImportColumn,
  type PolicyImportRow,
  type RowIssue,
  validatePolicyImportRow,
} from './import-policies-csv.ts';
import type { NewPolicy } from './policy-schemas.ts';

// Bulk import of policies from CSV or JSON Lines (`claimdesk import policies FILE`), an upsert
// keyed by external_ref. The format (columns, separators, amounts) is documented in
// import-policies-csv.ts and in the command's --help; JSON Lines carries the same keys.
//
// - Streams: the file is read record by record with back-pressure; memory stays constant (only
//   the first MAX_REPORTED_ERRORS row errors are kept, the rest are counted).
// - Every new row is validated (schema, holder, product version, currency) and issued through the
//   ordinary `createPolicy` use case, so imported policies obey the same rules as the API,
//   including the overlap check, which also sees rows inserted earlier from the same file.
// - A row whose external_ref is known updates the fields a source system may change (ends_on,
//   premium, declared income, status), locked, with a `policy.updated` audit event; a row that
//   tries to change what identifies the sale (holder, product, version, currency, start) is
//   invalid. An unchanged row writes nothing (`alreadyImported`), so a re-import is idempotent.
// - By default one transaction for the whole file: if any row is invalid it is rolled back at the
//   end (nothing imported); `dryRun` always rolls back. With `skipInvalid` every
//   IMPORT_BATCH_SIZE rows are committed on their own. Each row's write runs in a SAVEPOINT, so a
//   row that fails inside PostgreSQL (which aborts the transaction) is undone alone.

export const MAX_REPORTED_ERRORS = 1000;

export type PolicyImportRowError = {
  /** Spreadsheet row number (the header is row 1, blank lines count), or JSON Lines line number. */
  row: number;
  column: PolicyImportColumn | null;
  code: string;
  message: string;
};

export type PolicyImportResult = {
  /** Data rows read (the header not counted). */
  rows: number;
  /** New rows that passed every check and were written (kept only when `committed`). */
  valid: number;
  /** Policies this run added to the database: `valid` when committed, else 0. */
  imported: number;
  /** Known policies changed by a row (kept only when `committed`). */
  updated: number;
  /** Rows whose external_ref was imported before with the same values: nothing written. */
  alreadyImported: number;
  /** Rows with at least one error. */
  invalidRows: number;
  /** Row errors in row order; at most MAX_REPORTED_ERRORS. */
  invalid: PolicyImportRowError[];
  /** Errors beyond MAX_REPORTED_ERRORS, counted but not listed. */
  omittedErrors: number;
  committed: boolean;
};

/** The source stream failed (missing file, permissions, a directory…): nothing was imported. */
export const PolicyImportSourceError = ImportSourceError;
export type PolicyImportSourceError = ImportSourceError;

/** Thrown inside the transaction to roll it back on purpose; never escapes `importPolicies`. */
class RollbackImport extends Error {}

const SAVEPOINT = sql.raw('policy_import_row');

class RowErrors {
  readonly list: PolicyImportRowError[] = [];
  invalidRows = 0;
  omitted = 0;

  add(row: number, issues: readonly { column: string | null; code: string; message: string }[]): void {
    this.invalidRows += 1;
    for (const issue of issues) {
      if (this.list.length < MAX_REPORTED_ERRORS) {
        this.list.push({ row, ...issue, column: issue.column as PolicyImportColumn | null });
      } else this.omitted += 1;
    }
  }
}

type Outcome = 'imported' | 'updated' | 'already_imported' | RowIssue[];

export async function importPolicies(opts: {
  db: Kysely<DB>;
  actor: Actor;
  /** The file as bytes (e.g. fs.createReadStream). Destroyed when the import ends. */
  source: Readable;
  /** Default csv. */
  format?: ImportFormat;
  skipInvalid: boolean;
  dryRun: boolean;
  batchSize?: number;
  /** Called after each batch of rows with the number of rows read so far. */
  onBatch?: (rows: number) => void;
}): Promise<PolicyImportResult> {
  const { db, actor } = opts;
  assertCan(actor, 'policies:create');

  const errors = new RowErrors();
  const counts = { rows: 0, valid: 0, updated: 0, alreadyImported: 0 };
  const records = readImportRecords({
    source: opts.source,
    format: opts.format ?? 'csv',
    columns: POLICY_IMPORT_COLUMNS,
    checkHeader: checkPolicyImportHeader,
  });
  const batches = batchesOf(records, opts.batchSize ?? IMPORT_BATCH_SIZE);
  const handle = async (rows: RowImporter, batch: SourceRecord[]) => {
    for (const item of batch) {
      counts.rows += 1;
      if ('issues' in item) {
        errors.add(item.line, item.issues);
        continue;
      }
      const outcome = await rows.importRow(item.record);
      if (outcome === 'imported') counts.valid += 1;
      else if (outcome === 'updated') counts.updated += 1;
      else if (outcome === 'already_imported') counts.alreadyImported += 1;
      else errors.add(item.line, outcome);
    }
    opts.onBatch?.(counts.rows);
  };

  let committed = false;
  try {
    if (opts.skipInvalid && !opts.dryRun) {
      // Rows created by an earlier batch of this run (committed, so no longer "now()") are still
      // this file's: `since` tells them from a re-import.
      const since = await startOfRun(db);
      for await (const batch of batches) {
        await db.transaction().execute((trx) => handle(new RowImporter(trx, actor, since), batch));
      }
    } else {
      await db.transaction().execute(async (trx) => {
        const rows = new RowImporter(trx, actor, null);
        for await (const batch of batches) await handle(rows, batch);
        if (opts.dryRun || (errors.invalidRows > 0 && !opts.skipInvalid)) throw new RollbackImport();
      });
    }
    committed = true;
  } catch (error) {
    if (!(error instanceof RollbackImport)) throw error;
  } finally {
    await records.return(undefined); // closes the source on an early exit
  }

  return {
    rows: counts.rows,
    valid: counts.valid,
    imported: committed ? counts.valid : 0,
    updated: counts.updated,
    alreadyImported: counts.alreadyImported,
    invalidRows: errors.invalidRows,
    invalid: errors.list.sort((a, b) => a.row - b.row),
    omittedErrors: errors.omitted,
    committed,
  };
}

/** The database's clock, which created_at is compared with (not this process's). */
async function startOfRun(db: Kysely<DB>): Promise<Date> {
  const { rows } = await sql<{ now: Date }>`SELECT clock_timestamp() AS now`.execute(db);
  return rows[0]?.now ?? new Date();
}

type PolicyTerms = {
  ends_on: string;
  premium_frequency: string;
  premium_amount: number;
  declared_annual_income: number | null;
  status: string;
};

/** The updatable terms that differ, in a fixed order. Pure. */
export function policyChanges(
  before: PolicyTerms,
  after: PolicyTerms,
): { field: keyof PolicyTerms; from: unknown; to: unknown }[] {
  return (Object.keys(before) as (keyof PolicyTerms)[])
    .filter((field) => before[field] !== after[field])
    .map((field) => ({ field, from: before[field], to: after[field] }));
}

type ProductLookup =
  | { found: 'nothing' }
  | { found: 'product'; currency: string }
  | { found: 'version'; currency: string; versionId: string; status: 'draft' | 'active' | 'retired' };

/** The per-row work inside the import transaction. */
class RowImporter {
  readonly #trx: Transaction<DB>;
  readonly #actor: Actor;
  // A file names few products; bounded anyway so a pathological file cannot grow it without limit.
  readonly #products = new Map<string, ProductLookup>();
  /** null: the whole run is this one transaction; else when the run started. */
  readonly #since: Date | null;

  constructor(trx: Transaction<DB>, actor: Actor, since: Date | null) {
    this.#trx = trx;
    this.#actor = actor;
    this.#since = since;
  }

  async importRow(record: Record<string, string>): Promise<Outcome> {
    const checked = validatePolicyImportRow(record);
    if (!checked.ok) return checked.issues;
    const row = checked.row;

    const existing = await this.#findByExternalRef(row.external_ref);
    if (existing?.in_this_import) {
      return [
        {
          column: 'external_ref',
          code: 'duplicate_in_file',
          message: `${JSON.stringify(row.external_ref)} appears on an earlier row of this file`,
        },
      ];
    }
    if (existing) return this.#update(existing.id, row);

    const issues: RowIssue[] = [];
    const holder = await this.#trx
      .selectFrom('customers')
      .select('id')
      .where('national_id_country', '=', row.holder_country)
      .where('national_id', '=', normalizedHolderId(row))
      .executeTakeFirst();
    if (!holder) {
      issues.push({
        column: 'holder_national_id',
        code: 'holder_not_found',
        message: `no customer has this ${row.holder_country === 'SE' ? 'personnummer' : 'codice fiscale'}; register the customer first`,
      });
    }
    const product = await this.#product(row.product_code, row.product_version);
    if (product.found === 'nothing') {
      issues.push({
        column: 'product_code',
        code: 'product_not_found',
        message: `no product with code ${JSON.stringify(row.product_code)}`,
      });
    } else if (product.found === 'product') {
      issues.push({
        column: 'product_version',
        code: 'product_version_not_found',
        message: `product ${row.product_code} has no version ${row.product_version}`,
      });
    } else if (product.status !== 'active') {
      issues.push({
        column: 'product_version',
        code: 'product_version_not_active',
        message: `version ${row.product_version} of ${row.product_code} is ${product.status}, not active`,
      });
    }
    if (product.found !== 'nothing' && product.currency !== row.currency) {
      issues.push({
        column: 'currency',
        code: 'currency_mismatch',
        message: `product ${row.product_code} is sold in ${product.currency}, not ${row.currency}`,
      });
    }
    if (issues.length > 0 || !holder || product.found !== 'version') return issues;

    if (row.status && row.status !== 'active') {
      return [
        {
          column: 'status',
          code: 'status_on_create',
          message: `a new policy is issued active; import it as active before it is ${row.status}`,
        },
      ];
    }
    return this.#insert(row, {
      customerId: holder.id,
      productVersionId: product.versionId,
      startsOn: row.starts_on,
      endsOn: row.ends_on,
      premiumSchedule: { frequency: row.premium_frequency, amountMinor: row.premium_amount },
      insuredPersons: [],
      declaredAnnualIncomeMinor: row.declared_annual_income,
      externalRef: row.external_ref,
    });
  }

  async #insert(row: PolicyImportRow, input: NewPolicy): Promise<Outcome> {
    const trx = this.#trx;
    await sql`SAVEPOINT ${SAVEPOINT}`.execute(trx);
    try {
      await createPolicy({ db: trx, actor: this.#actor, input });
      await sql`RELEASE SAVEPOINT ${SAVEPOINT}`.execute(trx);
      return 'imported';
    } catch (error) {
      // Undo this row only; the transaction stays usable on PostgreSQL after a failed statement.
      await sql`ROLLBACK TO SAVEPOINT ${SAVEPOINT}`.execute(trx);
      await sql`RELEASE SAVEPOINT ${SAVEPOINT}`.execute(trx);
      if (!(error instanceof AppError)) throw error;
      // A concurrent import of the same file committed this row while we waited for its locks.
      if (error.code === 'external_ref_exists' || (await this.#findByExternalRef(row.external_ref))) {
        return 'already_imported';
      }
      return [await this.#describe(error)];
    }
  }

  async #describe(error: AppError): Promise<RowIssue> {
    switch (error.code) {
      case 'policy_period_overlap': {
        const number = String(error.extra.conflictingPolicyNumber ?? '');
        const other = await this.#trx
          .selectFrom('policies')
          .select(['external_ref', sql<boolean>`created_at = now()`.as('in_this_import')])
          .where('policy_number', '=', number)
          .executeTakeFirst();
        const message = other?.in_this_import
          ? `overlaps the period of the row with external_ref ${JSON.stringify(other.external_ref)} earlier in this file (same holder and product)`
          : `the holder already has policy ${number}${other?.external_ref ? ` (external_ref ${JSON.stringify(other.external_ref)})` : ''} for this product in an overlapping period`;
        return { column: 'starts_on', code: error.code, message };
      }
      case 'policy_period_invalid':
        return { column: 'ends_on', code: error.code, message: error.message };
      case 'customer_not_found':
        return { column: 'holder_national_id', code: error.code, message: error.message };
      case 'product_version_not_found':
      case 'product_version_not_active':
        return { column: 'product_version', code: error.code, message: error.message };
      default:
        return { column: null, code: error.code, message: error.message };
    }
  }

  /**
   * `in_this_import` tells a row inserted earlier in this transaction (created_at defaults to
   * now(), which is the transaction's start time) from one imported before: the first is a
   * duplicate within the file, the second a re-import. Keeps memory constant (no set of refs).
   */
  #findByExternalRef(externalRef: string) {
    const mine = this.#since ? sql<boolean>`created_at >= ${this.#since}` : sql<boolean>`created_at = now()`;
    return this.#trx
      .selectFrom('policies')
      .select(['id', 'policy_number', mine.as('in_this_import')])
      .where('external_ref', '=', externalRef)
      .executeTakeFirst();
  }

  /**
   * A row for a known policy: the identifying columns must match what is stored; the updatable
   * ones that differ are written with a new version and one audit event listing old and new
   * values (contract terms, not personal data). The policy row is locked first, so a desk change
   * in flight either lands before (and is compared against) or waits and sees the new version.
   */
  async #update(policyId: string, row: PolicyImportRow): Promise<Outcome> {
    const trx = this.#trx;
    const stored = await trx
      .selectFrom('policies')
      .innerJoin('customers', 'customers.id', 'policies.customer_id')
      .innerJoin('products', 'products.id', 'policies.product_id')
      .innerJoin('product_versions', 'product_versions.id', 'policies.product_version_id')
      .select([
        'policies.id',
        'policies.policy_number',
        'policies.customer_id',
        'policies.product_id',
        'policies.starts_on',
        'policies.ends_on',
        'policies.currency',
        'policies.status',
        'policies.premium_schedule',
        'policies.declared_annual_income_minor',
        'policies.version',
        'customers.national_id',
        'customers.national_id_country',
        'products.code as product_code',
        'product_versions.version as product_version',
      ])
      .where('policies.id', '=', policyId)
      .forUpdate()
      .executeTakeFirstOrThrow();
    const issues: RowIssue[] = [];
    const notUpdatable = (column: PolicyImportColumn, shown: string) =>
      issues.push({
        column,
        code: 'not_updatable',
        message: `differs from policy ${stored.policy_number}${shown}; an import may change ends_on, premium, declared_annual_income and status only — issue a new policy instead`,
      });
    if (stored.national_id_country !== row.holder_country || stored.national_id !== normalizedHolderId(row)) {
      notUpdatable('holder_national_id', ''); // the stored number is personal data: not shown
    }
    if (stored.product_code !== row.product_code) notUpdatable('product_code', ` (${stored.product_code})`);
    if (stored.product_version !== row.product_version) {
      notUpdatable('product_version', ` (version ${stored.product_version})`);
    }
    if (stored.currency !== row.currency) notUpdatable('currency', ` (${stored.currency})`);
    if (stored.starts_on !== row.starts_on) notUpdatable('starts_on', ` (${stored.starts_on})`);
    if (issues.length > 0) return issues;

    const schedule = stored.premium_schedule;
    const next = {
      ends_on: row.ends_on,
      premium_frequency: row.premium_frequency,
      premium_amount: row.premium_amount,
      declared_annual_income: row.declared_annual_income ?? stored.declared_annual_income_minor,
      status: row.status ?? stored.status,
    };
    const before = {
      ends_on: stored.ends_on,
      premium_frequency: schedule.frequency,
      premium_amount: schedule.amountMinor,
      declared_annual_income: stored.declared_annual_income_minor,
      status: stored.status,
    };
    const changes = policyChanges(before, next);
    if (changes.length === 0) return 'already_imported';

    // Longer cover, or cover again: the same overlap rule as issuing a policy.
    if (next.status !== 'cancelled' && (next.ends_on > before.ends_on || before.status === 'cancelled')) {
      const overlapping = await trx
        .selectFrom('policies')
        .select(['policy_number', 'external_ref'])
        .where('customer_id', '=', stored.customer_id)
        .where('product_id', '=', stored.product_id)
        .where('id', '!=', stored.id)
        .where('status', '!=', 'cancelled')
        .where('starts_on', '<', next.ends_on)
        .where('ends_on', '>', stored.starts_on)
        .executeTakeFirst();
      if (overlapping) {
        return [
          {
            column: 'ends_on',
            code: 'policy_period_overlap',
            message: `the holder already has policy ${overlapping.policy_number}${overlapping.external_ref ? ` (external_ref ${JSON.stringify(overlapping.external_ref)})` : ''} for this product in the period this change would cover`,
          },
        ];
      }
    }
    await trx
      .updateTable('policies')
      .set({
        ends_on: next.ends_on,
        status: next.status,
        declared_annual_income_minor: next.declared_annual_income,
        // The schedule has no history: the new premium applies from its first due date on.
        premium_schedule: JSON.stringify({
          ...schedule,
          frequency: next.premium_frequency,
          amountMinor: next.premium_amount,
        }),
        version: sql<number>`version + 1`,
      })
      .where('id', '=', stored.id)
      .execute();
    await recordAuditEvent(trx, {
      actor: this.#actor,
      action: 'policy.updated',
      entityType: 'policy',
      entityId: stored.id,
      customerId: stored.customer_id,
      data: {
        policyNumber: stored.policy_number,
        source: 'import',
        version: stored.version + 1,
        changes: Object.fromEntries(changes.map((c) => [c.field, { from: c.from, to: c.to }])),
      },
    });
    return 'updated';
  }

  async #product(code: string, version: number): Promise<ProductLookup> {
    const key = `${code}\u0000${version}`;
    const cached = this.#products.get(key);
    if (cached) return cached;
    const found = await this.#trx
      .selectFrom('products')
      .leftJoin('product_versions', (join) =>
        join
          .onRef('product_versions.product_id', '=', 'products.id')
          .on('product_versions.version', '=', version),
      )
      .select(['products.currency', 'product_versions.id as version_id', 'product_versions.status'])
      .where('products.code', '=', code)
      .executeTakeFirst();
    const lookup: ProductLookup = !found
      ? { found: 'nothing' }
      : found.version_id && found.status
        ? { found: 'version', currency: found.currency, versionId: found.version_id, status: found.status }
        : { found: 'product', currency: found.currency };
    if (this.#products.size >= 1000) this.#products.clear();
    this.#products.set(key, lookup);
    return lookup;
  }
}
