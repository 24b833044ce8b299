import type { DocumentEntityType } from '../../db/schema.ts';
import type { Executor } from '../../db/transaction.ts';
import { AppError } from '../../lib/errors.ts';
import { departmentScope, reaches } from '../referrals/department-reach.ts';
import type { Actor } from '../users/actor.ts';
import { canSeeCustomer } from '../users/permissions.ts';

// Who may see (and attach to) a record's documents. A customer: only their own claims, cases and
// customer record, never a referral (internal work between departments). A department agent: a
// referral only if it went to their department. Other staff: any. Everyone else is told "not
// found", never "forbidden", so ids cannot be probed.

const NOT_FOUND = () => new AppError('not_found', 'No such record.');

/**
 * The customer a record belongs to, if the actor may see it; 404 otherwise. NULL for a record
 * nobody has matched to a customer yet (an email or scan in triage, a print batch): staff only.
 */
export async function visibleRecordCustomer(
  db: Executor,
  actor: Actor,
  entityType: DocumentEntityType,
  entityId: string,
): Promise<string | null> {
  const owner = await recordOwner(db, entityType, entityId);
  if (!owner) throw NOT_FOUND();
  if (owner.customerId === null ? actor.role === 'customer' : !canSeeCustomer(actor, owner.customerId)) {
    throw NOT_FOUND();
  }
  if (entityType === 'referral' && !canSeeReferral(actor, owner.department)) throw NOT_FOUND();
  if (!(await reachesRecord(db, actor, entityType, entityId))) throw NOT_FOUND();
  return owner.customerId;
}

/**
 * A department agent reaches a record's documents only on a claim or case a referral to their
 * department links to, or on that referral (checked above); the customer's own record, emails,
 * scans and letters are beyond it (a document of those sent with the referral is readable one by
 * one: `documentInReach`).
 */
async function reachesRecord(
  db: Executor,
  actor: Actor,
  entityType: DocumentEntityType,
  entityId: string,
): Promise<boolean> {
  if (departmentScope(actor) === null || entityType === 'referral') return true;
  if (entityType === 'claim') return reaches(db, actor, 'claim', entityId);
  if (entityType === 'service_case') return reaches(db, actor, 'service_case', entityId);
  return false;
}

export function canSeeReferral(actor: Actor, department: string | null): boolean {
  if (actor.kind === 'system') return true;
  if (actor.role === 'customer') return false;
  if (actor.role === 'department_agent') return actor.department !== null && actor.department === department;
  return true;
}

async function recordOwner(
  db: Executor,
  entityType: DocumentEntityType,
  entityId: string,
): Promise<{ customerId: string | null; department: string | null } | null> {
  switch (entityType) {
    case 'claim': {
      const row = await db
        .selectFrom('claims')
        .select('customer_id')
        .where('id', '=', entityId)
        .executeTakeFirst();
      return row ? { customerId: row.customer_id, department: null } : null;
    }
    case 'service_case': {
      const row = await db
        .selectFrom('service_cases')
        .select('customer_id')
        .where('id', '=', entityId)
        .executeTakeFirst();
      return row ? { customerId: row.customer_id, department: null } : null;
    }
    case 'referral': {
      const row = await db
        .selectFrom('referrals')
        .select(['customer_id', 'department'])
        .where('id', '=', entityId)
        .executeTakeFirst();
      return row ? { customerId: row.customer_id, department: row.department } : null;
    }
    case 'customer': {
      const row = await db.selectFrom('customers').select('id').where('id', '=', entityId).executeTakeFirst();
      return row ? { customerId: row.id, department: null } : null;
    }
    case 'inbound_message': {
      const row = await db
        .selectFrom('inbound_messages')
        .select('customer_id')
        .where('id', '=', entityId)
        .executeTakeFirst();
      return row ? { customerId: row.customer_id, department: null } : null;
    }
    case 'scan': {
      const row = await db
        .selectFrom('scans')
        .leftJoin('inbound_messages', 'inbound_messages.id', 'scans.inbound_message_id')
        // The scan's own customer once linked, else the letter's it came in with.
        .select((eb) => eb.fn.coalesce('scans.customer_id', 'inbound_messages.customer_id').as('customer_id'))
        .where('scans.id', '=', entityId)
        .executeTakeFirst();
      return row ? { customerId: row.customer_id, department: null } : null;
    }
    case 'letter': {
      // A letter's PDF hangs off its delivery, or off a print batch (many customers: staff only).
      const delivery = await db
        .selectFrom('deliveries')
        .select('customer_id')
        .where('id', '=', entityId)
        .executeTakeFirst();
      if (delivery) return { customerId: delivery.customer_id, department: null };
      const batch = await db
        .selectFrom('print_batches')
        .select('id')
        .where('id', '=', entityId)
        .executeTakeFirst();
      return batch ? { customerId: null, department: null } : null;
    }
  }
}
