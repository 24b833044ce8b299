import { z } from 'zod';
import type { AccountChangeRequestRow } from '../../db/schema.ts';
import { type BankAccount, displayBankAccount, maskBankAccount } from '../bank-accounts/index.ts';
import type { Actor } from '../users/actor.ts';
import { VERIFICATION_METHODS } from './account-change-rules.ts';

export const AccountChangeFieldSchema = z.enum([
  'address',
  'phone',
  'email',
  'preferred_language',
  'bank_account',
]);

export const AccountChangeRequestInputSchema = z
  .object({
    field: AccountChangeFieldSchema,
    newValue: z
      .unknown()
      .describe(
        'address: {street, postalCode, city, country}; phone: "+46701234567"; email; preferred_language: ' +
          'sv | it | en; bank_account: {scheme: iban | bankgiro | plusgiro | se_account, …, holderName} ' +
          '(see NewBankAccount)',
      ),
    caseRef: z
      .string()
      .max(64)
      .optional()
      .describe('An open account_change case to record it on; default: a new case'),
    channel: z
      .enum(['phone', 'email', 'letter', 'portal', 'in_person', 'api'])
      .optional()
      .describe('How the request came in; default portal for a customer, phone for staff'),
  })
  .strict()
  .meta({ id: 'NewAccountChange' });
export type AccountChangeRequestInput = z.infer<typeof AccountChangeRequestInputSchema>;

const Version = z.number().int().min(1).describe('The version you read; 409 version_conflict when stale');

export const VerificationInputSchema = z
  .object({
    method: z.enum(VERIFICATION_METHODS),
    reference: z
      .string()
      .trim()
      .min(1)
      .max(200)
      .optional()
      .describe('BankID order reference or ID document number (required for those two methods)'),
    note: z.string().trim().min(1).max(2000).optional(),
    version: Version,
  })
  .strict()
  .meta({ id: 'AccountChangeVerification' });
export type VerificationInput = z.infer<typeof VerificationInputSchema>;

export const VersionInputSchema = z.object({ version: Version }).strict().meta({ id: 'AccountChangeStep' });
export type VersionInput = z.infer<typeof VersionInputSchema>;

export const RejectInputSchema = z
  .object({ reason: z.string().trim().min(1).max(2000), version: Version })
  .strict()
  .meta({ id: 'AccountChangeRejection' });
export type RejectInput = z.infer<typeof RejectInputSchema>;

export const AccountChangeSchema = z
  .object({
    id: z.uuid(),
    caseId: z.uuid(),
    caseNumber: z.string(),
    caseStatus: z.string(),
    customerId: z.uuid(),
    field: AccountChangeFieldSchema,
    oldValue: z.unknown().describe('The value before (a bank account with display and masked forms)'),
    newValue: z.unknown(),
    status: z.enum(['pending_verification', 'pending_approval', 'applied', 'rejected', 'cancelled']),
    requestedBy: z.uuid(),
    verification: z
      .object({ method: z.string(), reference: z.string().nullable(), note: z.string().nullable() })
      .nullable()
      .describe('Staff see the whole record; the customer sees only the method'),
    verifiedBy: z.uuid().nullable(),
    verifiedAt: z.string().nullable(),
    decidedBy: z.uuid().nullable(),
    decidedAt: z.string().nullable(),
    rejectionReason: z.string().nullable(),
    appliedAt: z.string().nullable(),
    version: z.number().int(),
    createdAt: z.string(),
  })
  .meta({ id: 'AccountChange' });
export type AccountChangeView = z.infer<typeof AccountChangeSchema>;

/** A stored bank account shown with its printed and masked forms; other values as stored. */
function shown(field: AccountChangeRequestRow['field'], value: unknown): unknown {
  if (field !== 'bank_account' || !value || typeof value !== 'object') return value ?? null;
  const account = value as BankAccount;
  return { ...account, display: displayBankAccount(account), masked: maskBankAccount(account) };
}

export function toAccountChangeView(
  row: AccountChangeRequestRow,
  serviceCase: { case_number: string; status: string },
  actor: Actor,
): AccountChangeView {
  const staff = actor.role !== 'customer';
  const verification = row.verification
    ? staff
      ? row.verification
      : { method: row.verification.method, reference: null, note: null }
    : null;
  return {
    id: row.id,
    caseId: row.case_id,
    caseNumber: serviceCase.case_number,
    caseStatus: serviceCase.status,
    customerId: row.customer_id,
    field: row.field,
    oldValue: shown(row.field, row.old_value),
    newValue: shown(row.field, row.new_value),
    status: row.status,
    requestedBy: row.requested_by,
    verification,
    verifiedBy: row.verified_by,
    verifiedAt: row.verified_at?.toISOString() ?? null,
    decidedBy: row.decided_by,
    decidedAt: row.decided_at?.toISOString() ?? null,
    rejectionReason: staff ? row.rejection_reason : null,
    appliedAt: row.applied_at?.toISOString() ?? null,
    version: row.version,
    createdAt: row.created_at.toISOString(),
  };
}
