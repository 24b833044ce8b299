import {
  claimIdempotencyKey,
  type IdempotencyKey,
  requestHash,
  storeIdempotentResponse,
} from '../../db/idempotency.ts';
import { isUniqueViolation } from '../../db/pg-errors.ts';
import type { AccountChangeField, ContactChannel } from '../../db/schema.ts';
import { type Executor, inTransaction } from '../../db/transaction.ts';
import { AppError, fieldError } from '../../lib/errors.ts';
import { newId } from '../../lib/ids.ts';
import { parseInput } from '../../lib/parse-input.ts';
import { type AuditInput, recordAuditEvents } from '../audit/index.ts';
import {
  type BankAccount,
  type BankAccountView,
  currentBankAccount,
  maskBankAccount,
} from '../bank-accounts/index.ts';
import { openServiceCaseInTransaction } from '../cases/index.ts';
import { type Actor, actorId } from '../users/actor.ts';
import { assertCan, assertCanSeeCustomer } from '../users/permissions.ts';
import { caseForRequest, caseRow, resolveCaseWhenDone } from './account-change-case.ts';
import { tellCustomerAboutBankAccountRequest, tellCustomerContactChanged } from './account-change-notices.ts';
import { PENDING_STATUSES } from './account-change-rules.ts';
import {
  type AccountChangeRequestInput,
  AccountChangeRequestInputSchema,
  type AccountChangeView,
  toAccountChangeView,
} from './account-change-schemas.ts';
import { applyContactChange, contactValueOf } from './apply-contact-change.ts';
import { lockCustomer } from './load-account-change.ts';
import { parseNewValue, sameValue } from './new-value.ts';

export type RequestAccountChangeResult = { status: 200 | 201; body: AccountChangeView; replayed: boolean };

const SUBJECT: Record<AccountChangeField, string> = {
  address: 'Change of postal address',
  phone: 'Change of phone number',
  email: 'Change of email address',
  preferred_language: 'Change of preferred language',
  bank_account: 'Change of payout bank account',
};

/**
 * A customer (for themself, in the portal) or a representative (for a caller) asks to change a
 * contact detail or the payout account. The request is recorded on an account_change case (a new
 * one, or `caseRef`). Contact details apply at once, in this transaction: the customer row with a
 * new version, the history row, the notices (the warning to the OLD email or address), and the
 * case resolves. A bank account waits for identity verification and a second person's approval.
 *
 * One pending change per customer and field: the customer row is locked first, so two requests
 * for one customer run one after the other and the second finds the first (409
 * account_change_pending); the partial unique index is the last guard. A retry with the same
 * Idempotency-Key returns the first response (200) and writes nothing.
 */
