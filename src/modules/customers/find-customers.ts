import { type Kysely, sql } from 'kysely';
import type { DB } from '../../db/schema.ts';
import type { Executor } from '../../db/transaction.ts';
import { AppError } from '../../lib/errors.ts';
import { customerInReach, departmentScope, reaches } from '../referrals/department-reach.ts';
import type { Actor } from '../users/actor.ts';
import { assertCan, assertCanSeeCustomer } from '../users/permissions.ts';
import { type CustomerView, toCustomerView } from './customer-schemas.ts';

/** A 404 for a customer id that names nobody, before listing what would be an empty page. */
export async function assertCustomerExists(db: Executor, customerId: string): Promise<void> {
  const customer = await db
    .selectFrom('customers')
    .select('id')
    .where('id', '=', customerId)
    .executeTakeFirst();
  if (!customer) throw new AppError('not_found', 'No such customer.');
}

export async function getCustomer(opts: { db: Kysely<DB>; actor: Actor; id: string }): Promise<CustomerView> {
  assertCan(opts.actor, 'customers:read');
  assertCanSeeCustomer(opts.actor, opts.id, 'customer');
  const row = await opts.db.selectFrom('customers').selectAll().where('id', '=', opts.id).executeTakeFirst();
  // A department agent reads the header of a customer a referral to their department is about.
  if (!row || !(await reaches(opts.db, opts.actor, 'customer', row.id))) {
    throw new AppError('not_found', 'No such customer.');
  }
  return toCustomerView(row);
}

/**
 * Search by name, customer number, national id, email or phone — what a representative types with
 * a caller on the line. Customers only ever find themselves.
 */
export async function listCustomers(opts: {
  db: Kysely<DB>;
  actor: Actor;
  q?: string | undefined;
  limit: number;
  offset: number;
}): Promise<{ items: CustomerView[]; total: number }> {
  assertCan(opts.actor, 'customers:read');
  let query = opts.db.selectFrom('customers');
  if (opts.actor.kind === 'user' && opts.actor.role === 'customer') {
    query = query.where('id', '=', opts.actor.customerId ?? '00000000-0000-0000-0000-000000000000');
  }
  const department = departmentScope(opts.actor);
  if (department !== null) query = query.where(customerInReach(department, sql.ref('customers.id')));
  const q = opts.q?.trim();
  if (q) {
    const compact = q.replace(/[\s-]/g, '');
    const like = `%${q.toLowerCase()}%`;
    query = query.where((eb) =>
      eb.or([
        // concat() is variadic "any": an untyped parameter fails with "could not determine data type".
        eb(
          eb.fn('lower', [eb.fn('concat', ['given_name', eb.cast(eb.val(' '), 'text'), 'family_name'])]),
          'like',
          like,
        ),
        eb(eb.fn('lower', ['family_name']), 'like', like),
        eb('customer_number', '=', q.toUpperCase()),
        eb('national_id', '=', compact.toUpperCase()),
        eb('national_id', 'like', `%${compact}`),
        eb('email', '=', q.toLowerCase()),
        eb('phone', '=', compact),
      ]),
    );
  }
  const [rows, count] = await Promise.all([
    query
      .selectAll()
      .orderBy('family_name')
      .orderBy('given_name')
      .orderBy('id')
      .limit(opts.limit)
      .offset(opts.offset)
      .execute(),
    query.select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow(),
  ]);
  return { items: rows.map(toCustomerView), total: Number(count.n) };
}
