import { z } from 'zod';
import type { PolicyRow } from '../../db/schema.ts';

const DateSchema = z.iso.date();

export const InsuredPersonInputSchema = z
  .object({
    fullName: z.string().trim().min(1).max(200),
    birthDate: DateSchema,
    relation: z.enum(['spouse', 'child', 'other']),
    customerId: z.uuid().optional(),
  })
  .strict();

export const NewPolicySchema = z
  .object({
    customerId: z.uuid().describe('The policy holder, who is also insured'),
    productVersionId: z.uuid(),
    startsOn: DateSchema,
    endsOn: DateSchema.describe('Exclusive: cover ends at the start of this date'),
    premiumSchedule: z
      .object({
        frequency: z.enum(['monthly', 'quarterly', 'semiannual', 'annual']),
        amountMinor: z.number().int().positive().max(Number.MAX_SAFE_INTEGER),
        firstDueDate: DateSchema.optional().describe('Defaults to startsOn'),
      })
      .strict(),
    insuredPersons: z.array(InsuredPersonInputSchema).max(20).default([]).describe('Besides the holder'),
    declaredAnnualIncomeMinor: z.number().int().positive().max(Number.MAX_SAFE_INTEGER).optional(),
    externalRef: z
      .string()
      .trim()
      .min(1)
      .max(100)
      .optional()
      .describe('Id in the source system; makes imports idempotent'),
  })
  .strict()
  .meta({ id: 'NewPolicy' });

export type NewPolicy = z.infer<typeof NewPolicySchema>;

export const PremiumStatusSchema = z.object({
  state: z.enum(['paid', 'grace_period', 'overdue', 'lapsed']),
  asOf: z.string(),
  paidThrough: z.string().nullable(),
  oldestUnpaidDueDate: z.string().nullable(),
  daysPastDue: z.number().int(),
  outstandingMinor: z.number().int(),
  creditMinor: z.number().int(),
  currency: z.string(),
});

export const PolicySchema = z
  .object({
    id: z.uuid(),
    policyNumber: z.string(),
    customerId: z.uuid(),
    productId: z.uuid(),
    productVersionId: z.uuid(),
    status: z.enum(['active', 'cancelled', 'expired']),
    startsOn: z.string(),
    endsOn: z.string(),
    currency: z.string(),
    premiumSchedule: z.object({
      frequency: z.string(),
      amountMinor: z.number().int(),
      currency: z.string(),
      firstDueDate: z.string(),
    }),
    declaredAnnualIncomeMinor: z.number().int().nullable(),
    externalRef: z.string().nullable(),
    insuredPersons: z.array(
      z.object({
        id: z.uuid(),
        fullName: z.string(),
        birthDate: z.string(),
        relation: z.string(),
        customerId: z.uuid().nullable(),
      }),
    ),
    premiumStatus: PremiumStatusSchema.optional(),
    version: z.number().int(),
  })
  .meta({ id: 'Policy' });

export type PolicyView = z.infer<typeof PolicySchema>;

export const NewPremiumPaymentSchema = z
  .object({
    paidOn: DateSchema,
    amountMinor: z.number().int().positive().max(Number.MAX_SAFE_INTEGER),
    currency: z.string().regex(/^[A-Z]{3}$/),
    reference: z
      .string()
      .trim()
      .min(1)
      .max(100)
      .optional()
      .describe('Bank reference; a repeated reference is not booked twice'),
  })
  .strict()
  .meta({ id: 'NewPremiumPayment' });

export function toPolicyView(
  row: PolicyRow,
  persons: {
    id: string;
    full_name: string;
    birth_date: string;
    relation: string;
    person_customer_id: string | null;
  }[],
): PolicyView {
  return {
    id: row.id,
    policyNumber: row.policy_number,
    customerId: row.customer_id,
    productId: row.product_id,
    productVersionId: row.product_version_id,
    status: row.status,
    startsOn: row.starts_on,
    endsOn: row.ends_on,
    currency: row.currency,
    premiumSchedule: row.premium_schedule,
    declaredAnnualIncomeMinor: row.declared_annual_income_minor,
    externalRef: row.external_ref,
    insuredPersons: persons.map((p) => ({
      id: p.id,
      fullName: p.full_name,
      birthDate: p.birth_date,
      relation: p.relation,
      customerId: p.person_customer_id,
    })),
    version: row.version,
  };
}
