import type { Transaction } from 'kysely';
import { numberYear } from '../../db/number-year.ts';
import { nextNumber } from '../../db/numbers.ts';
import { isUniqueViolation } from '../../db/pg-errors.ts';
import type { DB } from '../../db/schema.ts';
import { type Executor, inTransaction } from '../../db/transaction.ts';
import { AppError } from '../../lib/errors.ts';
import { newId } from '../../lib/ids.ts';
import { validateNationalId } from '../../lib/national-id/index.ts';
import { parseInput } from '../../lib/parse-input.ts';
import { recordAuditEvent } from '../audit/index.ts';
import type { Actor } from '../users/actor.ts';
import { assertCan } from '../users/permissions.ts';
import {
  type CustomerInput,
  CustomerInputSchema,
  type CustomerView,
  DEFAULT_TIME_ZONE,
  toCustomerView,
} from './customer-schemas.ts';

const duplicate = () =>
  new AppError(
    'customer_national_id_exists',
    'A customer with this national identity number already exists.',
    {
      errors: [
        {
          in: 'body',
          path: ['nationalId'],
          code: 'duplicate',
          message: 'Already registered to another customer.',
        },
      ],
    },
  );

export async function createCustomer(opts: {
  db: Executor;
  actor: Actor;
  input: CustomerInput;
}): Promise<CustomerView> {
  const { actor } = opts;
  assertCan(actor, 'customers:create');
  const input = parseInput(CustomerInputSchema, opts.input);

  const idCountry = input.nationalIdCountry ?? input.country;
  const nid = validateNationalId(idCountry, input.nationalId);
  if (!nid.ok) {
    throw new AppError('national_id_invalid', nid.message, {
      errors: [{ in: 'body', path: ['nationalId'], code: nid.code, message: nid.message }],
    });
  }
  const timeZone = input.timeZone ?? DEFAULT_TIME_ZONE[input.country] ?? 'UTC';

  const write = async (trx: Transaction<DB>): Promise<CustomerView> => {
    const existing = await trx
      .selectFrom('customers')
      .select('id')
      .where('national_id_country', '=', idCountry as 'SE' | 'IT')
      .where('national_id', '=', nid.value.normalized)
      .executeTakeFirst();
    if (existing) throw duplicate();
    const id = newId();
    const row = await trx
      .insertInto('customers')
      .values({
        id,
        customer_number: await nextNumber(trx, 'CUS', numberYear()),
        given_name: input.givenName,
        family_name: input.familyName,
        preferred_language: input.preferredLanguage,
        email: input.email?.toLowerCase() ?? null,
        phone: input.phone ?? null,
        address: input.address ? JSON.stringify(input.address) : null,
        country: input.country,
        national_id: nid.value.normalized,
        national_id_country: idCountry as 'SE' | 'IT',
        birth_date: nid.value.birthDate,
        time_zone: timeZone,
      })
      .returningAll()
      .executeTakeFirstOrThrow();
    await recordAuditEvent(trx, {
      actor,
      action: 'customer.created',
      entityType: 'customer',
      entityId: id,
      customerId: id,
      data: { customerNumber: row.customer_number, country: row.country },
    });
    return toCustomerView(row);
  };

  try {
    return await inTransaction(opts.db, write);
  } catch (error) {
    // Lost a race with a concurrent registration of the same person.
    if (isUniqueViolation(error)) throw duplicate();
    throw error;
  }
}
