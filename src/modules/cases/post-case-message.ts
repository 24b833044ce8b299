import type { Kysely, Transaction } from 'kysely';
import {
  claimIdempotencyKey,
  type IdempotencyKey,
  requestHash,
  storeIdempotentResponse,
} from '../../db/idempotency.ts';
import type { DB, ServiceCaseRow } from '../../db/schema.ts';
import { inTransaction } from '../../db/transaction.ts';
import { AppError, type FieldError } from '../../lib/errors.ts';
import { newId } from '../../lib/ids.ts';
import { parseInput } from '../../lib/parse-input.ts';
import { type AuditInput, recordAuditEvents } from '../audit/index.ts';
import { notify } from '../notifications/index.ts';
import { type Actor, actorId } from '../users/actor.ts';
import { assertCan } from '../users/permissions.ts';
import { caseOwner } from '../work/case-work.ts';
import { excerpt, notifyCustomerOfCase } from './case-notices.ts';
import { type CaseView, type NewCaseMessage, NewCaseMessageSchema } from './case-schemas.ts';
import { isCustomerActor, loadCaseByRef } from './find-cases.ts';
import { loadCaseView } from './load-case-view.ts';
import { transitionCaseInTransaction } from './transition-case.ts';

export type PostCaseMessageResult = { status: 200 | 201; body: CaseView; replayed: boolean };

/**
 * A message on a case. A customer writes on their own case (always visible to both sides): a case
 * waiting for them goes back to in_progress with its clocks running again, a resolved one is
 * reopened (the customer says it is not solved), and the owner is told. Staff reply to the
 * customer (who is notified) or leave an internal note; `awaitingCustomer` makes the reply a
 * question the case waits for (awaiting_customer, clocks paused). Documents must be the same
 * customer's. Each message is a new version of the case; a retry with the same Idempotency-Key
 * returns the first response and writes nothing.
 */
export async function postCaseMessage(opts: {
  db: Kysely<DB>;
  actor: Actor;
  ref: string;
  input: NewCaseMessage;
  idempotencyKey?: string | undefined;
  now?: Date;
}): Promise<PostCaseMessageResult> {
  const { actor } = opts;
  assertCan(actor, 'cases:message');
  const input = parseInput(NewCaseMessageSchema, opts.input);
  const customer = isCustomerActor(actor);
  if (customer && (input.visibility === 'internal' || input.awaitingCustomer)) {
    const field = input.visibility === 'internal' ? 'visibility' : 'awaitingCustomer';
    throw invalid(field, 'Customers write to the case; internal notes and questions are for staff.');
  }
  if (input.awaitingCustomer && input.visibility === 'internal') {
    throw invalid('awaitingCustomer', 'A question to the customer must be visible to the customer.');
  }
  const key: IdempotencyKey | null = opts.idempotencyKey
    ? { scope: `cases.message:${actorId(actor) ?? 'system'}`, key: opts.idempotencyKey }
    : null;
  const hash = requestHash({ ref: opts.ref.trim().toUpperCase(), input });

  return inTransaction(opts.db, async (trx) => {
    if (key) {
      const replay = await claimIdempotencyKey<CaseView>(trx, key, hash);
      if (replay) return { status: 200, body: replay.body, replayed: true };
    }
    const now = opts.now ?? new Date();
    const found = await loadCaseByRef(trx, opts.ref, actor, { forUpdate: true });
    if (found.status === 'closed' || found.status === 'withdrawn') {
      throw new AppError(
        'case_closed',
        `Case ${found.case_number} is ${found.status}: it takes no more messages.`,
      );
    }
    if (input.version !== undefined && input.version !== found.version) {
      throw new AppError(
        'version_conflict',
        `Case ${found.case_number} is at version ${found.version}, not ${input.version}.`,
        { extra: { currentVersion: found.version } },
      );
    }
    await checkDocuments(trx, found.customer_id, input.documentIds);
    const message = await trx
      .insertInto('case_messages')
      .values({
        id: newId(),
        case_id: found.id,
        customer_id: found.customer_id,
        author_kind: customer ? 'customer' : actor.kind === 'system' ? 'system' : 'staff',
        author_user_id: actorId(actor),
        visibility: input.visibility,
        body: input.body,
        document_ids: input.documentIds,
        created_at: now,
      })
      .returningAll()
      .executeTakeFirstOrThrow();
    const events: AuditInput[] = [
      {
        actor,
        action: 'case.message_posted',
        entityType: 'service_case',
        entityId: found.id,
        customerId: found.customer_id,
        data: {
          caseNumber: found.case_number,
          messageId: message.id,
          authorKind: message.author_kind,
          visibility: message.visibility,
          documentIds: input.documentIds,
          awaitingCustomer: input.awaitingCustomer,
        },
      },
    ];
    const next = nextStatus(found, customer, input.awaitingCustomer);
    let serviceCase: ServiceCaseRow;
    if (next) {
      const moved = await transitionCaseInTransaction(trx, {
        caseId: found.id,
        to: next.to,
        actor,
        reason: next.reason,
        now,
      });
      serviceCase = moved.serviceCase;
      events.push(...moved.events);
    } else {
      serviceCase = await trx
        .updateTable('service_cases')
        .set((eb) => ({ version: eb('version', '+', 1), updated_at: now }))
        .where('id', '=', found.id)
        .returningAll()
        .executeTakeFirstOrThrow();
    }
    if (customer) {
      await tellOwner(trx, serviceCase);
    } else if (input.visibility === 'customer') {
      await notifyCustomerOfCase(
        trx,
        serviceCase,
        input.awaitingCustomer ? 'case.question' : 'case.message',
        { excerpt: excerpt(input.body) },
        `case:${serviceCase.id}:message:${message.id}`,
      );
    }
    await recordAuditEvents(trx, serviceCase.customer_id, events);
    const body = await loadCaseView(trx, serviceCase, actor, now);
    if (key) await storeIdempotentResponse(trx, key, 201, body);
    return { status: 201, body, replayed: false };
  });
}

