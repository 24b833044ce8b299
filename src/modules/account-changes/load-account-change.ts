import type { AccountChangeRequestRow, ServiceCaseRow } from '../../db/schema.ts';
import type { Executor } from '../../db/transaction.ts';
import { AppError } from '../../lib/errors.ts';
import { reaches } from '../referrals/department-reach.ts';
import type { Actor } from '../users/actor.ts';
import { canSeeCustomer } from '../users/permissions.ts';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/**
 * The request and its case, if the actor may see them (a customer asking for another customer's
 * change gets 404, never 403). `forUpdate` locks the request row for the caller's transaction:
 * two people acting on one change run one after the other.
 */
export async function loadAccountChange(
  db: Executor,
  id: string,
  actor: Actor,
  opts: { forUpdate?: boolean } = {},
): Promise<{ request: AccountChangeRequestRow; serviceCase: ServiceCaseRow }> {
  if (!UUID.test(id)) throw new AppError('not_found', 'No such account change.');
  let q = db.selectFrom('account_change_requests').selectAll().where('id', '=', id.toLowerCase());
  if (opts.forUpdate) q = q.forUpdate();
  const request = await q.executeTakeFirst();
  // A department agent reads a change only on a case referred to their department.
  if (
    !request ||
    !canSeeCustomer(actor, request.customer_id) ||
    !(await reaches(db, actor, 'service_case', request.case_id))
  ) {
    throw new AppError('not_found', 'No such account change.');
  }
  const serviceCase = await db
    .selectFrom('service_cases')
    .selectAll()
    .where('id', '=', request.case_id)
    .executeTakeFirstOrThrow();
  return { request, serviceCase };
}

/** The customer row, locked: contact details and the payout account change one at a time. */
export async function lockCustomer(db: Executor, customerId: string) {
  const customer = await db
    .selectFrom('customers')
    .selectAll()
    .where('id', '=', customerId)
    .forUpdate()
    .executeTakeFirst();
  if (!customer) throw new AppError('not_found', 'No such customer.');
  return customer;
}
