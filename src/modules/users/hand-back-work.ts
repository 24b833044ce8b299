import type { Transaction } from 'kysely';
import type { DB } from '../../db/schema.ts';
import { type AuditInput, recordAuditEvents } from '../audit/index.ts';
import type { Actor } from './actor.ts';

export type HandedBack = {
  claims: number;
  serviceCases: number;
  referrals: number;
  other: number;
  total: number;
};

/**
 * A deactivated login can no longer open its queue, so every open work item it owns goes back to
 * its team's (or, for a referral, its department's) queue, unassigned, in the deactivating
 * transaction: nothing is left waiting on someone who cannot sign in, and the deadline sweep then
 * warns the team instead of a login nobody reads. The team and the department stay as they were,
 * so the item stays where it was routed. Escalations addressed to the login (`escalated_to`) are
 * left alone: they belong to the supervisor chain, which a supervisor reassigns.
 * One audit event per item, in that item's customer's chain (chains taken in a fixed order so two
 * such transactions cannot wait on each other's chain locks).
 */
export async function handBackOpenWork(
  trx: Transaction<DB>,
  opts: { actor: Actor; userId: string; now: Date },
): Promise<HandedBack> {
  const items = await trx
    .updateTable('work_items')
    .set((eb) => ({ owner_id: null, version: eb('version', '+', 1), updated_at: opts.now }))
    .where('owner_id', '=', opts.userId)
    .where('open', '=', true)
    .returning(['id', 'kind', 'subject_id', 'customer_id', 'reference', 'team', 'department', 'version'])
    .execute();
  const byChain = new Map<string, { customerId: string | null; events: AuditInput[] }>();
  for (const item of items) {
    const chain = item.customer_id ?? 'system';
    const entry = byChain.get(chain) ?? { customerId: item.customer_id, events: [] };
    entry.events.push({
      actor: opts.actor,
      action: 'work_item.handed_back',
      entityType: 'work_item',
      entityId: item.id,
      customerId: item.customer_id,
      reason: 'The owner’s login was deactivated.',
      data: {
        kind: item.kind,
        reference: item.reference,
        subjectId: item.subject_id,
        from: opts.userId,
        to: null,
        team: item.team,
        department: item.department,
        version: item.version,
      },
    });
    byChain.set(chain, entry);
  }
  for (const chain of [...byChain.keys()].sort()) {
    const entry = byChain.get(chain);
    if (entry) await recordAuditEvents(trx, entry.customerId, entry.events);
  }
  const count = (kind: string) => items.filter((i) => i.kind === kind).length;
  const claims = count('claim');
  const serviceCases = count('service_case');
  const referrals = count('referral');
  return {
    claims,
    serviceCases,
    referrals,
    other: items.length - claims - serviceCases - referrals,
    total: items.length,
  };
}
