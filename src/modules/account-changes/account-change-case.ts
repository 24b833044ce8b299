import type { Transaction } from 'kysely';
import type { DB, ServiceCaseRow } from '../../db/schema.ts';
import { AppError } from '../../lib/errors.ts';
import type { AuditInput } from '../audit/index.ts';
import { LIVE_CASE_STATUSES, loadCaseByRef, transitionCaseInTransaction } from '../cases/index.ts';
import type { Actor } from '../users/actor.ts';
import { PENDING_STATUSES } from './account-change-rules.ts';

// The account_change case a request is recorded on: the case carries the queue, the answer clock,
// the messages and what the customer follows in the portal; the request carries the change.

/** An existing case given by the caller: the same customer's, of the account_change kind, still live. */
export async function caseForRequest(
  trx: Transaction<DB>,
  opts: { caseRef: string; customerId: string; actor: Actor },
): Promise<ServiceCaseRow> {
  const serviceCase = await loadCaseByRef(trx, opts.caseRef, opts.actor, { forUpdate: true });
  const refused = (code: 'case_kind_mismatch' | 'case_link_invalid', message: string) =>
    new AppError(code, message, { errors: [{ in: 'body', path: ['caseRef'], code, message }] });
  if (serviceCase.customer_id !== opts.customerId) {
    throw refused('case_link_invalid', `Case ${serviceCase.case_number} belongs to another customer.`);
  }
  if (serviceCase.kind !== 'account_change') {
    throw refused(
      'case_kind_mismatch',
      `Case ${serviceCase.case_number} is a ${serviceCase.kind} case; account changes go on account_change cases.`,
    );
  }
  if (!LIVE_CASE_STATUSES.includes(serviceCase.status)) {
    throw new AppError(
      'case_transition_not_allowed',
      `Case ${serviceCase.case_number} is ${serviceCase.status}; reopen it or leave caseRef out to open a new one.`,
      { extra: { caseNumber: serviceCase.case_number, caseStatus: serviceCase.status } },
    );
  }
  return serviceCase;
}

/** A verified change is being worked: an untouched case moves to in_progress. */
export async function markCaseInProgress(
  trx: Transaction<DB>,
  opts: { caseId: string; actor: Actor; reason: string; now: Date },
): Promise<AuditInput[]> {
  const current = await trx
    .selectFrom('service_cases')
    .select('status')
    .where('id', '=', opts.caseId)
    .executeTakeFirstOrThrow();
  if (current.status !== 'open') return [];
  return (await transitionCaseInTransaction(trx, { ...opts, to: 'in_progress' })).events;
}

/**
 * Resolves the case once nothing on it is pending any more (one case may carry a change of the
 * address and of the bank account; the first one done does not end the other). A case someone
 * already resolved or closed is left as it is.
 */
export async function resolveCaseWhenDone(
  trx: Transaction<DB>,
  opts: { caseId: string; requestId: string; actor: Actor; resolution: string; now: Date },
): Promise<AuditInput[]> {
  const other = await trx
    .selectFrom('account_change_requests')
    .select('id')
    .where('case_id', '=', opts.caseId)
    .where('id', '!=', opts.requestId)
    .where('status', 'in', PENDING_STATUSES)
    .limit(1)
    .executeTakeFirst();
  if (other) return [];
  const current = await trx
    .selectFrom('service_cases')
    .select('status')
    .where('id', '=', opts.caseId)
    .executeTakeFirstOrThrow();
  if (!LIVE_CASE_STATUSES.includes(current.status)) return [];
  const { events } = await transitionCaseInTransaction(trx, {
    caseId: opts.caseId,
    to: 'resolved',
    actor: opts.actor,
    reason: opts.resolution,
    resolution: opts.resolution,
    now: opts.now,
  });
  return events;
}

/** The case row as it now stands (number and status for the response). */
export function caseRow(trx: Transaction<DB>, caseId: string): Promise<ServiceCaseRow> {
  return trx.selectFrom('service_cases').selectAll().where('id', '=', caseId).executeTakeFirstOrThrow();
}
