import type { z } from 'zod';
import { canonicalJson } from '../../lib/canonical-json.ts';
import { validateNationalId } from '../../lib/national-id/index.ts';
import { CustomerInputSchema } from '../customers/index.ts';
import type { RowIssue } from './import-records.ts';

// The customer import format (CSV columns or JSON Lines keys) and the pure rules of one row: its
// validation (the customers module's own schema and national id check, so an imported customer
// obeys the same rules as one registered at the desk) and the difference to the stored customer.
// No I/O here; import-customers.ts does the database work.

export const CUSTOMER_IMPORT_COLUMNS = [
  'national_id',
  'national_id_country',
  'given_name',
  'family_name',
  'preferred_language',
  'country',
  'email',
  'phone',
  'street',
  'postal_code',
  'city',
  'address_country',
  'time_zone',
] as const;

export type CustomerImportColumn = (typeof CUSTOMER_IMPORT_COLUMNS)[number];

export const CUSTOMER_IMPORT_REQUIRED: readonly CustomerImportColumn[] = [
  'national_id',
  'national_id_country',
  'given_name',
  'family_name',
  'preferred_language',
  'country',
];

export const CUSTOMER_IMPORT_COLUMN_HELP: Record<CustomerImportColumn, string> = {
  national_id: 'required; personnummer (SE) or codice fiscale (IT): the key of the upsert',
  national_id_country: 'required; SE or IT, the country that issued national_id',
  given_name: 'required',
  family_name: 'required',
  preferred_language: 'required; sv, it or en',
  country: 'required; country of residence, ISO 3166-1 alpha-2 (SE, IT)',
  email: 'optional; empty keeps the stored value',
  phone: 'optional; international format (+46701234567); empty keeps the stored value',
  street: 'optional; the address: street, postal_code and city all or none',
  postal_code: 'optional; see street',
  city: 'optional; see street',
  address_country: 'optional; defaults to country',
  time_zone: 'optional; IANA zone; defaults by country for a new customer',
};

/** The fields the import may set, in the customers table's terms. Optional ones absent: keep. */
export type CustomerFields = {
  given_name: string;
  family_name: string;
  preferred_language: 'sv' | 'it' | 'en';
  country: string;
  email?: string;
  phone?: string;
  address?: { street: string; postalCode: string; city: string; country: string };
  time_zone?: string;
};

export type CustomerImportRow = {
  nationalIdCountry: 'SE' | 'IT';
  /** As stored (SE: 12 digits; IT: 16 upper-case characters). */
  nationalId: string;
  birthDate: string;
  fields: CustomerFields;
};

/** Contact fields: a change is written to customer_contact_history, as the account-change flow does. */
export const CONTACT_FIELDS = ['email', 'phone', 'address', 'preferred_language'] as const;
export type ContactField = (typeof CONTACT_FIELDS)[number];

const PATH_TO_COLUMN: Record<string, CustomerImportColumn> = {
  givenName: 'given_name',
  familyName: 'family_name',
  preferredLanguage: 'preferred_language',
  country: 'country',
  email: 'email',
  phone: 'phone',
  nationalId: 'national_id',
  nationalIdCountry: 'national_id_country',
  timeZone: 'time_zone',
};
const ADDRESS_PATH_TO_COLUMN: Record<string, CustomerImportColumn> = {
  street: 'street',
  postalCode: 'postal_code',
  city: 'city',
  country: 'address_country',
};

const opt = (s: string | undefined) => (s === undefined || s === '' ? undefined : s);

