import type { Kysely } from 'kysely';
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
import { pseudonymiseIdentity } from './pseudonymise-identity.ts';
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
    const erased = await pseudonymiseIdentity(trx, customer, now);

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
