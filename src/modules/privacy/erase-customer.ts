import { type Kysely, sql } from 'kysely';
import type { DB } from '../../db/schema.ts';
import type { Executor } from '../../db/transaction.ts';
import { AppError } from '../../lib/errors.ts';
import { recordAuditEvent } from '../audit/index.ts';
import type { Actor } from '../users/actor.ts';
import { assertCan } from '../users/permissions.ts';
import {
  OPEN_ACCOUNT_CHANGE_STATUSES,
  OPEN_CASE_STATUSES,
  OPEN_CLAIM_STATUSES,
  OPEN_PAYMENT_STATUSES,
  type OpenMatter,
  openMatterErrors,
} from './open-matters.ts';
import { RETENTION_RULES, retainedUntil } from './retention-rules.ts';

// Erasure on request (GDPR art. 17). What the law lets us erase is erased; what a retention rule
// keeps (the claim file, payments, the audit trail) stays, but its owner becomes a pseudonym: the
// customer's row keeps its id and customer number, so retained records still hang together, while
// name, identity number, day and month of birth, contact details, the portal login and call details
// are gone. Audit events carry ids, not personal data (a test checks that none of the erased values
// is left anywhere in the customer's export), so nothing in the hash chain changes and it still
// verifies. One transaction: either all of it happens or none.

export type ErasureReport = {
  customerId: string;
  customerNumber: string;
  erasedAt: string;
  /** True when the customer had already been erased: nothing was changed this time. */
  alreadyErased: boolean;
  /** Rows changed per table. */
  erased: Record<string, number>;
  /** What is kept, why, and at most until when (counted from the erasure). */
  retained: { kind: string; tables: readonly string[]; reference: string; until: string | null }[];
};

export async function eraseCustomer(opts: {
  db: Kysely<DB>;
  actor: Actor;
  customerId: string;
  reason: string;
}): Promise<ErasureReport> {
  const { db, actor, customerId, reason } = opts;
  assertCan(actor, 'privacy:erase');
  return db.transaction().execute(async (trx) => {
    const customer = await trx
      .selectFrom('customers')
      .selectAll()
      .where('id', '=', customerId)
      .forUpdate()
      .executeTakeFirst();
    if (!customer) throw new AppError('not_found', 'No such customer.');
    const country = customer.national_id_country;
    if (customer.erased_at !== null) {
      return report(customer.id, customer.customer_number, customer.erased_at, true, {}, country);
    }
    const open = await openMatters(trx, customerId);
    if (open.length > 0) {
      throw new AppError(
        'erasure_blocked',
        `The customer has ${open.length} open matter(s); close them first. Nothing was erased.`,
        { errors: openMatterErrors(open) },
      );
    }

    const now = new Date();
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

    await recordAuditEvent(trx, {
      actor,
      action: 'customer.erased',
      entityType: 'customer',
      entityId: customerId,
      customerId,
      reason,
      data: { erased },
    });
    return report(customer.id, customer.customer_number, now, false, erased, country);
  });
}

async function openMatters(db: Executor, customerId: string): Promise<OpenMatter[]> {
  // (one query after the other: they share the transaction's connection)
  const claims = await db
    .selectFrom('claims')
    .select(['claim_number as reference', 'status'])
    .where('customer_id', '=', customerId)
    .where('status', 'in', OPEN_CLAIM_STATUSES)
    .execute();
  const cases = await db
    .selectFrom('service_cases')
    .select(['case_number as reference', 'status'])
    .where('customer_id', '=', customerId)
    .where('status', 'in', OPEN_CASE_STATUSES)
    .execute();
  const payments = await db
    .selectFrom('payment_orders')
    .select(['payment_number as reference', 'status'])
    .where('customer_id', '=', customerId)
    .where('status', 'in', OPEN_PAYMENT_STATUSES)
    .execute();
  const recoveries = await db
    .selectFrom('recovery_items')
    .select(['recovery_number as reference', 'status'])
    .where('customer_id', '=', customerId)
    .where('status', '=', 'open')
    .execute();
  const changes = await db
    .selectFrom('account_change_requests')
    .select(['id as reference', 'status'])
    .where('customer_id', '=', customerId)
    .where('status', 'in', OPEN_ACCOUNT_CHANGE_STATUSES)
    .execute();
  return [
    ...claims.map((r) => ({ kind: 'claim' as const, ...r })),
    ...cases.map((r) => ({ kind: 'service_case' as const, ...r })),
    ...payments.map((r) => ({ kind: 'payment' as const, ...r })),
    ...recoveries.map((r) => ({ kind: 'recovery' as const, ...r })),
    ...changes.map((r) => ({ kind: 'account_change' as const, ...r })),
  ];
}

function report(
  customerId: string,
  customerNumber: string,
  erasedAt: Date,
  alreadyErased: boolean,
  erased: Record<string, number>,
  country: 'SE' | 'IT',
): ErasureReport {
  const day = erasedAt.toISOString().slice(0, 10);
  return {
    customerId,
    customerNumber,
    erasedAt: erasedAt.toISOString(),
    alreadyErased,
    erased,
    retained: RETENTION_RULES.filter((r) => !r.personalDataErasedOnRequest).map((r) => ({
      kind: r.kind,
      tables: r.tables,
      reference: r.reference,
      until: retainedUntil(r, country, day),
    })),
  };
}
