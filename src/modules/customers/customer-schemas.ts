import { z } from 'zod';
import type { CustomerRow } from '../../db/schema.ts';

export const LanguageSchema = z.enum(['sv', 'it', 'en']);
export const CountrySchema = z.string().regex(/^[A-Z]{2}$/, 'ISO 3166-1 alpha-2, upper case (e.g. SE, IT)');

const isTimeZone = (tz: string) => {
  try {
    new Intl.DateTimeFormat('en', { timeZone: tz });
    return true;
  } catch {
    return false;
  }
};

export const AddressSchema = z
  .object({
    street: z.string().trim().min(1).max(200),
    postalCode: z.string().trim().min(1).max(20),
    city: z.string().trim().min(1).max(100),
    country: CountrySchema,
  })
  .strict()
  .meta({ id: 'Address' });

export const CustomerInputSchema = z
  .object({
    givenName: z.string().trim().min(1).max(100),
    familyName: z.string().trim().min(1).max(100),
    preferredLanguage: LanguageSchema,
    email: z.email().max(254).optional(),
    phone: z
      .string()
      .transform((s) => s.replace(/[\s()-]/g, ''))
      .pipe(z.string().regex(/^\+[1-9]\d{6,14}$/, 'international format, e.g. +46701234567'))
      .optional(),
    address: AddressSchema.optional(),
    country: CountrySchema,
    nationalId: z
      .string()
      .trim()
      .min(1)
      .max(32)
      .describe('Swedish personnummer/samordningsnummer or Italian codice fiscale'),
    nationalIdCountry: z.enum(['SE', 'IT']).optional().describe('Defaults to `country`'),
    timeZone: z
      .string()
      .refine(isTimeZone, 'unknown IANA time zone')
      .optional()
      .describe('Defaults by country'),
  })
  .strict()
  .meta({ id: 'NewCustomer' });

export type CustomerInput = z.infer<typeof CustomerInputSchema>;

export const CustomerSchema = z
  .object({
    id: z.uuid(),
    customerNumber: z.string(),
    givenName: z.string(),
    familyName: z.string(),
    preferredLanguage: LanguageSchema,
    email: z.string().nullable(),
    phone: z.string().nullable(),
    address: AddressSchema.nullable(),
    country: z.string(),
    nationalId: z.string(),
    nationalIdCountry: z.enum(['SE', 'IT']),
    birthDate: z.string(),
    timeZone: z.string(),
    version: z.number().int(),
    createdAt: z.string(),
  })
  .meta({ id: 'Customer' });

export type CustomerView = z.infer<typeof CustomerSchema>;

export function toCustomerView(row: CustomerRow): CustomerView {
  return {
    id: row.id,
    customerNumber: row.customer_number,
    givenName: row.given_name,
    familyName: row.family_name,
    preferredLanguage: row.preferred_language,
    email: row.email,
    phone: row.phone,
    address: row.address,
    country: row.country,
    nationalId: row.national_id,
    nationalIdCountry: row.national_id_country,
    birthDate: row.birth_date,
    timeZone: row.time_zone,
    version: row.version,
    createdAt: row.created_at.toISOString(),
  };
}

export const DEFAULT_TIME_ZONE: Record<string, string> = { SE: 'Europe/Stockholm', IT: 'Europe/Rome' };
