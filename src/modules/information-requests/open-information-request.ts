import type { Transaction } from 'kysely';
import type { DB, InformationChannel, InformationItem, InformationRequestRow } from '../../db/schema.ts';
import { enqueueJob } from '../../jobs/enqueue-job.ts';
import { todayIn } from '../../lib/dates.ts';
import { AppError, fieldError } from '../../lib/errors.ts';
import { newId } from '../../lib/ids.ts';
import type { AuditInput } from '../audit/index.ts';
import { transitionClaim } from '../claims/claim-lifecycle.ts';
import { pauseClocks, stopClocks } from '../deadline-store/index.ts';
import { customerContact, notify } from '../notifications/index.ts';
import { type Actor, actorId } from '../users/actor.ts';
import { workItemOf } from '../work/work-item-store.ts';
import {
  describeItems,
  expiryInstant,
  finalAnswerDay,
  type InformationTerms,
  reminderInstants,
} from './information-request-terms.ts';

export const REMINDER_JOB = 'information.reminder';
export const EXPIRY_JOB = 'information.expire';

/**
 * Asks the customer for items and makes the claim wait: the request (one open per claim), the
 * claim to awaiting_information, its clocks paused where the law pauses them (and first contact
 * met: asking is contacting), the notice to the customer in their language and channel, and the
 * reminder and expiry jobs — all in the caller's transaction, so either all of it happened or none.
 */
export async function openInformationRequest(
  trx: Transaction<DB>,
  opts: {
    claim: { id: string; claim_number: string; customer_id: string };
    items: readonly InformationItem[];
    terms: InformationTerms;
    actor: Actor;
    dueOn?: string | undefined;
    channel?: InformationChannel | undefined;
    /** Asked by the assessment while registering: part of the same change (the version stays 1). */
    partOfRegistration?: boolean;
    now?: Date;
  },
): Promise<{ request: InformationRequestRow; events: AuditInput[] }> {
  const now = opts.now ?? new Date();
  const { claim } = opts;
  const contact = await customerContact(trx, claim.customer_id);
  const today = todayIn(contact.timeZone, now);
  const dueOn = opts.dueOn ?? finalAnswerDay(today, opts.terms);
  if (dueOn <= today) {
    throw fieldError(
      'validation_failed',
      ['dueOn'],
      `The final date ${dueOn} must be after today (${today}).`,
      'not_in_future',
    );
  }
  const open = await trx
    .selectFrom('information_requests')
    .select('id')
    .where('claim_id', '=', claim.id)
    .where('status', '=', 'open')
    .executeTakeFirst();
  if (open) {
    throw new AppError(
      'information_request_open',
      `Claim ${claim.claim_number} already waits for an answer.`,
      {
        extra: { informationRequestId: open.id },
      },
    );
  }
  const channel = opts.channel ?? contact.channel;
  const request = await trx
    .insertInto('information_requests')
    .values({
      id: newId(),
      claim_id: claim.id,
      customer_id: claim.customer_id,
      items: JSON.stringify(opts.items),
      channel,
      due_on: dueOn,
      requested_by: actorId(opts.actor),
      status: 'open',
    })
    .returningAll()
    .executeTakeFirstOrThrow();

  const events: AuditInput[] = [
    {
      actor: opts.actor,
      action: 'information.requested',
      entityType: 'claim',
      entityId: claim.id,
      customerId: claim.customer_id,
      data: {
        informationRequestId: request.id,
        items: opts.items,
        dueOn,
        channel,
        claimNumber: claim.claim_number,
      },
    },
  ];
  const moved = await transitionClaim(trx, claim.id, 'awaiting_information', {
    actor: opts.actor,
    reason: `Waiting for the customer: ${describeItems(opts.items, 'en')} (by ${dueOn}).`,
    data: { informationRequestId: request.id },
    bumpVersion: !opts.partOfRegistration,
  });
  if (moved) events.push(moved);
  const item = await workItemOf(trx, 'claim', claim.id);
  if (item) {
    events.push(
      ...(await pauseClocks(trx, {
        workItemId: item.id,
        actor: opts.actor,
        reason: 'Waiting for the customer.',
        now,
      })),
    );
    events.push(
      ...(await stopClocks(trx, {
        item,
        status: 'met',
        policyCode: 'internal.first_contact',
        actor: opts.actor,
        reason: 'The customer was contacted with a request for information.',
        now,
      })),
    );
  }
  await notify(trx, {
    audience: 'customer',
    customerId: claim.customer_id,
    channel,
    kind: 'information.requested',
    language: contact.language,
    params: { reference: claim.claim_number, items: describeItems(opts.items, contact.language), dueOn },
    entityType: 'claim',
    entityId: claim.id,
    dedupeKey: `information:${request.id}:requested`,
  });
  for (const reminder of reminderInstants(dueOn, opts.terms, contact.timeZone, now)) {
    await enqueueJob(trx, {
      kind: REMINDER_JOB,
      runAt: reminder.at,
      payload: { informationRequestId: request.id, n: reminder.n },
      uniqueKey: `${REMINDER_JOB}:${request.id}:${reminder.n}`,
    });
  }
  await enqueueJob(trx, {
    kind: EXPIRY_JOB,
    runAt: expiryInstant(dueOn, contact.timeZone),
    payload: { informationRequestId: request.id },
    uniqueKey: `${EXPIRY_JOB}:${request.id}`,
  });
  return { request, events };
}
