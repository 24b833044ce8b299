import { sql, type Transaction } from 'kysely';
import type { DB } from '../../db/schema.ts';

// The identity part of an erasure (GDPR art. 17), shared by the erasure on request and the
// retention sweep (a customer with nothing left under any rule): the customer's row keeps its id
// and customer number, so audit events and anything retained still have an owner, while name,
// identity number, day and month of birth, contact details, the portal login and call details go.
// The caller holds the customer's row FOR UPDATE, has checked that nothing is open, and writes
// the audit event in the same transaction.

export type IdentityRow = { id: string; customer_number: string; birth_date: string };

/** Pseudonymises the customer's identity; returns the rows changed per table. */
export async function pseudonymiseIdentity(
  trx: Transaction<DB>,
  customer: IdentityRow,
  now: Date,
): Promise<Record<string, number>> {
  const customerId = customer.id;
  const erased: Record<string, number> = {};
  const count = (table: string, n: bigint | number | undefined) => {
    erased[table] = (erased[table] ?? 0) + Number(n ?? 0);
  };
  const birthYear = customer.birth_date.slice(0, 4);
  const c = await trx
    .updateTable('customers')
    .set({
      given_name: 'ERASED',
      family_name: customer.customer_number,
      // Unique per country, like the identity number it replaces; the year of birth stays because
      // retained claims may have been decided on age.
      national_id: `ERASED-${customer.customer_number}`,
      birth_date: `${birthYear}-01-01`,
      email: null,
      phone: null,
      address: null,
      erased_at: now,
      updated_at: now,
      version: sql<number>`version + 1`,
    })
    .where('id', '=', customerId)
    .executeTakeFirst();
  count('customers', c.numUpdatedRows);

  const logins = await trx.selectFrom('users').select('id').where('customer_id', '=', customerId).execute();
  for (const login of logins) {
    const u = await trx
      .updateTable('users')
      .set({
        email: `erased-${login.id}@invalid`,
        display_name: 'ERASED',
        // Not a hash any password can match: the login can never be used again.
        password_hash: '!erased',
        active: false,
      })
      .where('id', '=', login.id)
      .executeTakeFirst();
    count('users', u.numUpdatedRows);
    const s = await trx
      .updateTable('sessions')
      .set({ revoked_at: now })
      .where('user_id', '=', login.id)
      .where('revoked_at', 'is', null)
      .executeTakeFirst();
    count('sessions', s.numUpdatedRows);
  }

  // The customer as an insured person on policies: the name goes; the birth date stays with the
  // contract (the policy rule), because cover and past assessments may depend on age.
  const p = await trx
    .updateTable('policy_insured_persons')
    .set({ full_name: `ERASED ${customer.customer_number}` })
    .where('person_customer_id', '=', customerId)
    .executeTakeFirst();
  count('policy_insured_persons', p.numUpdatedRows);
  const h = await trx
    .updateTable('customer_contact_history')
    .set({ old_value: null, new_value: null })
    .where('customer_id', '=', customerId)
    .executeTakeFirst();
  count('customer_contact_history', h.numUpdatedRows);
  // Changes of contact details carry the old and new details; bank-account changes stay (payments rule).
  const a = await trx
    .updateTable('account_change_requests')
    .set({ old_value: null, new_value: sql`'null'::jsonb` })
    .where('customer_id', '=', customerId)
    .where('field', 'in', ['address', 'phone', 'email'])
    .executeTakeFirst();
  count('account_change_requests', a.numUpdatedRows);
  const k = await trx
    .updateTable('calls')
    .set({ phone_number: 'erased', notes: null })
    .where('customer_id', '=', customerId)
    .executeTakeFirst();
  count('calls', k.numUpdatedRows);
  return erased;
}
