import type { Kysely } from 'kysely';
import type { DB } from '../../db/schema.ts';
import { inTransaction } from '../../db/transaction.ts';
import { AppError, fieldError } from '../../lib/errors.ts';
import { parseInput } from '../../lib/parse-input.ts';
import { type AuditInput, appendAuditEvents } from '../audit/index.ts';
import { type Actor, actorId } from '../users/actor.ts';
import { assertCan } from '../users/permissions.ts';
import { closeTriageWork } from '../work/triage-work.ts';
import { loadInboundView } from './find-inbound-messages.ts';
import { type AssignInbound, AssignInboundSchema, type InboundMessageView } from './inbound-schemas.ts';
import { postEmailOnCase, tellClaimOwner } from './thread-message.ts';
import { fileMessageDocuments, lockTriageMessage } from './triage-steps.ts';

/**
 * A person sorts a message out of triage: it is the customer's, and optionally about one of their
 * claims or cases. Its documents become the customer's and are copied to the claim or case; on a
 * case the email becomes the customer's message there (a case awaiting them goes back to
 * in_progress); on a claim the owner is told. The triage item closes. One transaction; `version`
 * guards against two people sorting the same message (409).
 */
export async function assignInboundMessage(opts: {
  db: Kysely<DB>;
  actor: Actor;
  id: string;
  input: AssignInbound;
  now?: Date;
}): Promise<InboundMessageView> {
  const { actor } = opts;
  assertCan(actor, 'inbound:triage');
  const input = parseInput(AssignInboundSchema, opts.input);
  const now = opts.now ?? new Date();
  return inTransaction(opts.db, async (trx) => {
    const message = await lockTriageMessage(trx, opts.id, input.version);
    const customer = await trx
      .selectFrom('customers')
      .select('id')
      .where('id', '=', input.customerId)
      .executeTakeFirst();
    if (!customer) throw fieldError('customer_not_found', ['customerId'], 'No customer with this id.');
    if (input.claimId) {
      const claim = await trx
        .selectFrom('claims')
        .select('customer_id')
        .where('id', '=', input.claimId)
        .executeTakeFirst();
      if (claim?.customer_id !== input.customerId)
        throw fieldError('inbound_link_invalid', ['claimId'], 'No claim of this customer has this id.');
    }
    if (input.caseId) {
      const c = await trx
        .selectFrom('service_cases')
        .select(['customer_id', 'status', 'case_number'])
        .where('id', '=', input.caseId)
        .executeTakeFirst();
      if (c?.customer_id !== input.customerId)
        throw fieldError('inbound_link_invalid', ['caseId'], 'No case of this customer has this id.');
      if (c.status === 'closed' || c.status === 'withdrawn')
        throw new AppError('case_closed', `Case ${c.case_number} is ${c.status}: it takes no more messages.`);
    }
    const updated = await trx
      .updateTable('inbound_messages')
      .set((eb) => ({
        status: 'matched',
        match_rule: 'manual',
        customer_id: input.customerId,
        claim_id: input.claimId ?? null,
        case_id: input.caseId ?? null,
        triaged_by: actorId(actor),
        triaged_at: now,
        version: eb('version', '+', 1),
      }))
      .where('id', '=', message.id)
      .returningAll()
      .executeTakeFirstOrThrow();
    const target = input.claimId
      ? ({ entityType: 'claim', entityId: input.claimId } as const)
      : input.caseId
        ? ({ entityType: 'service_case', entityId: input.caseId } as const)
        : null;
    const copies = await fileMessageDocuments(trx, { message, customerId: input.customerId, target, actor });
    const events: AuditInput[] = [
      {
        actor,
        action: 'inbound_message.assigned',
        entityType: 'inbound_message',
        entityId: updated.id,
        customerId: input.customerId,
        data: {
          messageId: updated.message_id,
          claimId: updated.claim_id,
          caseId: updated.case_id,
          documents: copies.map((d) => d.document.id),
        },
      },
      ...copies.flatMap((d) => d.events),
    ];
    if (updated.case_id) {
      events.push(
        ...(await postEmailOnCase(trx, {
          message: updated,
          caseId: updated.case_id,
          documentIds: copies.map((d) => d.document.id),
          actor,
          now,
        })),
      );
    } else if (updated.claim_id) {
      await tellClaimOwner(trx, { message: updated, claimId: updated.claim_id, documents: copies.length });
    }
    events.push(
      ...(await closeTriageWork(trx, {
        inboundMessageId: updated.id,
        customerId: input.customerId,
        status: 'matched',
        actor,
        reason: 'Linked by a person.',
        now,
      })),
    );
    await appendAuditEvents(trx, events);
    return loadInboundView(trx, updated);
  });
}
