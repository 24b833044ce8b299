import { z } from 'zod';

// What a customer or representative types in for a payout account, one shape per scheme. The
// shapes only say which fields there are; the rules (lengths per country, check digits) are in
// validate-bank-account.ts, so that a failure is a 422 bank_account_invalid naming the rule.

const HolderName = z.string().trim().min(1).max(140).describe('The account holder, as the bank knows them');
const Text = (max: number) => z.string().trim().min(1).max(max);

export const BankAccountInputSchema = z
  .discriminatedUnion('scheme', [
    z
      .object({
        scheme: z.literal('iban'),
        iban: Text(64).describe('Spaces and lower case are accepted'),
        bic: Text(20).optional().describe('Required for an IBAN outside the SEPA area'),
        holderName: HolderName,
      })
      .strict(),
    z
      .object({
        scheme: z.literal('bankgiro'),
        accountNumber: Text(20).describe('Bankgiro number, 7 or 8 digits (NNN-NNNN / NNNN-NNNN)'),
        holderName: HolderName,
      })
      .strict(),
    z
      .object({
        scheme: z.literal('plusgiro'),
        accountNumber: Text(20).describe('Plusgiro number, 2 to 8 digits (NN NN NN-N)'),
        holderName: HolderName,
      })
      .strict(),
    z
      .object({
        scheme: z.literal('se_account'),
        clearingNumber: Text(10).describe('Swedish clearing number, 4 digits (Swedbank 8NNN-N)'),
        accountNumber: Text(20).describe('Account number at that bank'),
        holderName: HolderName,
      })
      .strict(),
  ])
  .meta({ id: 'NewBankAccount' });

export type BankAccountInput = z.infer<typeof BankAccountInputSchema>;

export const BankAccountSchemeSchema = z.enum(['iban', 'bankgiro', 'plusgiro', 'se_account']);

/** A validated account in its stored form (electronic IBAN, digits only). */
export const BankAccountValueSchema = z
  .object({
    scheme: BankAccountSchemeSchema,
    iban: z.string().nullable(),
    bic: z.string().nullable(),
    clearingNumber: z.string().nullable(),
    accountNumber: z.string().nullable(),
    holderName: z.string(),
    display: z.string().describe('Printed the way the scheme prints it, e.g. SE45 5000 0000 0583 9825 7466'),
    masked: z.string().describe('Only the last characters, for notices: **** 7466'),
  })
  .meta({ id: 'BankAccountValue' });

export const BankAccountSchema = BankAccountValueSchema.extend({
  id: z.uuid(),
  current: z.boolean(),
  validFrom: z.string(),
  validTo: z.string().nullable(),
  changeRequestId: z.uuid().nullable(),
}).meta({ id: 'BankAccount' });

export type BankAccountView = z.infer<typeof BankAccountSchema>;
