import type { Kysely } from 'kysely';
import type { CustomerBankAccountRow, DB } from '../../db/schema.ts';
import type { Executor } from '../../db/transaction.ts';
import { assertCustomerExists } from '../customers/find-customers.ts';
import { assertCustomerWideView } from '../referrals/department-reach.ts';
import type { Actor } from '../users/actor.ts';
import { assertCan, assertCanSeeCustomer } from '../users/permissions.ts';
import type { BankAccountView } from './bank-account-schemas.ts';
import { type BankAccount, displayBankAccount, maskBankAccount } from './validate-bank-account.ts';

export function bankAccountOf(row: CustomerBankAccountRow): BankAccount {
  return {
    scheme: row.scheme,
    iban: row.iban,
    bic: row.bic,
    clearingNumber: row.clearing_number,
    accountNumber: row.account_number,
    holderName: row.holder_name,
  };
}

export function toBankAccountView(row: CustomerBankAccountRow): BankAccountView {
  const account = bankAccountOf(row);
  return {
    id: row.id,
    ...account,
    display: displayBankAccount(account),
    masked: maskBankAccount(account),
    current: row.valid_to === null,
    validFrom: row.valid_from.toISOString(),
    validTo: row.valid_to?.toISOString() ?? null,
    changeRequestId: row.change_request_id,
  };
}

/** Where the customer is paid today, or null when no payout account is known. */
export async function currentBankAccount(db: Executor, customerId: string): Promise<BankAccountView | null> {
  const row = await db
    .selectFrom('customer_bank_accounts')
    .selectAll()
    .where('customer_id', '=', customerId)
    .where('valid_to', 'is', null)
    .executeTakeFirst();
  return row ? toBankAccountView(row) : null;
}

/**
 * Whether the payout account was set or changed through an account change since `since`. A
 * payment to an account that changed recently is held for a check (account takeover fraud
 * changes the account just before a payout). Accounts recorded at onboarding or by an import
 * (no change request) do not count.
 */
export async function bankAccountChangedWithin(
  db: Executor,
  customerId: string,
  since: Date,
): Promise<boolean> {
  const row = await db
    .selectFrom('customer_bank_accounts')
    .select('id')
    .where('customer_id', '=', customerId)
    .where('change_request_id', 'is not', null)
    .where('valid_from', '>=', since)
    .limit(1)
    .executeTakeFirst();
  return row !== undefined;
}

/** A customer's payout accounts, the current one first, then the history newest first. */
export async function listCustomerBankAccounts(opts: {
  db: Kysely<DB>;
  actor: Actor;
  customerId: string;
}): Promise<{ current: BankAccountView | null; items: BankAccountView[] }> {
  assertCan(opts.actor, 'customers:read');
  assertCanSeeCustomer(opts.actor, opts.customerId, 'customer');
  assertCustomerWideView(opts.actor);
  await assertCustomerExists(opts.db, opts.customerId);
  const rows = await opts.db
    .selectFrom('customer_bank_accounts')
    .selectAll()
    .where('customer_id', '=', opts.customerId)
    .orderBy('valid_from', 'desc')
    .orderBy('id', 'desc')
    .execute();
  const items = rows.map(toBankAccountView);
  return { current: items.find((a) => a.current) ?? null, items };
}
