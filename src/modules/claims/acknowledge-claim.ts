import type { Transaction } from 'kysely';
import type { ClaimRow, DB } from '../../db/schema.ts';
import { todayIn } from '../../lib/dates.ts';
import { customerContact, notify } from '../notifications/index.ts';

/** The written acknowledgement of a registered claim, where the customer reads us, exactly once. */
export async function acknowledgeClaim(
  trx: Transaction<DB>,
  claim: Pick<ClaimRow, 'id' | 'customer_id' | 'claim_number' | 'registered_at'>,
): Promise<void> {
  const contact = await customerContact(trx, claim.customer_id);
  await notify(trx, {
    audience: 'customer',
    customerId: claim.customer_id,
    channel: contact.channel,
    kind: 'claim.acknowledged',
    language: contact.language,
    params: { reference: claim.claim_number, receivedOn: todayIn(contact.timeZone, claim.registered_at) },
    entityType: 'claim',
    entityId: claim.id,
    dedupeKey: `claim-acknowledged:${claim.id}`,
  });
}
