import { parse } from 'kontonummer';

// A Swedish bank account by clearing number (sorting code) and account number, checked by the
// `kontonummer` package against Bankgirot's "Bankernas kontonummeruppbyggnad" (each bank's
// number ranges, lengths and mod-10/mod-11 check digits). Strict mode: a few old accounts carry
// no check digit and cannot be told apart from mistyped ones; we refuse those too, and the
// message asks for the IBAN instead (every Swedish account has one, printed on the statement).

export type SwedishAccount = { clearingNumber: string; accountNumber: string; bankName: string };
export type SwedishAccountProblem = {
  field: 'clearingNumber' | 'accountNumber';
  code: string;
  message: string;
};

const digits = (s: string) => s.replace(/[\s.,-]/g, '');

// The package throws its own error class for every refusal but does not export it.
const isRefusal = (error: unknown): error is Error =>
  error instanceof Error && error.name === 'KontonummerError';

export function checkSwedishAccount(
  clearing: string,
  account: string,
): { ok: true; value: SwedishAccount } | { ok: false; problem: SwedishAccountProblem } {
  const fail = (field: SwedishAccountProblem['field'], code: string, message: string) => ({
    ok: false as const,
    problem: { field, code, message },
  });
  const clearingNumber = digits(clearing);
  const accountNumber = digits(account);
  if (!/^\d{4,5}$/.test(clearingNumber) || (clearingNumber.length === 5 && !clearingNumber.startsWith('8'))) {
    return fail(
      'clearingNumber',
      'se_clearing_format',
      'A clearing number has 4 digits (Swedbank: 5, as 8NNN-N).',
    );
  }
  let bankName: string;
  try {
    // Lax mode refuses only an unknown or broken clearing number: here it just names the bank.
    bankName = parse(clearingNumber.slice(0, 4), '00', { mode: 'lax' }).bankName;
  } catch (error) {
    if (!isRefusal(error)) throw error;
    return fail(
      'clearingNumber',
      'se_clearing_unknown',
      `No Swedish bank uses clearing number ${clearingNumber}.`,
    );
  }
  if (!/^\d+$/.test(accountNumber)) {
    return fail('accountNumber', 'se_account_characters', 'An account number has only digits.');
  }
  try {
    const parsed = parse(clearingNumber, accountNumber, { mode: 'strict' });
    return {
      ok: true,
      value: { clearingNumber, accountNumber: parsed.accountNumber, bankName: parsed.bankName },
    };
  } catch (error) {
    if (!isRefusal(error)) throw error;
    if (error.message === 'Invalid sorting code') {
      return fail(
        'clearingNumber',
        'se_clearing_check_digit',
        `The fifth digit of Swedbank clearing number ${clearingNumber} (its check digit) does not match.`,
      );
    }
    return fail(
      'accountNumber',
      'se_account_check_digit',
      `The account number fails ${bankName}'s length or check-digit rule: a digit is mistyped or missing. ` +
        'If it is right, give the IBAN from the account statement instead.',
    );
  }
}

/** The bank's own way of writing it, e.g. `3300, 850709-9805` (Nordea personkonto). */
export function printSwedishAccount(clearingNumber: string, accountNumber: string): string {
  try {
    return parse(clearingNumber, accountNumber, { mode: 'lax' }).format('pretty');
  } catch {
    return `${clearingNumber}, ${accountNumber}`;
  }
}
