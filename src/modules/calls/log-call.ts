import {
  claimIdempotencyKey,
  type IdempotencyKey,
  requestHash,
  storeIdempotentResponse,
} from '../../db/idempotency.ts';
import { type Executor, inTransaction } from '../../db/transaction.ts';
import { fieldError } from '../../lib/errors.ts';
import { newId } from '../../lib/ids.ts';
import { parseInput } from '../../lib/parse-input.ts';
import { recordAuditEvents } from '../audit/index.ts';
import { assertReaches } from '../referrals/department-reach.ts';
import { type Actor, actorId } from '../users/actor.ts';
import { assertCan } from '../users/permissions.ts';
import { resolveCallLinks } from './call-links.ts';
import { type CallView, type NewCall, NewCallSchema, toCallView } from './call-schemas.ts';
import { normalisePhoneNumber, type PhoneCountry } from './phone-number.ts';

export type LogCallResult = { status: 200 | 201; body: CallView; replayed: boolean };

/** A clock a minute fast on the agent's machine is not an error; a call next week is. */
const FUTURE_SLACK_MS = 5 * 60 * 1000;

/**
 * Logs a phone call as the representative takes (or makes) it: the number as E.164, the customer
 * if known, the claim or case it is about (the customer's own: 422 otherwise), and its audit
 * event. A call with no end yet is ended later with PATCH. A retry with the same Idempotency-Key
 * returns the first response (200) and writes nothing.
 */
export async function logCall(opts: {
  db: Executor;
  actor: Actor;
  input: NewCall;
  idempotencyKey?: string | undefined;
  now?: Date;
}): Promise<LogCallResult> {
  const { actor } = opts;
  assertCan(actor, 'calls:log');
  const input = parseInput(NewCallSchema, opts.input);
  const now = opts.now ?? new Date();
  const startedAt = input.startedAt ? new Date(input.startedAt) : now;
  if (startedAt.getTime() > now.getTime() + FUTURE_SLACK_MS) {
    throw fieldError('validation_failed', ['startedAt'], 'A call cannot start in the future.', 'in_future');
  }
  const key: IdempotencyKey | null = opts.idempotencyKey
    ? { scope: `calls.log:${actorId(actor) ?? 'system'}`, key: opts.idempotencyKey }
    : null;

  return inTransaction(opts.db, async (trx) => {
    if (key) {
      const replay = await claimIdempotencyKey<CallView>(trx, key, requestHash(input));
      if (replay) return { status: 200, body: replay.body, replayed: true };
    }
    let country: PhoneCountry = input.country ?? 'SE';
    if (input.customerId) {
      const customer = await trx
        .selectFrom('customers')
        .select('country')
        .where('id', '=', input.customerId)
        .executeTakeFirst();
      if (!customer) throw fieldError('customer_not_found', ['customerId'], 'No customer has this id.');
      if (!input.country && (customer.country === 'SE' || customer.country === 'IT'))
        country = customer.country;
    }
    const phone = normalisePhoneNumber(input.phoneNumber, country);
    if (!phone.ok)
      throw fieldError('validation_failed', ['phoneNumber'], phone.message, 'invalid_phone_number');
    // A department agent may log any caller, but links the call only to what their reach covers.
    if (input.claimId) await assertReaches(trx, actor, 'claim', input.claimId, 'claim');
    if (input.caseId) await assertReaches(trx, actor, 'service_case', input.caseId, 'case');
    const customerId = await resolveCallLinks(trx, {
      customerId: input.customerId ?? null,
      claimId: input.claimId ?? null,
      caseId: input.caseId ?? null,
    });
    const row = await trx
      .insertInto('calls')
      .values({
        id: newId(),
        customer_id: customerId,
        direction: input.direction,
        phone_number: phone.e164,
        started_at: startedAt,
        ended_at: null,
        outcome: input.outcome ?? 'answered',
        notes: input.notes || null,
        claim_id: input.claimId ?? null,
        case_id: input.caseId ?? null,
        handled_by: actorId(actor),
      })
      .returningAll()
      .executeTakeFirstOrThrow();
    await recordAuditEvents(trx, customerId, [
      {
        actor,
        action: 'call.logged',
        entityType: 'call',
        entityId: row.id,
        customerId,
        // The notes stay on the call: the trail records what happened, not what was said. Nor the
        // number: audit events are hash-chained and can never be erased, so they carry ids, not
        // personal data (an erasure request blanks the number on the call itself).
        data: {
          direction: row.direction,
          startedAt: row.started_at.toISOString(),
          outcome: row.outcome,
          claimId: row.claim_id,
          caseId: row.case_id,
        },
      },
    ]);
    const body = toCallView(row);
    if (key) await storeIdempotentResponse(trx, key, 201, body);
    return { status: 201, body, replayed: false };
  });
}
