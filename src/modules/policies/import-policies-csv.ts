import { z } from 'zod';
import { validateNationalId } from '../../lib/national-id/index.ts';
import { checkColumns } from '../exchange/import-records.ts';

// The CSV format of `claimdesk import policies`: its columns, the header check and the validation
// of one row on its own (no database). The database checks and the insert live in
// import-policies.ts. One row per policy; the first row is the header; comma-separated, UTF-8
// (a byte-order mark is ignored), fields may be quoted with "; surrounding spaces are trimmed.
//
//   external_ref            required  the policy's id in the source system (at most 100 characters);
//                                     the key of the upsert: a row whose external_ref was imported
//                                     before updates that policy where it differs (ends_on, premium,
//                                     declared income, status) and is skipped when it does not, so
//                                     importing the same file twice does not write anything
//   holder_national_id      required  the holder's Swedish personnummer or Italian codice fiscale;
//                                     the holder must already be a customer
//   holder_country          required  SE or IT: the country that issued holder_national_id
//   product_code            required  the product's code, e.g. TRAVEL-SE
//   product_version         required  the product version number (1, 2, …); must be active
//   starts_on               required  YYYY-MM-DD, first day of cover
//   ends_on                 required  YYYY-MM-DD, exclusive end of cover; after starts_on
//   premium_frequency       required  monthly, quarterly, semiannual or annual
//   premium_amount          required  premium per instalment in major units with '.' as decimal
//                                     separator and at most 2 decimals, e.g. 199.00
//   currency                required  ISO 4217 code; must be the product's currency, e.g. SEK
//   declared_annual_income  optional  major units like premium_amount; the column may be left out
//   status                  optional  active, cancelled or expired; empty: active for a new policy,
//                                     unchanged for a known one; the column may be left out
//
// Example: test/fixtures/policies-sample.csv.

export const POLICY_IMPORT_COLUMNS = [
  'external_ref',
  'holder_national_id',
  'holder_country',
  'product_code',
  'product_version',
  'starts_on',
  'ends_on',
  'premium_frequency',
  'premium_amount',
  'currency',
  'declared_annual_income',
  'status',
] as const;

export type PolicyImportColumn = (typeof POLICY_IMPORT_COLUMNS)[number];

/** Columns that may be left out of the header altogether. */
const OPTIONAL_COLUMNS: ReadonlySet<string> = new Set<PolicyImportColumn>([
  'declared_annual_income',
  'status',
]);

/** Columns a re-import may change on a known policy; the others identify what was sold. */
export const POLICY_UPDATABLE_COLUMNS = [
  'ends_on',
  'premium_frequency',
  'premium_amount',
  'declared_annual_income',
  'status',
] as const satisfies readonly PolicyImportColumn[];

/** One line per column for `--help`. */
export const POLICY_IMPORT_COLUMN_HELP: Record<PolicyImportColumn, string> = {
  external_ref: 'required; id in the source system (max 100 chars); a known id updates that policy',
  holder_national_id: 'required; personnummer (SE) or codice fiscale (IT) of an existing customer',
  holder_country: 'required; SE or IT, the country of holder_national_id',
  product_code: 'required; product code',
  product_version: 'required; product version number (1, 2, ...); the version must be active',
  starts_on: 'required; YYYY-MM-DD, first day of cover',
  ends_on: 'required; YYYY-MM-DD, exclusive end of cover, after starts_on',
  premium_frequency: 'required; monthly, quarterly, semiannual or annual',
  premium_amount: "required; per instalment, major units, '.' decimal point, max 2 decimals (199.00)",
  currency: "required; ISO 4217 code equal to the product's currency (SEK, EUR)",
  declared_annual_income: 'optional (column may be left out); major units like premium_amount',
  status: 'optional (column may be left out); active, cancelled or expired; empty keeps it',
};

export type RowIssue = { column: PolicyImportColumn | null; code: string; message: string };

// --- Amounts ---------------------------------------------------------------------------------

// Up to 13 integer digits keeps every amount in minor units below Number.MAX_SAFE_INTEGER.
const AMOUNT = /^(\d{1,13})(?:\.(\d+))?$/;

/**
 * Parses a decimal amount in major units ("199", "199.5", "199.00") into minor units, exactly:
 * from the digits, never through a floating-point number.
 */
export function parseMajorUnits(text: string): { ok: true; minor: number } | { ok: false; message: string } {
  const shown = JSON.stringify(text);
  if (/^\d+,\d+$/.test(text)) {
    return { ok: false, message: `use '.' as the decimal separator, got ${shown}` };
  }
  if (/^[-+]/.test(text)) return { ok: false, message: `must be a positive amount, got ${shown}` };
  const m = AMOUNT.exec(text);
  if (!m) {
    return {
      ok: false,
      message: `must be an amount in major units such as 199.00 (digits, '.', at most 2 decimals), got ${shown}`,
    };
  }
  const fraction = m[2] ?? '';
  if (fraction.length > 2) return { ok: false, message: `has more than 2 decimals, got ${shown}` };
  const minor = Number(`${m[1]}${fraction.padEnd(2, '0')}`);
  if (minor <= 0) return { ok: false, message: `must be greater than zero, got ${shown}` };
  return { ok: true, minor };
}

// --- Row schema ------------------------------------------------------------------------------

const required = z.string().min(1, 'is required');

const amount = z.string().transform((text, ctx) => {
  const parsed = parseMajorUnits(text);
  if (!parsed.ok) {
    ctx.issues.push({ code: 'custom', message: parsed.message, input: text });
    return z.NEVER;
  }
  return parsed.minor;
});

