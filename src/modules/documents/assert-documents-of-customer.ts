import type { Executor } from '../../db/transaction.ts';
import { AppError, type FieldError } from '../../lib/errors.ts';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/**
 * Attachments named on a case message or a referral must be documents of the same customer (an id
 * copied from another customer's file must not travel into this one). 422 document_not_of_customer
 * with the field path of each bad id, e.g. ["documentIds", 1]. Returns the ids, deduplicated, in
 * the order given.
 */
export async function assertDocumentsOfCustomer(
  db: Executor,
  customerId: string,
  documentIds: readonly string[] | undefined,
  path: readonly (string | number)[] = ['documentIds'],
): Promise<string[]> {
  if (!documentIds || documentIds.length === 0) return [];
  const wanted = documentIds.map((id) => id.toLowerCase());
  const valid = wanted.filter((id) => UUID.test(id));
  const found = valid.length
    ? await db
        .selectFrom('documents')
        .select('id')
        .where('id', 'in', [...new Set(valid)])
        .where('customer_id', '=', customerId)
        .execute()
    : [];
  const ok = new Set(found.map((d) => d.id));
  const errors: FieldError[] = wanted.flatMap((id, i) =>
    ok.has(id)
      ? []
      : [
          {
            in: 'body' as const,
            path: [...path, i],
            code: 'document_not_of_customer',
            message: `No document ${documentIds[i]} of this customer.`,
          },
        ],
  );
  if (errors.length > 0) {
    throw new AppError(
      'document_not_of_customer',
      `${errors.length} attached document${errors.length === 1 ? ' does' : 's do'} not belong to this customer.`,
      { errors },
    );
  }
  return [...new Set(wanted)];
}
