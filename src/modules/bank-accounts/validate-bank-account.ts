import type { BankAccountScheme } from '../../db/schema.ts';
import type { BankAccountInput } from './bank-account-schemas.ts';
import { checkBankgiro, checkPlusgiro, printBankgiro, printPlusgiro } from './giro-numbers.ts';
import { checkBic, checkIban, printIban } from './iban.ts';
import { checkSwedishAccount, printSwedishAccount } from './swedish-account.ts';

// One entry point for every scheme: input in, the normalised account (what is stored and paid
// to) or every problem with its field path out. BIC rule: inside SEPA a transfer needs only the
// IBAN (Regulation (EU) 260/2012, "IBAN only"), so the BIC is optional there but checked when
// given; outside SEPA the payment goes through SWIFT and the BIC is required.

export type BankAccount = {
  scheme: BankAccountScheme;
  iban: string | null;
  bic: string | null;
  clearingNumber: string | null;
  accountNumber: string | null;
  holderName: string;
};

export type BankAccountProblem = { path: string[]; code: string; message: string };

export type BankAccountCheck =
  | { ok: true; value: BankAccount }
  | { ok: false; problems: BankAccountProblem[] };

export function validateBankAccount(input: BankAccountInput): BankAccountCheck {
  const holderName = input.holderName.trim().replace(/\s+/g, ' ');
  const base = { iban: null, bic: null, clearingNumber: null, accountNumber: null, holderName };
  switch (input.scheme) {
    case 'iban': {
      const problems: BankAccountProblem[] = [];
      const iban = checkIban(input.iban);
      if (!iban.ok) problems.push({ path: ['iban'], code: iban.code, message: iban.message });
      let bic: string | null = null;
      if (input.bic !== undefined) {
        const checked = checkBic(input.bic);
        if (checked.ok) bic = checked.value;
        else problems.push({ path: ['bic'], code: checked.code, message: checked.message });
      } else if (iban.ok && !iban.value.sepa) {
        problems.push({
          path: ['bic'],
          code: 'bic_required',
          message: `${iban.value.country} is outside the SEPA area: a payment there needs the bank's BIC (SWIFT code).`,
        });
      }
      if (!iban.ok || problems.length > 0) return { ok: false, problems };
      return { ok: true, value: { ...base, scheme: 'iban', iban: iban.value.iban, bic } };
    }
    case 'bankgiro':
    case 'plusgiro': {
      const checked =
        input.scheme === 'bankgiro' ? checkBankgiro(input.accountNumber) : checkPlusgiro(input.accountNumber);
      if (!checked.ok) {
        return {
          ok: false,
          problems: [{ path: ['accountNumber'], code: checked.code, message: checked.message }],
        };
      }
      return { ok: true, value: { ...base, scheme: input.scheme, accountNumber: checked.value } };
    }
    case 'se_account': {
      const checked = checkSwedishAccount(input.clearingNumber, input.accountNumber);
      if (!checked.ok) {
        const { field, code, message } = checked.problem;
        return { ok: false, problems: [{ path: [field], code, message }] };
      }
      return {
        ok: true,
        value: {
          ...base,
          scheme: 'se_account',
          clearingNumber: checked.value.clearingNumber,
          accountNumber: checked.value.accountNumber,
        },
      };
    }
  }
}

/** The account the way its scheme prints it. */
export function displayBankAccount(account: BankAccount): string {
  switch (account.scheme) {
    case 'iban':
      return printIban(account.iban ?? '');
    case 'bankgiro':
      return `Bankgiro ${printBankgiro(account.accountNumber ?? '')}`;
    case 'plusgiro':
      return `Plusgiro ${printPlusgiro(account.accountNumber ?? '')}`;
    case 'se_account':
      return printSwedishAccount(account.clearingNumber ?? '', account.accountNumber ?? '');
  }
}

/**
 * Only the last four characters (never more than half of a short number), for notices that may
 * be read by someone else: enough for the customer to recognise their account, not to pay to it.
 */
export function maskBankAccount(account: BankAccount): string {
  const full = account.scheme === 'iban' ? (account.iban ?? '') : (account.accountNumber ?? '');
  const shown = Math.min(4, Math.floor(full.length / 2));
  return `**** ${full.slice(full.length - shown)}`;
}
