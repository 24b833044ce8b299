import type { Transaction } from 'kysely';
import type { ClaimDecisionRow, ClaimRow, DB } from '../../db/schema.ts';
import { customerContact, notify } from '../notifications/index.ts';
import { decidedNoticeParams } from './decision-texts.ts';

// The customer's notice of a decision, by a person or straight through: the same words, the same
// letter (the outbound module renders 'claim.decided' as the full decision letter).

/** The customer hears of the decision where they read us: the portal if they have a login, else email, else a letter. */
export async function notifyCustomerOfDecision(
  trx: Transaction<DB>,
  claim: Pick<ClaimRow, 'id' | 'customer_id' | 'claim_number'>,
  decision: ClaimDecisionRow,
) {
  const { channel, language } = await customerContact(trx, claim.customer_id);
  await notify(trx, {
    audience: 'customer',
    customerId: claim.customer_id,
    channel,
    kind: 'claim.decided',
    language,
    params: {
      reference: claim.claim_number,
      ...decidedNoticeParams(language, {
        outcome: decision.outcome,
        amountMinor: decision.amount_minor,
        currency: decision.currency,
        reasonCodes: decision.reason_codes,
        clause: decision.clauses[0] ?? null,
      }),
    },
    entityType: 'claim',
    entityId: claim.id,
    dedupeKey: `decided:${decision.id}`,
  });
}
