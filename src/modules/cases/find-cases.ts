import type { ServiceCaseRow } from '../../db/schema.ts';
import type { Executor } from '../../db/transaction.ts';
import { AppError } from '../../lib/errors.ts';
import { reaches } from '../referrals/department-reach.ts';
import type { Actor } from '../users/actor.ts';
import { canSeeCustomer } from '../users/permissions.ts';

const CASE_NUMBER = /^CASE-\d{4}-\d{6}$/;
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** True when `ref` has the shape of a case id or number (anything else cannot be one). */
export function isCaseRef(ref: string): boolean {
  const wanted = ref.trim().toUpperCase();
  return CASE_NUMBER.test(wanted) || UUID.test(wanted);
}

/**
 * The case by id or by the number read out on the phone (CASE-2026-000123), if the actor may see
 * it: a customer asking for another customer's case gets 404, never 403, so numbers cannot be
 * probed. `forUpdate` locks the row for a change in the caller's transaction.
 */
export async function loadCaseByRef(
  db: Executor,
  ref: string,
  actor: Actor,
  opts: { forUpdate?: boolean } = {},
): Promise<ServiceCaseRow> {
  const wanted = ref.trim().toUpperCase();
  const byNumber = CASE_NUMBER.test(wanted);
  if (!byNumber && !UUID.test(wanted)) throw new AppError('not_found', 'No such case.');
  let q = db
    .selectFrom('service_cases')
    .selectAll()
    .where(byNumber ? 'case_number' : 'id', '=', byNumber ? wanted : wanted.toLowerCase());
  if (opts.forUpdate) q = q.forUpdate();
  const row = await q.executeTakeFirst();
  // A department agent reaches only cases referred to their department.
  if (
    !row ||
    !canSeeCustomer(actor, row.customer_id) ||
    !(await reaches(db, actor, 'service_case', row.id))
  ) {
    throw new AppError('not_found', 'No such case.');
  }
  return row;
}

export function isCustomerActor(
  actor: Actor,
): actor is Extract<Actor, { kind: 'user' }> & { role: 'customer' } {
  return actor.kind === 'user' && actor.role === 'customer';
}
