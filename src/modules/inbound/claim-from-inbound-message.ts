import type { Kysely } from 'kysely';
import {
  claimIdempotencyKey,
  type IdempotencyKey,
  requestHash,
  storeIdempotentResponse,
} from '../../db/idempotency.ts';
import type { DB } from '../../db/schema.ts';
import { inTransaction } from '../../db/transaction.ts';
import { fieldError } from '../../lib/errors.ts';
import { parseInput } from '../../lib/parse-input.ts';
import { type AuditInput, appendAuditEvents } from '../audit/index.ts';
import { registerClaim } from '../claims/index.ts';
import { type Actor, actorId } from '../users/actor.ts';
import { assertCan } from '../users/permissions.ts';
import { closeTriageWork } from '../work/triage-work.ts';
import { loadInboundView } from './find-inbound-messages.ts';
import {
  type ClaimFromInbound,
  type ClaimFromInboundResult,
  ClaimFromInboundSchema,
} from './inbound-schemas.ts';
import { fileMessageDocuments, lockTriageMessage } from './triage-steps.ts';

export type ClaimFromInboundOutcome = { status: 200 | 201; body: ClaimFromInboundResult; replayed: boolean };

/**
 * Opens a claim from an email waiting in triage (a customer who wrote in instead of filing): the
 * claim is registered by the claims module as any other (assessment, routing, clocks), with
 * channel 'email'; the email's documents are copied onto it; the message is linked to it
 * (match rule new_claim) and its triage item closes. All in one transaction: a claim without its
 * link, or a link without its claim, cannot exist. A retry with the same Idempotency-Key returns
 * the first response; `version` guards against two people opening two claims from one email.
 */
export async function claimFromInboundMessage(opts: {
  db: Kysely<DB>;
  actor: Actor;
  id: string;
  input: ClaimFromInbound;
  idempotencyKey?: string | undefined;
  now?: Date;
}): Promise<ClaimFromInboundOutcome> {
  const { actor } = opts;
  assertCan(actor, 'inbound:triage');
  const input = parseInput(ClaimFromInboundSchema, opts.input);
  const now = opts.now ?? new Date();
  const key: IdempotencyKey | null = opts.idempotencyKey
    ? { scope: `inbound.claim:${actorId(actor) ?? 'system'}`, key: opts.idempotencyKey }
    : null;

  return inTransaction(opts.db, async (trx) => {
    if (key) {
      const replay = await claimIdempotencyKey<ClaimFromInboundResult>(
        trx,
        key,
        requestHash({ id: opts.id, input }),
      );
      if (replay) return { status: 200, body: replay.body, replayed: true };
    }
    const message = await lockTriageMessage(trx, opts.id, input.version);
    const { version: _version, customerId: askedCustomer, ...claimInput } = input;
    let customerId = askedCustomer ?? message.customer_id;
    if (!customerId) {
      const policy = await trx
        .selectFrom('policies')
        .select('customer_id')
        .where('id', '=', input.policyId)
        .executeTakeFirst();
      if (!policy) throw fieldError('policy_not_found', ['policyId'], 'No policy with this id.');
      customerId = policy.customer_id;
    }
    const { claim } = await registerClaim({
      db: trx,
      actor,
      input: { ...claimInput, customerId, channel: 'email' },
    });
    const updated = await trx
      .updateTable('inbound_messages')
      .set((eb) => ({
        status: 'matched',
        match_rule: 'new_claim',
        customer_id: customerId,
        claim_id: claim.id,
        case_id: null,
        triaged_by: actorId(actor),
        triaged_at: now,
        version: eb('version', '+', 1),
      }))
      .where('id', '=', message.id)
      .returningAll()
      .executeTakeFirstOrThrow();
    const copies = await fileMessageDocuments(trx, {
      message,
      customerId,
      target: { entityType: 'claim', entityId: claim.id },
      actor,
    });
    const events: AuditInput[] = [
      {
        actor,
        action: 'inbound_message.claim_opened',
        entityType: 'inbound_message',
        entityId: updated.id,
        customerId,
        data: {
          messageId: updated.message_id,
          claimId: claim.id,
          claimNumber: claim.claimNumber,
          documents: copies.map((d) => d.document.id),
        },
      },
      ...copies.flatMap((d) => d.events),
      ...(await closeTriageWork(trx, {
        inboundMessageId: updated.id,
        customerId,
        status: 'matched',
        actor,
        reason: `Claim ${claim.claimNumber} opened from the message.`,
        now,
      })),
    ];
    await appendAuditEvents(trx, events);
    const body: ClaimFromInboundResult = {
      message: await loadInboundView(trx, updated),
      claim: { id: claim.id, claimNumber: claim.claimNumber, status: claim.status, channel: claim.channel },
    };
    if (key) await storeIdempotentResponse(trx, key, 201, body);
    return { status: 201, body, replayed: false };
  });
}
