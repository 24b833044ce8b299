import type { Transaction } from 'kysely';
import type { DB } from '../../db/schema.ts';
import { fieldError } from '../../lib/errors.ts';
import type { AuditInput } from '../audit/index.ts';
import type { Actor } from '../users/actor.ts';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/**
 * A claim registered during a call: the call gets the claim, in the registering transaction (the
 * caller rolls both back if anything fails). The call must be the claim's customer's — or a call
 * from a caller not identified until now, who is then that customer; anything else, or no such
 * call, is 422 call_link_invalid on `callId`. Returns the audit event for the caller to append.
 */
export async function linkCallToClaim(
  trx: Transaction<DB>,
  opts: { callId: string; claimId: string; customerId: string; actor: Actor },
): Promise<AuditInput[]> {
  const refuse = () =>
    fieldError('call_link_invalid', ['callId'], "No call with this id belongs to the claim's customer.");
  if (!UUID.test(opts.callId)) throw refuse();
  const call = await trx
    .selectFrom('calls')
    .select(['id', 'customer_id', 'claim_id'])
    .where('id', '=', opts.callId.toLowerCase())
    .forUpdate()
    .executeTakeFirst();
  if (!call || (call.customer_id !== null && call.customer_id !== opts.customerId)) throw refuse();
  await trx
    .updateTable('calls')
    .set((eb) => ({ claim_id: opts.claimId, customer_id: opts.customerId, version: eb('version', '+', 1) }))
    .where('id', '=', call.id)
    .execute();
  return [
    {
      actor: opts.actor,
      action: 'call.linked',
      entityType: 'call',
      entityId: call.id,
      customerId: opts.customerId,
      data: {
        claimId: opts.claimId,
        previousClaimId: call.claim_id,
        ...(call.customer_id === null ? { identifiedCustomerId: opts.customerId } : {}),
      },
    },
  ];
}
