import type { Transaction } from 'kysely';
import type { AccountChangeRequestRow, DB } from '../../db/schema.ts';
import type { AuditInput } from '../audit/index.ts';
import { type BankAccount, maskBankAccount } from '../bank-accounts/index.ts';
import { type Actor, actorId } from '../users/actor.ts';
import { caseRow, resolveCaseWhenDone } from './account-change-case.ts';
import { tellCustomerAboutBankAccountRequest } from './account-change-notices.ts';
import { assertPending, assertVersion } from './account-change-rules.ts';
import { type AccountChangeView, toAccountChangeView } from './account-change-schemas.ts';
import { loadAccountChange, lockCustomer } from './load-account-change.ts';

/**
 * Ends a pending change without applying it (rejected by staff, cancelled by the requester): the
 * request records who and when, the customer hears that nothing changed, and the case resolves
 * once nothing else on it is pending. Shared by reject and cancel, which differ only in who may.
 */
export async function endPendingChange(
  trx: Transaction<DB>,
  opts: {
    id: string;
    actor: Actor;
    version: number;
    status: 'rejected' | 'cancelled';
    reason: string | null;
    resolution: string;
    mayEnd?: (request: AccountChangeRequestRow) => void;
    now: Date;
  },
): Promise<{ view: AccountChangeView; events: AuditInput[]; customerId: string }> {
  const { actor, now } = opts;
  const { request, serviceCase } = await loadAccountChange(trx, opts.id, actor, { forUpdate: true });
  opts.mayEnd?.(request);
  assertPending(request);
  assertVersion(request, opts.version);
  const customer = await lockCustomer(trx, request.customer_id);
  const updated = await trx
    .updateTable('account_change_requests')
    .set({
      status: opts.status,
      rejection_reason: opts.reason,
      decided_by: actorId(actor),
      decided_at: now,
      version: request.version + 1,
    })
    .where('id', '=', request.id)
    .returningAll()
    .executeTakeFirstOrThrow();
  if (request.field === 'bank_account') {
    await tellCustomerAboutBankAccountRequest(trx, {
      customer,
      requestId: request.id,
      caseId: serviceCase.id,
      caseNumber: serviceCase.case_number,
      what: 'not_changed',
      masked: maskBankAccount(request.new_value as BankAccount),
    });
  }
  const events: AuditInput[] = [
    {
      actor,
      action: `account_change.${opts.status}`,
      entityType: 'account_change',
      entityId: request.id,
      customerId: request.customer_id,
      reason: opts.reason,
      data: { field: request.field, from: request.status, caseNumber: serviceCase.case_number },
    },
    ...(await resolveCaseWhenDone(trx, {
      caseId: serviceCase.id,
      requestId: request.id,
      actor,
      resolution: opts.resolution,
      now,
    })),
  ];
  return {
    view: toAccountChangeView(updated, await caseRow(trx, serviceCase.id), actor),
    events,
    customerId: request.customer_id,
  };
}
