import type { Transaction } from 'kysely';
import type { DB, ServiceCaseRow } from '../../db/schema.ts';
import { todayIn } from '../../lib/dates.ts';
import { NO_DEADLINE } from '../deadline-store/index.ts';
import { customerContact, type NoticeKind, notify } from '../notifications/index.ts';

// The customer-facing notices of a case, in the customer's language and usual channel (portal,
// email or letter), written in the same transaction as the change they tell about. Staff notices
// are sent where they arise (assignment, the customer's reply).

/** The longest excerpt of a message quoted in a notice; the whole text is on the case. */
const EXCERPT = 280;

export function excerpt(text: string): string {
  const flat = text.replace(/\s+/g, ' ').trim();
  return flat.length <= EXCERPT ? flat : `${flat.slice(0, EXCERPT - 1)}…`;
}

export async function notifyCustomerOfCase(
  trx: Transaction<DB>,
  serviceCase: Pick<ServiceCaseRow, 'id' | 'customer_id' | 'case_number'>,
  kind: NoticeKind,
  params: Record<string, string | number>,
  dedupeKey: string,
): Promise<void> {
  const contact = await customerContact(trx, serviceCase.customer_id);
  await notify(trx, {
    audience: 'customer',
    customerId: serviceCase.customer_id,
    channel: contact.channel,
    kind,
    language: contact.language,
    params: { reference: serviceCase.case_number, ...params },
    entityType: 'service_case',
    entityId: serviceCase.id,
    dedupeKey,
  });
}

/**
 * The written acknowledgement of a new case: its number and the date by which we answer (the
 * nearest running clock's due day in the customer's time zone). A case whose clocks are all paused
 * or absent has no such date; the acknowledgement then says "as soon as possible".
 */
export async function acknowledgeCase(
  trx: Transaction<DB>,
  serviceCase: Pick<ServiceCaseRow, 'id' | 'customer_id' | 'case_number' | 'subject'>,
): Promise<{ answerBy: string | null }> {
  const item = await trx
    .selectFrom('work_items')
    .innerJoin('customers', 'customers.id', 'work_items.customer_id')
    .select(['work_items.due_at', 'customers.time_zone', 'customers.preferred_language'])
    .where('work_items.kind', '=', 'service_case')
    .where('work_items.subject_id', '=', serviceCase.id)
    .executeTakeFirst();
  // A clock is due at the end of its last day (the instant the next one starts, or office
  // closing), so the day to name is the one holding the instant just before it.
  const answerBy =
    item && item.due_at.getTime() < NO_DEADLINE.getTime()
      ? todayIn(item.time_zone, new Date(item.due_at.getTime() - 1))
      : null;
  const soon = { sv: 'så snart som möjligt', it: 'al più presto', en: 'as soon as possible' };
  await notifyCustomerOfCase(
    trx,
    serviceCase,
    'case.opened',
    { subject: serviceCase.subject, answerBy: answerBy ?? soon[item?.preferred_language ?? 'en'] },
    `case:${serviceCase.id}:opened`,
  );
  return { answerBy };
}
