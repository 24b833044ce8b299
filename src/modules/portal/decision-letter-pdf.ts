import { type Kysely, sql } from 'kysely';
import type { DB } from '../../db/schema.ts';
import { todayIn } from '../../lib/dates.ts';
import { AppError } from '../../lib/errors.ts';
import { findClaimRow } from '../claims/find-claims.ts';
// Not on the decisions module's public surface: the notice's own parameters, re-derived from the decision.
import { decidedNoticeParams } from '../decisions/decision-texts.ts';
import { readDocumentBytes } from '../documents/index.ts';
// The outbound module reads a decision's letter data this way for its own deliveries.
import { loadDecisionLetterData } from '../outbound/decision-letter-data.ts';
import {
  composeLetter,
  formatLetterDate,
  letterDocument,
  letterheadFor,
  renderLetterPdf,
} from '../outbound/index.ts';
import type { Actor } from '../users/actor.ts';
import { assertCan } from '../users/permissions.ts';

export type LetterPdf = { filename: string; bytes: Uint8Array };

/**
 * The claim's latest decision letter as PDF. A customer with a portal login is told of a decision
 * in the portal only (notifyCustomerOfDecision), so no letter is ever written for them; this
 * writes the same letter — the outbound module's template, letterhead and decision data, in the
 * notice's language — when it is asked for. When the notice went by email or letter, its stored
 * PDF is returned instead: exactly what was sent. A customer reads only their own (404).
 */
export async function decisionLetterPdf(opts: {
  db: Kysely<DB>;
  actor: Actor;
  ref: string;
}): Promise<LetterPdf> {
  assertCan(opts.actor, 'claims:read');
  const claim = await findClaimRow(opts.db, opts.actor, opts.ref);
  const notice = await opts.db
    .selectFrom('notifications')
    .select(['id', 'language', 'created_at'])
    .where('entity_type', '=', 'claim')
    .where('entity_id', '=', claim.id)
    .where('kind', '=', 'claim.decided')
    .where('audience', '=', 'customer')
    .orderBy('created_at', 'desc')
    .orderBy('id', 'desc')
    .limit(1)
    .executeTakeFirst();
  if (!notice) throw new AppError('not_found', `Claim ${claim.claim_number} has no decision letter yet.`);

  const sent = await opts.db
    .selectFrom('deliveries')
    .innerJoin('documents', 'documents.id', 'deliveries.document_id')
    .select(['documents.id', 'documents.filename', 'documents.storage_key', 'documents.content'])
    .where('deliveries.notification_id', '=', notice.id)
    .executeTakeFirst();
  if (sent) return { filename: sent.filename, bytes: await readDocumentBytes(opts.db, sent) };

  // A read: the transaction only gives the letter data one consistent snapshot.
  return opts.db.transaction().execute(async (trx) => {
    const data = await loadDecisionLetterData(trx, {
      claimId: claim.id,
      notificationId: notice.id,
      language: notice.language,
    });
    const decision = await trx
      .selectFrom('claim_decisions')
      .selectAll()
      .where('claim_id', '=', claim.id)
      // Compared in SQL: a JS Date would cut the notice's timestamp to milliseconds.
      .where('decided_at', '<=', sql<Date>`(SELECT created_at FROM notifications WHERE id = ${notice.id})`)
      .orderBy('decision_no', 'desc')
      .limit(1)
      .executeTakeFirstOrThrow();
    const customer = await trx
      .selectFrom('customers')
      .select(['given_name', 'family_name', 'address', 'country', 'customer_number', 'time_zone'])
      .where('id', '=', claim.customer_id)
      .executeTakeFirstOrThrow();
    const name = `${customer.given_name} ${customer.family_name}`;
    const content = composeLetter({
      kind: 'claim.decided',
      language: notice.language,
      params: {
        reference: claim.claim_number,
        ...decidedNoticeParams(notice.language, {
          outcome: decision.outcome,
          amountMinor: Number(decision.amount_minor),
          currency: decision.currency,
          reasonCodes: decision.reason_codes,
          clause: decision.clauses[0] ?? null,
        }),
      },
      customerName: name,
      entity: 'claim',
      decision: data,
    });
    const senderCountry = customer.country === 'IT' ? 'IT' : 'SE';
    const bytes = await renderLetterPdf(
      letterDocument({
        content,
        letterhead: letterheadFor(senderCountry),
        senderCountry,
        recipient: {
          name,
          address: customer.address ?? { street: '', postalCode: '', city: '', country: customer.country },
        },
        dateText: formatLetterDate(todayIn(customer.time_zone, notice.created_at), notice.language),
        customerNumber: customer.customer_number,
      }),
    );
    return { filename: `${content.reference}-${content.template}.pdf`, bytes };
  });
}
