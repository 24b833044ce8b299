import type { Transaction } from 'kysely';
import type { AccountChangeRequestRow, DB } from '../../db/schema.ts';
import { newId } from '../../lib/ids.ts';
import { recordAuditEvents } from '../audit/index.ts';
import type { BankAccount } from '../bank-accounts/index.ts';
import { readyWaitingPayments, repayReturnedPayments } from '../payments/index.ts';
import { systemActor } from '../users/actor.ts';

/**
 * The new payout account takes over at `now`: the current row is closed (valid_to), never
 * deleted, and the new row names the request it came from. At most one row per customer is
 * current (unique partial index), so the old one must be closed before the new one is written.
 */
export async function applyBankAccountChange(
  trx: Transaction<DB>,
  opts: { request: AccountChangeRequestRow; account: BankAccount; now: Date },
): Promise<{ newAccountId: string; previousAccountId: string | null }> {
  const { request, account, now } = opts;
  const previous = await trx
    .updateTable('customer_bank_accounts')
    .set({ valid_to: now })
    .where('customer_id', '=', request.customer_id)
    .where('valid_to', 'is', null)
    .returning('id')
    .executeTakeFirst();
  const newAccountId = newId();
  await trx
    .insertInto('customer_bank_accounts')
    .values({
      id: newAccountId,
      customer_id: request.customer_id,
      scheme: account.scheme,
      iban: account.iban,
      bic: account.bic,
      clearing_number: account.clearingNumber,
      account_number: account.accountNumber,
      holder_name: account.holderName,
      valid_from: now,
      change_request_id: request.id,
    })
    .execute();
  // Payments waiting for an account get it, and returned ones are paid again to it (issue 7), in
  // this transaction: the account the bank is told about is the one that just became current.
  const payments = systemActor('payments');
  const ready = await readyWaitingPayments(trx, { customerId: request.customer_id, actor: payments, now });
  const repaid = await repayReturnedPayments(trx, { customerId: request.customer_id, actor: payments, now });
  await recordAuditEvents(trx, request.customer_id, [...ready.events, ...repaid.events]);
  return { newAccountId, previousAccountId: previous?.id ?? null };
}
