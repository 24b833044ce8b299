import type { Transaction } from 'kysely';
import type { DB, ReferralRow } from '../../db/schema.ts';
import { newId } from '../../lib/ids.ts';
import type { AuditInput } from '../audit/index.ts';
import { caseOwner } from '../cases/index.ts';
import type { DepartmentRow } from '../departments/index.ts';
import { type Actor, actorId } from '../users/actor.ts';
import { closeReferralWork } from '../work/referral-work.ts';
import { releaseCaseIfDone } from './referral-guards.ts';
import { excerpt, notifyReferralStaff, staffReader } from './referral-notices.ts';

/**
 * The department's word comes back to the case, answered or returned: the referral is final, its
 * clock met and its item out of the queue; the answer (or the reason for returning it) lands on the
 * case as an internal message its owner reads with the rest of the case; the owner (or whoever
 * referred, on a case nobody owns) is told in the app; and the case goes back to in_progress once
 * it waits for no other department. Runs in the caller's transaction on the locked referral row.
 */
export async function finishReferral(
  trx: Transaction<DB>,
  opts: {
    row: ReferralRow;
    department: DepartmentRow;
    actor: Actor;
    outcome: 'answered' | 'returned';
    text: string;
    documentIds: string[];
    now: Date;
  },
): Promise<{ referral: ReferralRow; events: AuditInput[] }> {
  const { row, actor, outcome, now } = opts;
  const by = actorId(actor);
  const referral = await trx
    .updateTable('referrals')
    .set((eb) => ({
      status: outcome,
      updated_at: now,
      version: eb('version', '+', 1),
      ...(outcome === 'answered'
        ? { answer: opts.text, answered_by: by, answered_at: now, answer_document_ids: opts.documentIds }
        : { return_reason: opts.text, returned_by: by, returned_at: now }),
    }))
    .where('id', '=', row.id)
    .returningAll()
    .executeTakeFirstOrThrow();
  const caseRow = await trx
    .selectFrom('service_cases')
    .select(['case_number'])
    .where('id', '=', row.case_id)
    .executeTakeFirstOrThrow();
  const author = await staffReader(trx, by);
  const byName = author?.displayName ?? (actor.kind === 'system' ? actor.name : '—');

  const events: AuditInput[] = [
    {
      actor,
      action: `referral.${outcome}`,
      entityType: 'referral',
      entityId: row.id,
      customerId: row.customer_id,
      reason: outcome === 'returned' ? opts.text : null,
      data: {
        referralNumber: row.referral_number,
        department: row.department,
        caseNumber: caseRow.case_number,
        from: row.status,
        ...(outcome === 'answered' ? { documentIds: opts.documentIds } : {}),
      },
    },
  ];
  events.push(
    ...(await closeReferralWork(trx, {
      referralId: row.id,
      status: outcome,
      clocks: 'met',
      actor,
      reason: outcome === 'answered' ? 'The department answered.' : 'The department returned the referral.',
      now,
    })),
  );

  // Staff read internal notes in the case's history; the text is the department's own words.
  const heading =
    outcome === 'answered'
      ? `Answer from ${opts.department.name.en} to ${row.referral_number} (${byName}):`
      : `${row.referral_number} returned by ${opts.department.name.en} without an answer (${byName}):`;
  const message = await trx
    .insertInto('case_messages')
    .values({
      id: newId(),
      case_id: row.case_id,
      customer_id: row.customer_id,
      author_kind: actor.kind === 'system' ? 'system' : 'staff',
      author_user_id: by,
      visibility: 'internal',
      body: `${heading}\n\n${opts.text}`,
      document_ids: opts.documentIds,
      created_at: now,
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  events.push({
    actor,
    action: 'case.message_posted',
    entityType: 'service_case',
    entityId: row.case_id,
    customerId: row.customer_id,
    data: {
      caseNumber: caseRow.case_number,
      messageId: message.id,
      authorKind: actor.kind === 'system' ? 'system' : 'staff',
      visibility: 'internal',
      documentIds: opts.documentIds,
      referralId: row.id,
    },
  });

  const released = await releaseCaseIfDone(trx, {
    row,
    actor,
    reason: `${row.referral_number} ${outcome} by ${opts.department.name.en}.`,
    now,
  });
  if (released.length === 0) {
    // Still waiting for another department (or not waiting at all): the case changed all the same.
    await trx
      .updateTable('service_cases')
      .set((eb) => ({ version: eb('version', '+', 1), updated_at: now }))
      .where('id', '=', row.case_id)
      .execute();
  }
  events.push(...released);

  const owner = await staffReader(trx, (await caseOwner(trx, row.case_id)) ?? row.referred_by);
  if (owner) {
    await notifyReferralStaff(trx, {
      kind: outcome === 'answered' ? 'referral.answered' : 'referral.returned',
      event: outcome,
      referral: row,
      recipients: [owner],
      departmentName: opts.department.name,
      params: () => ({
        caseNumber: caseRow.case_number,
        by: byName,
        ...(outcome === 'answered' ? { answer: excerpt(opts.text) } : { reason: excerpt(opts.text) }),
      }),
    });
  }
  return { referral, events };
}
