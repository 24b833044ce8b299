import {
  claimIdempotencyKey,
  type IdempotencyKey,
  requestHash,
  storeIdempotentResponse,
} from '../../db/idempotency.ts';
import type { ContactChannel } from '../../db/schema.ts';
import { type Executor, inTransaction } from '../../db/transaction.ts';
import { AppError } from '../../lib/errors.ts';
import { parseInput } from '../../lib/parse-input.ts';
import { recordAuditEvents } from '../audit/index.ts';
import { type Actor, actorId } from '../users/actor.ts';
import { assertCan } from '../users/permissions.ts';
import { acknowledgeCase } from './case-notices.ts';
import { type CaseView, type NewCase, NewCaseSchema } from './case-schemas.ts';
import { isCustomerActor } from './find-cases.ts';
import { loadCaseView } from './load-case-view.ts';
import { openServiceCaseInTransaction } from './open-service-case.ts';

export type OpenCaseResult = { status: 200 | 201; body: CaseView; replayed: boolean };

/**
 * Opens a case through the API: staff for any customer, a customer for themself (from the
 * session; naming another customer is a 404, as if it did not exist). Complaints have their own
 * registration (cause, remedy, the regulator's register) and are refused here. The customer gets
 * the written acknowledgement with the case number and the answer-by date. A retry with the same
 * Idempotency-Key returns the first response (200) and writes nothing.
 */
export async function openCase(opts: {
  db: Executor;
  actor: Actor;
  input: NewCase;
  idempotencyKey?: string | undefined;
  now?: Date;
}): Promise<OpenCaseResult> {
  const { actor } = opts;
  assertCan(actor, 'cases:create');
  const input = parseInput(NewCaseSchema, opts.input);
  const customer = isCustomerActor(actor);
  if (customer && input.customerId && input.customerId !== actor.customerId) {
    throw new AppError('not_found', 'No such customer.');
  }
  const customerId = customer ? actor.customerId : input.customerId;
  if (!customerId) {
    throw new AppError('validation_failed', 'Say which customer the case is for.', {
      errors: [{ in: 'body', path: ['customerId'], code: 'required', message: 'Required for staff.' }],
    });
  }
  if (input.kind === 'complaint') {
    throw new AppError(
      'case_kind_mismatch',
      'Complaints are registered with POST /complaints (cause, requested remedy, the regulator’s register).',
      {
        errors: [
          { in: 'body', path: ['kind'], code: 'case_kind_mismatch', message: 'Use POST /complaints.' },
        ],
        extra: { use: 'POST /complaints' },
      },
    );
  }
  const channel: ContactChannel = customer
    ? 'portal'
    : (input.channel ?? (actor.kind === 'system' ? 'api' : 'phone'));
  const key: IdempotencyKey | null = opts.idempotencyKey
    ? { scope: `cases.open:${actorId(actor) ?? 'system'}`, key: opts.idempotencyKey }
    : null;
  const hash = requestHash({ customerId, ...input, channel });

  return inTransaction(opts.db, async (trx) => {
    if (key) {
      const replay = await claimIdempotencyKey<CaseView>(trx, key, hash);
      if (replay) return { status: 200, body: replay.body, replayed: true };
    }
    const now = opts.now ?? new Date();
    const { serviceCase, events } = await openServiceCaseInTransaction(trx, {
      customerId,
      kind: input.kind,
      category: input.category,
      subject: input.subject,
      description: input.description,
      channel,
      claimId: input.claimId ?? null,
      policyId: input.policyId ?? null,
      actor,
      now,
    });
    await acknowledgeCase(trx, serviceCase);
    await recordAuditEvents(trx, serviceCase.customer_id, events);
    const body = await loadCaseView(trx, serviceCase, actor, now);
    if (key) await storeIdempotentResponse(trx, key, 201, body);
    return { status: 201, body, replayed: false };
  });
}
