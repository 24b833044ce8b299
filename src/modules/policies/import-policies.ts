import type { Readable } from 'node:stream';
import { type CsvError, parse } from 'csv-parse';
import { type Kysely, sql, type Transaction } from 'kysely';
import type { DB } from '../../db/schema.ts';
import { AppError } from '../../lib/errors.ts';
import type { Actor } from '../users/actor.ts';
import { assertCan } from '../users/permissions.ts';
import { createPolicy } from './create-policy.ts';
import {
  checkPolicyImportHeader,
  emptyFileError,
  malformedCsvError,
  normalizedHolderId,
  type PolicyImportColumn,
  type PolicyImportRow,
  type RowIssue,
  validatePolicyImportRow,
} from './import-policies-csv.ts';
import type { NewPolicy } from './policy-schemas.ts';

// Bulk import of policies from CSV (`claimdesk import policies FILE.csv`). The format (columns,
// separators, amounts) is documented in import-policies-csv.ts and in the command's --help.
//
// - Streams: the file is parsed record by record with back-pressure; memory stays constant (only
//   the first MAX_REPORTED_ERRORS row errors are kept, the rest are counted).
// - Every row is validated (schema, holder, product version, currency) and issued through the
//   ordinary `createPolicy` use case, so imported policies obey the same rules as the API,
//   including the overlap check, which also sees rows inserted earlier from the same file.
// - One transaction for the whole file. Each row's insert runs in a SAVEPOINT, so a row that
//   fails inside PostgreSQL (which aborts the transaction) is undone alone. If any row is
//   invalid, the transaction is rolled back at the end (nothing imported) unless `skipInvalid`;
//   `dryRun` always rolls back.
// - Idempotent: a row whose external_ref already exists is counted as `alreadyImported` and
//   skipped, so a file can be imported again after a failure or by mistake.

export const MAX_REPORTED_ERRORS = 1000;

export type PolicyImportRowError = {
  /** Spreadsheet row number: the header is row 1, blank lines count. */
  row: number;
  column: PolicyImportColumn | null;
  code: string;
  message: string;
};

export type PolicyImportResult = {
  /** Data rows read (the header not counted). */
  rows: number;
  /** Rows that passed every check and were written (kept only when `committed`). */
  valid: number;
  /** Policies this run added to the database: `valid` when committed, else 0. */
  imported: number;
  /** Rows skipped because their external_ref was imported before. */
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
export class PolicyImportSourceError extends Error {
  constructor(cause: unknown) {
    super((cause as Error)?.message ?? String(cause), { cause });
    this.name = 'PolicyImportSourceError';
  }
}

/** Thrown inside the transaction to roll it back on purpose; never escapes `importPolicies`. */
class RollbackImport extends Error {}

const SAVEPOINT = sql.raw('policy_import_row');

class RowErrors {
  readonly list: PolicyImportRowError[] = [];
  invalidRows = 0;
  omitted = 0;

  add(row: number, issues: RowIssue[]): void {
    this.invalidRows += 1;
    for (const issue of issues) {
      if (this.list.length < MAX_REPORTED_ERRORS) this.list.push({ row, ...issue });
      else this.omitted += 1;
    }
  }
}

export async function importPolicies(opts: {
  db: Kysely<DB>;
  actor: Actor;
  /** The CSV file as bytes (e.g. fs.createReadStream). Destroyed when the import ends. */
  source: Readable;
  skipInvalid: boolean;
  dryRun: boolean;
}): Promise<PolicyImportResult> {
  const { db, actor, source } = opts;
  assertCan(actor, 'policies:create');

  const errors = new RowErrors();
  let headerColumns = 0;
  let records = 0; // data records so far, well-formed or not, in file order
  const parser = parse({
    columns: (header: string[]) => {
      const columns = checkPolicyImportHeader(header);
      headerColumns = columns.length;
      return columns;
    },
    bom: true,
    trim: true,
    relax_column_count: false,
    skip_empty_lines: true,
    skip_records_with_error: true,
    // Runs synchronously in file order, so the row number is right even while the parser reads ahead.
    on_record: (record: Record<string, string>, info) => {
      records += 1;
      return { row: 1 + records + info.empty_lines, record };
    },
    on_skip: (err: CsvError | undefined) => {
      if (err?.code !== 'CSV_RECORD_INCONSISTENT_COLUMNS') {
        // A broken quote leaves no trustworthy record boundary after it: refuse the file.
        throw malformedCsvError(err?.message ?? 'unreadable record');
      }
      records += 1;
      const fields = Array.isArray(err.record) ? err.record.length : undefined;
      errors.add(1 + records + Number(err.empty_lines ?? 0), [
        {
          column: null,
          code: 'wrong_field_count',
          message: `has ${fields ?? 'a different number of'} fields but the header has ${headerColumns} columns`,
        },
      ]);
    },
  });
  source.on('error', (error) => parser.destroy(new PolicyImportSourceError(error)));
  // The parser's errors surface from the `for await` below; this keeps one raised before the
  // loop starts (while the transaction is being opened) from being an unhandled 'error' event.
  parser.on('error', () => {});
  source.pipe(parser);

  let valid = 0;
  let alreadyImported = 0;
  let committed = false;
  try {
    await db.transaction().execute(async (trx) => {
      const rows = new RowImporter(trx, actor);
      for await (const { row, record } of parser as AsyncIterable<{
        row: number;
        record: Record<string, string>;
      }>) {
        const outcome = await rows.importRow(record);
        if (outcome === 'imported') valid += 1;
        else if (outcome === 'already_imported') alreadyImported += 1;
        else errors.add(row, outcome);
      }
      if (headerColumns === 0) throw emptyFileError();
      if (opts.dryRun || (errors.invalidRows > 0 && !opts.skipInvalid)) throw new RollbackImport();
    });
    committed = true;
  } catch (error) {
    if (!(error instanceof RollbackImport)) throw error;
  } finally {
    source.unpipe(parser);
    source.destroy();
    parser.destroy();
  }

  return {
    rows: records,
    valid,
    imported: committed ? valid : 0,
    alreadyImported,
    invalidRows: errors.invalidRows,
    invalid: errors.list.sort((a, b) => a.row - b.row),
    omittedErrors: errors.omitted,
    committed,
  };
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

  constructor(trx: Transaction<DB>, actor: Actor) {
    this.#trx = trx;
    this.#actor = actor;
  }

  async importRow(record: Record<string, string>): Promise<'imported' | 'already_imported' | RowIssue[]> {
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
    if (existing) return 'already_imported';

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

  async #insert(
    row: PolicyImportRow,
    input: NewPolicy,
  ): Promise<'imported' | 'already_imported' | RowIssue[]> {
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
    return this.#trx
      .selectFrom('policies')
      .select(['policy_number', sql<boolean>`created_at = now()`.as('in_this_import')])
      .where('external_ref', '=', externalRef)
      .executeTakeFirst();
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