export async function requestAccountChange(opts: {
  db: Executor;
  actor: Actor;
  customerId: string;
  input: AccountChangeRequestInput;
  idempotencyKey?: string | undefined;
  now?: Date;
}): Promise<RequestAccountChangeResult> {
  const { actor, customerId } = opts;
  assertCan(actor, 'account_changes:request');
  assertCanSeeCustomer(actor, customerId, 'customer');
  const requestedBy = actorId(actor);
  if (requestedBy === null) {
    throw new AppError(
      'forbidden',
      'An account change is asked for by a person: the four-eyes rule needs a name.',
    );
  }
  const input = parseInput(AccountChangeRequestInputSchema, opts.input);
  const change = parseNewValue(input.field, input.newValue);
  const key: IdempotencyKey | null = opts.idempotencyKey
    ? { scope: `account_changes.request:${requestedBy}`, key: opts.idempotencyKey }
    : null;
  const hash = requestHash({ customerId, input: { ...input, newValue: change.value } });
  const channel: ContactChannel = input.channel ?? (actor.role === 'customer' ? 'portal' : 'phone');
  const now = opts.now ?? new Date();

  try {
    return await inTransaction(opts.db, async (trx): Promise<RequestAccountChangeResult> => {
      if (key) {
        const replay = await claimIdempotencyKey<AccountChangeView>(trx, key, hash);
        if (replay) return { status: 200, body: replay.body, replayed: true };
      }
      const customer = await lockCustomer(trx, customerId);
      await assertNothingPending(trx, customerId, input.field);

      const oldValue =
        change.field === 'bank_account'
          ? storedAccount(await currentBankAccount(trx, customerId))
          : contactValueOf(customer, change.field);
      if (sameValue(oldValue, change.value)) {
        throw fieldError(
          'validation_failed',
          ['newValue'],
          `The new ${input.field.replace('_', ' ')} is the one we already have.`,
          'unchanged',
        );
      }

      const events: AuditInput[] = [];
      let serviceCase = input.caseRef
        ? await caseForRequest(trx, { caseRef: input.caseRef, customerId, actor })
        : null;
      if (!serviceCase) {
        const opened = await openServiceCaseInTransaction(trx, {
          customerId,
          kind: 'account_change',
          subject: SUBJECT[input.field],
          description:
            change.field === 'bank_account'
              ? `Pay out to ${maskBankAccount(change.value)} from now on (needs identity verification and a second person’s approval).`
              : `${SUBJECT[input.field]}, applied at once.`,
          channel,
          actor,
          now,
        });
        serviceCase = opened.serviceCase;
        events.push(...opened.events);
      }

      const bank = change.field === 'bank_account';
      const request = await trx
        .insertInto('account_change_requests')
        .values({
          id: newId(),
          case_id: serviceCase.id,
          customer_id: customerId,
          field: input.field,
          old_value: JSON.stringify(oldValue),
          new_value: JSON.stringify(change.value),
          status: bank ? 'pending_verification' : 'applied',
          requested_by: requestedBy,
          applied_at: bank ? null : now,
          created_at: now,
        })
        .returningAll()
        .executeTakeFirstOrThrow();
      events.push({
        actor,
        action: 'account_change.requested',
        entityType: 'account_change',
        entityId: request.id,
        customerId,
        data: { field: input.field, caseId: serviceCase.id, caseNumber: serviceCase.case_number, channel },
      });

      if (change.field === 'bank_account') {
        await tellCustomerAboutBankAccountRequest(trx, {
          customer,
          requestId: request.id,
          caseId: serviceCase.id,
          caseNumber: serviceCase.case_number,
          what: 'requested',
          masked: maskBankAccount(change.value),
        });
      } else {
        events.push(
          ...(await applyContactChange(trx, { customer, change, requestId: request.id, actor, now })),
        );
        events.push({
          actor,
          action: 'account_change.applied',
          entityType: 'account_change',
          entityId: request.id,
          customerId,
          data: { field: input.field },
        });
        await tellCustomerContactChanged(trx, {
          customer,
          requestId: request.id,
          caseId: serviceCase.id,
          caseNumber: serviceCase.case_number,
          field: change.field,
          oldValue,
          now,
        });
        events.push(
          ...(await resolveCaseWhenDone(trx, {
            caseId: serviceCase.id,
            requestId: request.id,
            actor,
            resolution: `${SUBJECT[input.field]} applied.`,
            now,
          })),
        );
      }
      await recordAuditEvents(trx, customerId, events);
      const body = toAccountChangeView(request, await caseRow(trx, serviceCase.id), actor);
      if (key) await storeIdempotentResponse(trx, key, 201, body);
      return { status: 201, body, replayed: false };
    });
  } catch (error) {
    // Lost a race to a concurrent request for the same field (the unique index said so). Inside
    // a caller's transaction (the seed) that transaction is aborted: nothing more can be read.
    if (isUniqueViolation(error, 'account_change_requests_pending_idx') && !opts.db.isTransaction) {
      await assertNothingPending(opts.db, customerId, input.field);
    }
    throw error;
  }
}

async function assertNothingPending(
  db: Executor,
  customerId: string,
  field: AccountChangeField,
): Promise<void> {
  const pending = await db
    .selectFrom('account_change_requests as r')
    .innerJoin('service_cases as c', 'c.id', 'r.case_id')
    .select(['r.id', 'r.status', 'r.created_at', 'c.case_number'])
    .where('r.customer_id', '=', customerId)
    .where('r.field', '=', field)
    .where('r.status', 'in', PENDING_STATUSES)
    .executeTakeFirst();
  if (pending) {
    throw new AppError(
      'account_change_pending',
      `A change of the ${field.replace('_', ' ')} is already pending (${pending.status}) on case ${pending.case_number}; finish or cancel it first.`,
      {
        extra: {
          accountChangeId: pending.id,
          caseNumber: pending.case_number,
          changeStatus: pending.status,
          requestedAt: pending.created_at.toISOString(),
        },
      },
    );
  }
}

/** The stored form of an account (what old_value and new_value hold), without the view's extras. */
function storedAccount(view: BankAccountView | null): BankAccount | null {
  if (!view) return null;
  const { scheme, iban, bic, clearingNumber, accountNumber, holderName } = view;
  return { scheme, iban, bic, clearingNumber, accountNumber, holderName };
}