/** Validates one row on its own; reports every problem of the row at once, by column. */
export function validateCustomerImportRow(
  record: Record<string, string>,
): { ok: true; row: CustomerImportRow } | { ok: false; issues: RowIssue[] } {
  const issues: RowIssue[] = [];
  const street = opt(record.street);
  const postalCode = opt(record.postal_code);
  const city = opt(record.city);
  const addressGiven = [street, postalCode, city].filter((v) => v !== undefined).length;
  if (addressGiven > 0 && addressGiven < 3) {
    const missing = (['street', 'postal_code', 'city'] as const).filter((c) => !opt(record[c]));
    for (const column of missing) {
      issues.push({ column, code: 'required', message: 'is required when any part of the address is given' });
    }
  }
  const input = {
    givenName: record.given_name ?? '',
    familyName: record.family_name ?? '',
    preferredLanguage: (record.preferred_language ?? '').toLowerCase(),
    country: (record.country ?? '').toUpperCase(),
    email: opt(record.email),
    phone: opt(record.phone),
    address:
      addressGiven === 3
        ? {
            street,
            postalCode,
            city,
            country: (opt(record.address_country) ?? record.country ?? '').toUpperCase(),
          }
        : undefined,
    nationalId: record.national_id ?? '',
    nationalIdCountry: (record.national_id_country ?? '').toUpperCase(),
    timeZone: opt(record.time_zone),
  };
  const parsed = CustomerInputSchema.safeParse(input);
  if (!parsed.success) issues.push(...schemaIssues(parsed.error, record));
  const idCountryOk = !issues.some((i) => i.column === 'national_id_country' || i.column === 'national_id');
  let nid: ReturnType<typeof validateNationalId> | null = null;
  if (idCountryOk) {
    nid = validateNationalId(input.nationalIdCountry, input.nationalId);
    if (!nid.ok) issues.push({ column: 'national_id', code: nid.code, message: nid.message });
  }
  if (issues.length > 0 || !parsed.success || !nid?.ok) return { ok: false, issues };
  const data = parsed.data;
  return {
    ok: true,
    row: {
      nationalIdCountry: input.nationalIdCountry as 'SE' | 'IT',
      nationalId: nid.value.normalized,
      birthDate: nid.value.birthDate,
      fields: {
        given_name: data.givenName,
        family_name: data.familyName,
        preferred_language: data.preferredLanguage,
        country: data.country,
        // Stored lower-cased, as createCustomer does, so a re-import compares equal.
        email: data.email?.toLowerCase(),
        phone: data.phone,
        address: data.address,
        time_zone: data.timeZone,
      },
    },
  };
}

function schemaIssues(error: z.ZodError, record: Record<string, string>): RowIssue[] {
  const issues: RowIssue[] = [];
  const seen = new Set<string | null>();
  for (const issue of error.issues) {
    const [first, second] = issue.path;
    const column =
      first === 'address'
        ? (ADDRESS_PATH_TO_COLUMN[String(second)] ?? null)
        : (PATH_TO_COLUMN[String(first)] ?? null);
    if (seen.has(column) && column !== null) continue; // one problem per column is enough
    seen.add(column);
    const empty = column !== null && (record[column] ?? '') === '';
    issues.push({
      column,
      code: empty ? 'required' : 'invalid_value',
      message: empty ? 'is required' : issue.message,
    });
  }
  return issues;
}

/** What the stored customer has, in the shape `customerChanges` compares. */
export type StoredCustomer = {
  given_name: string;
  family_name: string;
  preferred_language: string;
  country: string;
  email: string | null;
  phone: string | null;
  address: unknown;
  time_zone: string;
};

export type CustomerChange = { field: keyof CustomerFields; from: unknown; to: unknown };

/**
 * The fields whose value in the row differs from the stored one, in a fixed order. An optional
 * field left empty in the row is not a change: a feed does not clear contact details (that goes
 * through the desk), and a file without those columns updates names and language only.
 */
export function customerChanges(stored: StoredCustomer, fields: CustomerFields): CustomerChange[] {
  const changes: CustomerChange[] = [];
  for (const field of Object.keys(CUSTOMER_FIELD_ORDER) as (keyof CustomerFields)[]) {
    const to = fields[field];
    if (to === undefined) continue;
    const from = stored[field] ?? null;
    const same =
      field === 'address' ? from !== null && canonicalJson(from) === canonicalJson(to) : from === to;
    if (!same) changes.push({ field, from, to });
  }
  return changes;
}

const CUSTOMER_FIELD_ORDER: Record<keyof CustomerFields, true> = {
  given_name: true,
  family_name: true,
  preferred_language: true,
  country: true,
  email: true,
  phone: true,
  address: true,
  time_zone: true,
};

export function isContactField(field: string): field is ContactField {
  return (CONTACT_FIELDS as readonly string[]).includes(field);
}
