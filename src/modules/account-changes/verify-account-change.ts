import type { Executor } from '../../db/transaction.ts';
import { inTransaction } from '../../db/transaction.ts';
import { AppError, fieldError } from '../../lib/errors.ts';
import { newId } from '../../lib/ids.ts';
import { parseInput } from '../../lib/parse-input.ts';
import { recordAuditEvents } from '../audit/index.ts';
import { type Actor, actorId } from '../users/actor.ts';
import { assertCan } from '../users/permissions.ts';
import { caseRow, markCaseInProgress } from './account-change-case.ts';
import { assertVerifiable, assertVersion, verificationNeedsReference } from './account-change-rules.ts';
import {
  type AccountChangeView,
  toAccountChangeView,
  type VerificationInput,
  VerificationInputSchema,
} from './account-change-schemas.ts';
import { loadAccountChange } from './load-account-change.ts';

const METHOD_NAMES: Record<VerificationInput['method'], string> = {
  bankid: 'BankID',
  id_document: 'an identity document',
  callback_known_number: 'a call back to the phone number on file',
  in_person: 'a visit in person',
};

/**
 * Staff record how they verified that the customer is the one asking (BankID, an identity
 * document, a call back to the number on file, in person). The record goes on the request and, as
 * an internal message, on the case; the change then waits for a second person's approval. The
 * verifier may be the representative who took the request on the phone; they can never approve it.
 */
export async function verifyAccountChange(opts: {
  db: Executor;
  actor: Actor;
  id: string;
  input: VerificationInput;
  now?: Date;
}): Promise<AccountChangeView> {
  const { actor } = opts;
  assertCan(actor, 'account_changes:verify');
  const verifier = actorId(actor);
  if (verifier === null) throw new AppError('forbidden', 'Identity is verified by a named person.');
  const input = parseInput(VerificationInputSchema, opts.input);
  if (verificationNeedsReference(input.method) && !input.reference) {
    throw fieldError(
      'validation_failed',
      ['reference'],
      `Give the ${input.method === 'bankid' ? 'BankID order reference' : 'document number'}: it is how the verification is checked later.`,
      'required',
    );
  }
  const now = opts.now ?? new Date();

  return inTransaction(opts.db, async (trx) => {
    const { request, serviceCase } = await loadAccountChange(trx, opts.id, actor, { forUpdate: true });
    assertVerifiable(request);
    assertVersion(request, input.version);
    const verification = {
      method: input.method,
      reference: input.reference ?? null,
      note: input.note ?? null,
    };
    const updated = await trx
      .updateTable('account_change_requests')
      .set({
        status: 'pending_approval',
        verification: JSON.stringify(verification),
        verified_by: verifier,
        verified_at: now,
        version: request.version + 1,
      })
      .where('id', '=', request.id)
      .returningAll()
      .executeTakeFirstOrThrow();
    const body = [
      `Identity verified by ${actor.kind === 'user' ? actor.displayName : 'staff'} with ${METHOD_NAMES[input.method]}`,
      input.reference ? ` (reference ${input.reference})` : '',
      input.note ? `: ${input.note}` : '.',
      ' Waiting for a second person’s approval.',
    ].join('');
    await trx
      .insertInto('case_messages')
      .values({
        id: newId(),
        case_id: serviceCase.id,
        customer_id: request.customer_id,
        author_kind: 'staff',
        author_user_id: verifier,
        visibility: 'internal',
        body,
        created_at: now,
      })
      .execute();
    const events = [
      {
        actor,
        action: 'account_change.verified',
        entityType: 'account_change',
        entityId: request.id,
        customerId: request.customer_id,
        data: {
          method: input.method,
          reference: input.reference ?? null,
          caseNumber: serviceCase.case_number,
        },
      },
      ...(await markCaseInProgress(trx, {
        caseId: serviceCase.id,
        actor,
        reason: 'Identity verified; the bank-account change waits for approval.',
        now,
      })),
    ];
    await recordAuditEvents(trx, request.customer_id, events);
    return toAccountChangeView(updated, await caseRow(trx, serviceCase.id), actor);
  });
}
