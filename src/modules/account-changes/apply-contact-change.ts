import { sql, type Transaction } from 'kysely';
import type { CustomerRow, DB } from '../../db/schema.ts';
import { newId } from '../../lib/ids.ts';
import type { AuditInput } from '../audit/index.ts';
import { type Actor, actorId } from '../users/actor.ts';
import type { ContactField, NewValue } from './new-value.ts';

const COLUMN: Record<ContactField, 'address' | 'phone' | 'email' | 'preferred_language'> = {
  address: 'address',
  phone: 'phone',
  email: 'email',
  preferred_language: 'preferred_language',
};

/** The customer's current value of a contact field, as it would be stored in old_value. */
export function contactValueOf(customer: CustomerRow, field: ContactField): unknown {
  return customer[COLUMN[field]] ?? null;
}

/**
 * Writes a contact change on the customer (locked by the caller) with a new version, and its
 * history row (old and new value, which request, who): the history is how anyone later answers
 * "where did we write to on that day".
 */
export async function applyContactChange(
  trx: Transaction<DB>,
  opts: {
    customer: CustomerRow;
    change: Extract<NewValue, { field: ContactField }>;
    requestId: string;
    actor: Actor;
    now: Date;
  },
): Promise<AuditInput[]> {
  const { customer, change } = opts;
  const oldValue = contactValueOf(customer, change.field);
  const stored = change.field === 'address' ? JSON.stringify(change.value) : change.value;
  await trx
    .updateTable('customers')
    .set({
      [COLUMN[change.field]]: stored,
      version: sql<number>`version + 1`,
      updated_at: opts.now,
    })
    .where('id', '=', customer.id)
    .execute();
  const historyId = newId();
  await trx
    .insertInto('customer_contact_history')
    .values({
      id: historyId,
      customer_id: customer.id,
      field: change.field,
      old_value: JSON.stringify(oldValue),
      new_value: JSON.stringify(change.value),
      change_request_id: opts.requestId,
      changed_by: actorId(opts.actor),
      changed_at: opts.now,
    })
    .execute();
  // The values themselves stay in the history table (personal data); the trail says what changed.
  return [
    {
      actor: opts.actor,
      action: 'customer.contact_changed',
      entityType: 'customer',
      entityId: customer.id,
      customerId: customer.id,
      data: {
        field: change.field,
        accountChangeId: opts.requestId,
        historyId,
        version: customer.version + 1,
      },
    },
  ];
}
