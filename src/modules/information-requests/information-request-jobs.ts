import type { Transaction } from 'kysely';
import type { DB, InformationItem } from '../../db/schema.ts';
import type { JobHandler } from '../../jobs/job-types.ts';
import { loadAssessmentContext } from '../assessment-store/load-assessment-context.ts';
import { type AuditInput, recordAuditEvents } from '../audit/index.ts';
import { transitionClaim } from '../claims/claim-lifecycle.ts';
import { recordDecision } from '../decisions/record-decision.ts';
import { customerContact, notify } from '../notifications/index.ts';
import { systemActor } from '../users/actor.ts';
import { closeClaimWork } from '../work/claim-work.ts';
import { describeItems, informationTerms } from './information-request-terms.ts';

// Reminders and the final date of a request for information, run by the job queue. Each handler
// locks the request row first and acts only if it is still open: an answer that arrived a moment
// earlier wins, and a reminder or closing that runs twice (a crashed worker, two workers) finds
// the work done — the notice's dedupe key and the status check make every effect happen once.

export const INFORMATION_ACTOR = systemActor('information-requests');

async function lockOpenRequest(trx: Transaction<DB>, id: unknown) {
  if (typeof id !== 'string') throw new Error('job payload lacks informationRequestId');
  const request = await trx
    .selectFrom('information_requests')
    .innerJoin('claims', 'claims.id', 'information_requests.claim_id')
    .selectAll('information_requests')
    .select(['claims.claim_number', 'claims.status as claim_status'])
    .where('information_requests.id', '=', id)
    .forUpdate()
    .executeTakeFirst();
  return request?.status === 'open' ? request : null;
}

async function termsOf(trx: Transaction<DB>, claimId: string) {
  const context = await loadAssessmentContext(trx, claimId);
  return informationTerms(context.product.config);
}

export const sendInformationReminder: JobHandler = async ({ trx, job }) => {
  const request = await lockOpenRequest(trx, job.payload.informationRequestId);
  if (!request) return;
  const n = Number(job.payload.n ?? 1);
  const contact = await customerContact(trx, request.customer_id);
  const terms = await termsOf(trx, request.claim_id);
  const sent = await notify(trx, {
    audience: 'customer',
    customerId: request.customer_id,
    channel: request.channel,
    kind: 'information.reminder',
    language: contact.language,
    params: {
      reference: request.claim_number,
      items: describeItems(request.items as InformationItem[], contact.language),
      dueOn: request.due_on,
      outcome: outcomeWord(terms.onNoAnswer, contact.language),
    },
    entityType: 'claim',
    entityId: request.claim_id,
    dedupeKey: `information:${request.id}:reminder:${n}`,
  });
  if (!sent) return;
  await trx
    .updateTable('information_requests')
    .set((eb) => ({ reminders_sent: eb('reminders_sent', '+', 1) }))
    .where('id', '=', request.id)
    .execute();
  await recordAuditEvents(trx, request.customer_id, [
    {
      actor: INFORMATION_ACTOR,
      action: 'information.reminded',
      entityType: 'claim',
      entityId: request.claim_id,
      customerId: request.customer_id,
      data: { informationRequestId: request.id, n, channel: request.channel },
    },
  ]);
};

/**
 * No answer by the final date: the claim ends as the product says — closed, or denied with a
 * decision row (reason no_answer) — the customer is told why and what they can still do.
 */
export const expireInformationRequest: JobHandler = async ({ trx, job }) => {
  const request = await lockOpenRequest(trx, job.payload.informationRequestId);
  if (!request) return;
  const terms = await termsOf(trx, request.claim_id);
  const contact = await customerContact(trx, request.customer_id);
  const events: AuditInput[] = [];
  await trx
    .updateTable('information_requests')
    .set({ status: 'expired' })
    .where('id', '=', request.id)
    .execute();
  events.push({
    actor: INFORMATION_ACTOR,
    action: 'information.expired',
    entityType: 'claim',
    entityId: request.claim_id,
    customerId: request.customer_id,
    reason: `No answer by ${request.due_on}; the product says: ${terms.onNoAnswer}.`,
    data: { informationRequestId: request.id, dueOn: request.due_on, onNoAnswer: terms.onNoAnswer },
  });
  if (terms.onNoAnswer === 'deny') {
    // A denial is a decision like any other: recorded (superseding an appealed one and giving back
    // its accumulators), the claim moved, its work closed, and the decision notice with appeal
    // rights sent; the notice below says why.
    const claim = await trx
      .selectFrom('claims')
      .selectAll()
      .where('id', '=', request.claim_id)
      .executeTakeFirstOrThrow();
    const latest = await trx
      .selectFrom('claim_assessments')
      .select('id')
      .where('claim_id', '=', claim.id)
      .orderBy('seq', 'desc')
      .executeTakeFirstOrThrow();
    const { events: decided } = await recordDecision(trx, {
      claim,
      actor: INFORMATION_ACTOR,
      outcome: 'deny',
      lines: [],
      totalMinor: 0,
      assessmentId: latest.id,
      deltas: [],
      reasonCodes: ['no_answer'],
      clause: terms.clause,
      comment: `No answer to the request for information by ${request.due_on}.`,
      escalationId: null,
    });
    events.push(...decided);
  } else {
    const moved = await transitionClaim(trx, request.claim_id, 'closed', {
      actor: INFORMATION_ACTOR,
      reason: `No answer to the request for information by ${request.due_on}.`,
      data: { informationRequestId: request.id },
    });
    if (moved) events.push(moved);
    events.push(
      ...(await closeClaimWork(trx, {
        claimId: request.claim_id,
        actor: INFORMATION_ACTOR,
        reason: 'No answer by the final date.',
      })),
    );
  }
  await notify(trx, {
    audience: 'customer',
    customerId: request.customer_id,
    channel: request.channel,
    kind: 'claim.closed_no_answer',
    language: contact.language,
    params: {
      reference: request.claim_number,
      items: describeItems(request.items as InformationItem[], contact.language),
      dueOn: request.due_on,
      outcome: outcomeWord(terms.onNoAnswer, contact.language),
      clause: terms.clause ?? TERMS_WORD[contact.language],
    },
    entityType: 'claim',
    entityId: request.claim_id,
    dedupeKey: `information:${request.id}:expired`,
  });
  await recordAuditEvents(trx, request.customer_id, events);
};

const TERMS_WORD = {
  en: 'the terms of your policy',
  sv: 'villkoren',
  it: 'le condizioni di polizza',
} as const;

function outcomeWord(onNoAnswer: 'close' | 'deny', language: 'sv' | 'it' | 'en'): string {
  const words = {
    close: { en: 'closed', sv: 'avslutats', it: 'chiusa' },
    deny: { en: 'denied', sv: 'avslagits', it: 'respinta' },
  } as const;
  return words[onNoAnswer][language];
}