// The year range also keeps out dates PostgreSQL rejects (year 0000), which would fail the import.
const isoDate = required.pipe(
  z.iso
    .date({
      error: (issue) => `must be a real date written YYYY-MM-DD, got ${JSON.stringify(issue.input)}`,
    })
    .refine((d) => d >= '1900-01-01' && d < '2200-01-01', {
      error: (issue) => `must be a date between 1900 and 2199, got ${JSON.stringify(issue.input)}`,
    }),
);

/** One CSV row as csv-parse hands it over (all strings, already trimmed), validated column by column. */
export const PolicyImportRowSchema = z
  .object({
    external_ref: required.max(100, 'must be at most 100 characters'),
    holder_national_id: required.max(32, 'must be at most 32 characters'),
    holder_country: required
      .transform((s) => s.toUpperCase())
      .pipe(z.enum(['SE', 'IT'], { error: (i) => `must be SE or IT, got ${JSON.stringify(i.input)}` })),
    product_code: required.max(100, 'must be at most 100 characters'),
    product_version: required
      .regex(/^[1-9]\d{0,8}$/, 'must be a whole number from 1 (the product version number)')
      .transform(Number),
    starts_on: isoDate,
    ends_on: isoDate,
    premium_frequency: required
      .transform((s) => s.toLowerCase())
      .pipe(
        z.enum(['monthly', 'quarterly', 'semiannual', 'annual'], {
          error: (i) => `must be monthly, quarterly, semiannual or annual, got ${JSON.stringify(i.input)}`,
        }),
      ),
    premium_amount: required.pipe(amount),
    currency: required
      .transform((s) => s.toUpperCase())
      .pipe(z.string().regex(/^[A-Z]{3}$/, 'must be a three-letter currency code such as SEK or EUR')),
    declared_annual_income: z
      .string()
      .optional()
      .transform((s) => (s ? s : undefined))
      .pipe(amount.optional()),
    status: z
      .string()
      .optional()
      .transform((s) => (s ? s.toLowerCase() : undefined))
      .pipe(
        z
          .enum(['active', 'cancelled', 'expired'], {
            error: (i) => `must be active, cancelled or expired, got ${JSON.stringify(i.input)}`,
          })
          .optional(),
      ),
  })
  .strict();

export type PolicyImportRow = z.infer<typeof PolicyImportRowSchema>;

const CODE_BY_COLUMN: Partial<Record<PolicyImportColumn, string>> = {
  starts_on: 'invalid_date',
  ends_on: 'invalid_date',
  premium_amount: 'invalid_amount',
  declared_annual_income: 'invalid_amount',
};

function asColumn(key: PropertyKey | undefined): PolicyImportColumn | null {
  return (POLICY_IMPORT_COLUMNS as readonly PropertyKey[]).includes(key as PropertyKey)
    ? (key as PolicyImportColumn)
    : null;
}

/**
 * Validates one row without the database: every column on its own, then the rules that span
 * columns (the period, the national id against its country) when their columns are fine, so a
 * row reports all its problems at once.
 */
export function validatePolicyImportRow(
  record: Record<string, string>,
): { ok: true; row: PolicyImportRow } | { ok: false; issues: RowIssue[] } {
  const parsed = PolicyImportRowSchema.safeParse(record);
  const issues: RowIssue[] = [];
  const bad = new Set<PolicyImportColumn | null>();
  if (!parsed.success) {
    for (const issue of parsed.error.issues) {
      const column = asColumn(issue.path[0]);
      if (bad.has(column) && column !== null) continue; // one problem per column is enough
      bad.add(column);
      const empty = column !== null && (record[column] ?? '') === '';
      issues.push({
        column,
        code: empty ? 'required' : (column && CODE_BY_COLUMN[column]) || 'invalid_value',
        message: issue.message,
      });
    }
  }
  const starts = record.starts_on ?? '';
  const ends = record.ends_on ?? '';
  if (!bad.has('starts_on') && !bad.has('ends_on') && ends <= starts) {
    issues.push({
      column: 'ends_on',
      code: 'policy_period_invalid',
      message: `must be after starts_on (${starts})`,
    });
  }
  if (!bad.has('holder_country') && !bad.has('holder_national_id')) {
    const nid = validateNationalId(record.holder_country ?? '', record.holder_national_id ?? '');
    if (!nid.ok) issues.push({ column: 'holder_national_id', code: nid.code, message: nid.message });
  }
  if (issues.length > 0 || !parsed.success) return { ok: false, issues };
  return { ok: true, row: parsed.data };
}

/** The number as stored on customers (SE: 12 digits; IT: 16 upper-case characters). */
export function normalizedHolderId(row: PolicyImportRow): string {
  const nid = validateNationalId(row.holder_country, row.holder_national_id);
  if (!nid.ok) throw new Error('normalizedHolderId called on a row that failed validation');
  return nid.value.normalized;
}

// --- Header ----------------------------------------------------------------------------------

/**
 * Checks the header row (csv-parse hands it over trimmed) and returns the column names to key
 * records by. Names are matched case-insensitively. Throws `import_invalid` listing every unknown,
 * duplicate and missing column, before any row is read.
 */
export function checkPolicyImportHeader(header: string[]): PolicyImportColumn[] {
  return checkColumns(header, {
    columns: POLICY_IMPORT_COLUMNS,
    required: POLICY_IMPORT_COLUMNS.filter((column) => !OPTIONAL_COLUMNS.has(column)),
    what: 'policy',
  }) as PolicyImportColumn[];
}
