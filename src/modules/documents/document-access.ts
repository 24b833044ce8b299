import type { DocumentEntityType } from '../../db/schema.ts';
import type { Executor } from '../../db/transaction.ts';
import { AppError } from '../../lib/errors.ts';
import type { Actor } from '../users/actor.ts';
import { canSeeCustomer } from '../users/permissions.ts';

// Who may see (and attach to) a record's documents. A customer: only their own claims, cases and
// customer record, never a referral (internal work between departments). A department agent: a
// referral only if it went to their department. Other staff: any. Everyone else is told "not
// found", never "forbidden", so ids cannot be probed.

const NOT_FOUND = () => new AppError('not_found', 'No such record.');

/** The customer a record belongs to, if the actor may see it; 404 otherwise. */
export async function visibleRecordCustomer(
  db: Executor,
  actor: Actor,
  entityType: DocumentEntityType,
  entityId: string,
): Promise<string> {
  const owner = await recordOwner(db, entityType, entityId);
  if (!owner) throw NOT_FOUND();
  if (!canSeeCustomer(actor, owner.customerId)) throw NOT_FOUND();
  if (entityType === 'referral' && !canSeeReferral(actor, owner.department)) throw NOT_FOUND();
  return owner.customerId;
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
): Promise<{ customerId: string; department: string | null } | null> {
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
  }
}