/** What the message does to the case's status, if anything. */
function nextStatus(
  c: ServiceCaseRow,
  fromCustomer: boolean,
  askCustomer: boolean,
): { to: 'in_progress' | 'awaiting_customer'; reason: string } | null {
  if (fromCustomer && c.status === 'awaiting_customer') {
    return { to: 'in_progress', reason: 'The customer answered.' };
  }
  if (fromCustomer && c.status === 'resolved') {
    return { to: 'in_progress', reason: 'The customer wrote after the resolution: reopened.' };
  }
  if (askCustomer && c.status !== 'awaiting_customer') {
    return { to: 'awaiting_customer', reason: 'Asked the customer; waiting for the answer.' };
  }
  return null;
}

async function tellOwner(trx: Transaction<DB>, c: ServiceCaseRow): Promise<void> {
  const ownerId = await caseOwner(trx, c.id);
  if (!ownerId) return;
  const owner = await trx.selectFrom('users').select('locale').where('id', '=', ownerId).executeTakeFirst();
  await notify(trx, {
    audience: 'staff',
    userId: ownerId,
    customerId: c.customer_id,
    kind: 'case.customer_replied',
    language: owner?.locale ?? 'en',
    params: { reference: c.case_number },
    entityType: 'service_case',
    entityId: c.id,
    dedupeKey: `case:${c.id}:customer_wrote:v${c.version}`,
  });
}

async function checkDocuments(
  trx: Transaction<DB>,
  customerId: string,
  ids: readonly string[],
): Promise<void> {
  if (ids.length === 0) return;
  const found = await trx
    .selectFrom('documents')
    .select('id')
    .where('id', 'in', [...ids])
    .where('customer_id', '=', customerId)
    .execute();
  const known = new Set(found.map((d) => d.id));
  const errors: FieldError[] = ids.flatMap((id, i) =>
    known.has(id)
      ? []
      : [
          {
            in: 'body' as const,
            path: ['documentIds', i],
            code: 'case_link_invalid',
            message: 'No document of this customer has this id.',
          },
        ],
  );
  if (errors.length > 0) {
    throw new AppError('case_link_invalid', 'A document is not one of this customer’s.', { errors });
  }
}

function invalid(field: string, message: string): AppError {
  return new AppError('validation_failed', message, {
    errors: [{ in: 'body', path: [field], code: 'not_allowed', message }],
  });
}
