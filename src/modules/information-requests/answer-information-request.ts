import type { Transaction } from 'kysely';
import type { ClaimRow, DB, InformationRequestRow } from '../../db/schema.ts';
import { AppError } from '../../lib/errors.ts';
import { type AssessmentRun, runAssessment } from '../assessment-store/index.ts';
import type { AuditInput } from '../audit/index.ts';
import { transitionClaim } from '../claims/claim-lifecycle.ts';
import { resumeClocks } from '../deadline-store/index.ts';
import { notify } from '../notifications/index.ts';
import type { Actor } from '../users/actor.ts';
import { closeClaimWork } from '../work/claim-work.ts';
import { workItemOf } from '../work/work-item-store.ts';

export type InformationAnswer = {
  channel: 'portal' | 'email' | 'letter' | 'phone';
  documents: readonly string[];
  answers: readonly string[];
  note?: string | undefined;
};

/**
 * The customer's answer, whichever channel brings it first: the request is answered, documents
 * received are added to the claim, the clocks resume, the claim returns to its owner's queue and
 * is re-assessed (and decided straight through if it is now clean and under the threshold). The
 * request row is locked first, so a reminder or the expiry running at the same moment either
 * finished before (and this answer still wins if the request is open) or sees it answered.
 */
export async function applyInformationAnswer(
  trx: Transaction<DB>,
  opts: { claim: ClaimRow; answer: InformationAnswer; actor: Actor; now?: Date },
): Promise<{ request: InformationRequestRow; run: AssessmentRun; events: AuditInput[] }> {
  const now = opts.now ?? new Date();
  const { claim, answer } = opts;
  const request = await trx
    .selectFrom('information_requests')
    .selectAll()
    .where('claim_id', '=', claim.id)
    .orderBy('created_at', 'desc')
    .limit(1)
    .forUpdate()
    .executeTakeFirst();
  if (request?.status !== 'open') {
    throw new AppError(
      'information_request_closed',
      `Claim ${claim.claim_number} is not waiting for an answer${request ? ` (the last request is ${request.status})` : ''}.`,
      { extra: { claimNumber: claim.claim_number, status: request?.status ?? null } },
    );
  }
  const answered = await trx
    .updateTable('information_requests')
    .set({
      status: 'answered',
      answered_at: now,
      answer_channel: answer.channel,
      answer: JSON.stringify({
        documents: answer.documents,
        answers: answer.answers,
        note: answer.note ?? null,
      }),
    })
    .where('id', '=', request.id)
    .returningAll()
    .executeTakeFirstOrThrow();
  const added = [...new Set(answer.documents)].filter((d) => !claim.documents.includes(d)).sort();
  const documents = [...claim.documents, ...added].sort();
  await trx
    .updateTable('claims')
    .set((eb) => ({ documents, version: eb('version', '+', 1) }))
    .where('id', '=', claim.id)
    .execute();

  const events: AuditInput[] = [
    {
      actor: opts.actor,
      action: 'information.answered',
      entityType: 'claim',
      entityId: claim.id,
      customerId: claim.customer_id,
      data: {
        informationRequestId: request.id,
        channel: answer.channel,
        documentsAdded: added,
        answers: answer.answers.length,
        claimNumber: claim.claim_number,
      },
    },
  ];
  const back = await transitionClaim(trx, claim.id, 'in_review', {
    actor: opts.actor,
    reason: `The customer answered by ${answer.channel}.`,
    data: { informationRequestId: request.id },
    bumpVersion: false,
  });
  if (back) events.push(back);
  const item = await workItemOf(trx, 'claim', claim.id);
  if (item) {
    events.push(
      ...(await resumeClocks(trx, {
        workItemId: item.id,
        actor: opts.actor,
        reason: 'The customer answered.',
        now,
      })),
    );
  }
  const run = await runAssessment(trx, {
    claimId: claim.id,
    policyId: claim.policy_id,
    trigger: 'documents_received',
  });
  events.push(...run.events);
  if (run.decision) {
    events.push(
      ...(await closeClaimWork(trx, {
        claimId: claim.id,
        actor: opts.actor,
        reason: 'Decided straight through after the answer.',
      })),
    );
  } else if (item?.owner_id) {
    const owner = await trx
      .selectFrom('users')
      .select('locale')
      .where('id', '=', item.owner_id)
      .executeTakeFirst();
    await notify(trx, {
      audience: 'staff',
      userId: item.owner_id,
      customerId: claim.customer_id,
      kind: 'information.answered',
      language: owner?.locale ?? 'en',
      params: {
        reference: claim.claim_number,
        summary:
          [
            added.length > 0 ? `+${added.join(', ')}` : '',
            answer.answers.length > 0 ? `${answer.answers.length} answer(s)` : '',
          ]
            .filter(Boolean)
            .join('; ') || answer.channel,
      },
      entityType: 'work_item',
      entityId: item.id,
      dedupeKey: `information:${request.id}:answered`,
    });
  }
  return { request: answered, run, events };
}
