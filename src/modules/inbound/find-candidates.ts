import { sql } from 'kysely';
import type { Executor } from '../../db/transaction.ts';
import type { MatchCandidates, MatchLookups } from './match-message.ts';

// The candidates matchMessage decides among, read set-based: one query per kind of reference,
// each on an index (claim and case numbers, Message-IDs of our deliveries and of earlier inbound
// messages, national ids, lower(email)), however many the message names. Nothing is read for a
// kind the message does not name.

export async function findMatchCandidates(db: Executor, lookups: MatchLookups): Promise<MatchCandidates> {
  // Our Message-IDs may be stored with or without their angle brackets: ask for both.
  const idForms = lookups.messageIds.flatMap((id) => [id, id.slice(1, -1)]);
  const [claims, cases, deliveries, inbound, byNationalId, byAddress] = await Promise.all([
    lookups.claimNumbers.length === 0
      ? []
      : db
          .selectFrom('claims')
          .select(['id', 'claim_number as claimNumber', 'customer_id as customerId'])
          .where('claim_number', 'in', lookups.claimNumbers)
          .execute(),
    lookups.caseNumbers.length === 0
      ? []
      : db
          .selectFrom('service_cases')
          .select(['id', 'case_number as caseNumber', 'customer_id as customerId'])
          .where('case_number', 'in', lookups.caseNumbers)
          .execute(),
    idForms.length === 0
      ? []
      : db
          .selectFrom('deliveries as d')
          .innerJoin('notifications as n', 'n.id', 'd.notification_id')
          .select([
            'd.smtp_message_id as messageId',
            'd.customer_id as customerId',
            'n.customer_id as noticeCustomerId',
            'n.entity_type as entityType',
            'n.entity_id as entityId',
          ])
          .where('d.smtp_message_id', 'in', idForms)
          .execute(),
    idForms.length === 0
      ? []
      : db
          .selectFrom('inbound_messages')
          .select([
            'message_id as messageId',
            'customer_id as customerId',
            'claim_id as claimId',
            'case_id as caseId',
          ])
          .where('message_id', 'in', idForms)
          .execute(),
    lookups.nationalIds.length === 0
      ? []
      : db
          .selectFrom('customers')
          .select(['id as customerId', 'national_id_country as country', 'national_id as value'])
          .where(
            sql<boolean>`(national_id_country, national_id) IN (${sql.join(
              lookups.nationalIds.map((n) => sql`(${n.country}, ${n.value})`),
            )})`,
          )
          .execute(),
    lookups.fromAddress === null
      ? []
      : db
          .selectFrom('customers')
          .select(['id as customerId', 'email'])
          .where(sql<string>`lower(email)`, '=', lookups.fromAddress)
          // Two are enough to know the address is not one customer's.
          .limit(2)
          .execute(),
  ]);
  return {
    claims,
    cases,
    threads: [
      ...deliveries.map((d) => ({
        messageId: d.messageId ?? '',
        customerId: d.customerId ?? d.noticeCustomerId,
        claimId: d.entityType === 'claim' ? d.entityId : null,
        caseId: d.entityType === 'service_case' ? d.entityId : null,
      })),
      ...inbound.map((m) => ({
        messageId: m.messageId ?? '',
        customerId: m.customerId,
        claimId: m.claimId,
        caseId: m.caseId,
      })),
    ],
    customersByNationalId: byNationalId,
    customersByAddress: byAddress.map((c) => ({ customerId: c.customerId, email: c.email ?? '' })),
  };
}
