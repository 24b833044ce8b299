import type { Transaction } from 'kysely';
import type { DB } from '../../db/schema.ts';
import { AppError, type FieldError } from '../../lib/errors.ts';

// A call is about one customer: the claim and case it links to must be that customer's (a claim
// id mistyped from another file must not put this conversation on someone else's record). A call
// from a caller not yet identified takes its customer from what it is linked to.

export type CallLinks = { customerId: string | null; claimId: string | null; caseId: string | null };

/**
 * Checks the links against the call's customer and returns the customer the call belongs to:
 * the one given, else the linked records' (which must agree). 422 call_link_invalid with the
 * field path of every bad link; a record that does not exist gets the same answer.
 */
export async function resolveCallLinks(trx: Transaction<DB>, links: CallLinks): Promise<string | null> {
  const [claim, serviceCase] = await Promise.all([
    links.claimId
      ? trx.selectFrom('claims').select('customer_id').where('id', '=', links.claimId).executeTakeFirst()
      : undefined,
    links.caseId
      ? trx
          .selectFrom('service_cases')
          .select('customer_id')
          .where('id', '=', links.caseId)
          .executeTakeFirst()
      : undefined,
  ]);
  const customerId = links.customerId ?? claim?.customer_id ?? serviceCase?.customer_id ?? null;
  const errors: FieldError[] = [];
  if (links.claimId && (!claim || claim.customer_id !== customerId)) {
    errors.push({
      in: 'body',
      path: ['claimId'],
      code: 'call_link_invalid',
      message: "No claim with this id belongs to the call's customer.",
    });
  }
  if (links.caseId && (!serviceCase || serviceCase.customer_id !== customerId)) {
    errors.push({
      in: 'body',
      path: ['caseId'],
      code: 'call_link_invalid',
      message: "No service case with this id belongs to the call's customer.",
    });
  }
  if (errors.length > 0) {
    throw new AppError('call_link_invalid', errors.map((e) => e.message).join(' '), { errors });
  }
  return customerId;
}
