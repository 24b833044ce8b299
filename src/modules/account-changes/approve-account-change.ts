import type { Executor } from '../../db/transaction.ts';
import { inTransaction } from '../../db/transaction.ts';
import { parseInput } from '../../lib/parse-input.ts';
import { type AuditInput, recordAuditEvents } from '../audit/index.ts';
import { type BankAccount, maskBankAccount } from '../bank-accounts/index.ts';
import { type Actor, actorId } from '../users/actor.ts';
import { assertCan } from '../users/permissions.ts';
import { caseRow, resolveCaseWhenDone } from './account-change-case.ts';
import { tellOldContactsBankAccountChanged } from './account-change-notices.ts';
import {
  assertFourEyes,
  assertPending,
  assertVerified,
  assertVersion,
  CONTACT_LOOKBACK_DAYS,
  oldContactRecipients,
} from './account-change-rules.ts';
import {
  type AccountChangeView,
  toAccountChangeView,
  type VersionInput,
  VersionInputSchema,
} from './account-change-schemas.ts';
import { applyBankAccountChange } from './apply-bank-account-change.ts';
import { loadAccountChange, lockCustomer } from './load-account-change.ts';

/**
 * A second person approves a verified bank-account change, and it applies atomically: the old
 * account closed (kept, with valid_to), the new one current, the request applied, the case
 * resolved, the audit trail, and the notice to the customer's OLD contact details. Refused with
 * 403 four_eyes_required for the requester and the verifier (the database CHECK refuses the same),
 * 409 account_change_not_verified before verification: an unverified change never applies.
 */
export async function approveAccountChange(opts: {
  db: Executor;
  actor: Actor;
  id: string;
  input: VersionInput;
  now?: Date;
}): Promise<AccountChangeView> {
  const { actor } = opts;
  assertCan(actor, 'account_changes:approve');
  const approver = actorId(actor);
  const input = parseInput(VersionInputSchema, opts.input);
  const now = opts.now ?? new Date();

  return inTransaction(opts.db, async (trx) => {
    const { request, serviceCase } = await loadAccountChange(trx, opts.id, actor, { forUpdate: true });
    assertPending(request);
    assertFourEyes(request, approver);
    assertVerified(request);
    assertVersion(request, input.version);
    const customer = await lockCustomer(trx, request.customer_id);
    const account = request.new_value as BankAccount;

    const { newAccountId, previousAccountId } = await applyBankAccountChange(trx, { request, account, now });
    const updated = await trx
      .updateTable('account_change_requests')
      .set({
        status: 'applied',
        decided_by: approver,
        decided_at: now,
        applied_at: now,
        version: request.version + 1,
      })
      .where('id', '=', request.id)
      .returningAll()
      .executeTakeFirstOrThrow();

    // The contact details as they were before: the current ones and any replaced in the weeks
    // before the request (see oldContactRecipients).
    const since = new Date(request.created_at.getTime() - CONTACT_LOOKBACK_DAYS * 86_400_000);
    const changes = await trx
      .selectFrom('customer_contact_history')
      .select(['field', 'old_value', 'changed_at'])
      .where('customer_id', '=', customer.id)
      .where('field', 'in', ['email', 'address'])
      .where('changed_at', '>=', since)
      .execute();
    const recipients = oldContactRecipients({
      current: { email: customer.email, address: customer.address },
      changes: changes.map((c) => ({ field: c.field, oldValue: c.old_value, changedAt: c.changed_at })),
      requestedAt: request.created_at,
    });
    const masked = maskBankAccount(account);
    const notices = await tellOldContactsBankAccountChanged(trx, {
      customer,
      requestId: request.id,
      caseId: serviceCase.id,
      caseNumber: serviceCase.case_number,
      masked,
      recipients,
      now,
    });

    const events: AuditInput[] = [
      {
        actor,
        action: 'account_change.approved',
        entityType: 'account_change',
        entityId: request.id,
        customerId: customer.id,
        data: {
          field: 'bank_account',
          requestedBy: request.requested_by,
          verifiedBy: request.verified_by,
          caseNumber: serviceCase.case_number,
        },
      },
      {
        actor,
        action: 'customer.bank_account_changed',
        entityType: 'customer',
        entityId: customer.id,
        customerId: customer.id,
        data: { accountChangeId: request.id, newAccountId, previousAccountId, masked, notices },
      },
      ...(await resolveCaseWhenDone(trx, {
        caseId: serviceCase.id,
        requestId: request.id,
        actor,
        resolution: `Payout account changed to ${masked} after identity verification and a second person’s approval.`,
        now,
      })),
    ];
    await recordAuditEvents(trx, customer.id, events);
    return toAccountChangeView(updated, await caseRow(trx, serviceCase.id), actor);
  });
}
