import type { Transaction } from 'kysely';
import type { DB, Language } from '../../db/schema.ts';

export type CustomerContact = {
  channel: 'portal' | 'email' | 'letter';
  language: Language;
  timeZone: string;
  name: string;
};

/**
 * How a customer hears from us unless told otherwise: in the portal when they have an active
 * login, else by email when we have an address, else by letter (everyone has an address of record).
 */
export async function customerContact(trx: Transaction<DB>, customerId: string): Promise<CustomerContact> {
  const customer = await trx
    .selectFrom('customers')
    .select(['email', 'preferred_language', 'time_zone', 'given_name', 'family_name'])
    .where('id', '=', customerId)
    .executeTakeFirstOrThrow();
  const login = await trx
    .selectFrom('users')
    .select('id')
    .where('customer_id', '=', customerId)
    .where('active', '=', true)
    .executeTakeFirst();
  return {
    channel: login ? 'portal' : customer.email ? 'email' : 'letter',
    language: customer.preferred_language,
    timeZone: customer.time_zone,
    name: `${customer.given_name} ${customer.family_name}`,
  };
}
