import type { Transaction } from 'kysely';
import {
  claimIdempotencyKey,
  type IdempotencyKey,
  requestHash,
  storeIdempotentResponse,
} from '../../db/idempotency.ts';
import { numberYear } from '../../db/number-year.ts';
import { nextNumber } from '../../db/numbers.ts';
import { isUniqueViolation } from '../../db/pg-errors.ts';
import type { CaseStatus, DB, ReferralRow } from '../../db/schema.ts';
import { type Executor, inTransaction } from '../../db/transaction.ts';
import { formatInstant } from '../../lib/dates.ts';
import { AppError } from '../../lib/errors.ts';
import { newId } from '../../lib/ids.ts';
import { parseInput } from '../../lib/parse-input.ts';
import { type AuditInput, recordAuditEvents } from '../audit/index.ts';
import { canTransitionCase, caseOwner, loadCaseByRef, transitionCaseInTransaction } from '../cases/index.ts';
import { calendarFor } from '../deadline-store/index.ts';
import { assertDepartmentStaffed, departmentRecipients, findActiveDepartment } from '../departments/index.ts';
import { assertDocumentsOfCustomer } from '../documents/index.ts';
import { type Actor, actorId } from '../users/actor.ts';
import { assertCan } from '../users/permissions.ts';
import { openReferralWork } from '../work/referral-work.ts';
import { referralView } from './find-referrals.ts';
import { LIVE_REFERRAL_STATUSES, referralPolicyCode } from './referral-lifecycle.ts';
import { excerpt, notifyReferralStaff, URGENCY_WORDS } from './referral-notices.ts';
import { type NewReferral, NewReferralSchema, type ReferralView } from './referral-schemas.ts';

export type ReferCaseResult = { status: 200 | 201; body: ReferralView; replayed: boolean };

/** A case that is over takes no more questions to departments. */
const FINISHED: readonly CaseStatus[] = ['resolved', 'closed', 'withdrawn'];

/**
 * The case's representative hands a question to a department. In one transaction: the referral
 * (RFR-YYYY-NNNNNN, gap-free), its own work item in the department's queue with no owner and its
 * own clock (3 business days, or 4 business hours when urgent, on the customer's calendar), the
 * case moved to awaiting_department (its own item, and so its owner, untouched: the owner keeps
 * the case), an in-app notice to everyone in the department, and the audit trail.
 *
 * Refused: an unknown or inactive department (422 department_not_found), one nobody staffs (422
 * department_unstaffed), a finished case (409 case_transition_not_allowed), a second live referral
 * to the same department on the case (409 referral_already_open naming it: the case row is locked
 * first, so two at once run one after the other, and the unique index referrals_live_idx is the
 * guarantee). A retry with the same Idempotency-Key returns the first response (200).
 */
export async function referCase(opts: {
  db: Executor;
  actor: Actor;
  caseRef: string;
  input: NewReferral;
  idempotencyKey?: string | undefined;
  now?: Date;
}): Promise<ReferCaseResult> {
  const { actor } = opts;
  assertCan(actor, 'referrals:create');
  const input = parseInput(NewReferralSchema, opts.input);
  const key: IdempotencyKey | null = opts.idempotencyKey
    ? { scope: `referrals.create:${actorId(actor) ?? 'system'}`, key: opts.idempotencyKey }
    : null;
  const hash = requestHash({ caseRef: opts.caseRef.trim().toUpperCase(), input });

  return inTransaction(opts.db, async (trx) => {
    const now = opts.now ?? new Date();
    if (key) {
      const replay = await claimIdempotencyKey<ReferralView>(trx, key, hash);
      if (replay) return { status: 200, body: replay.body, replayed: true };
    }
    const serviceCase = await loadCaseByRef(trx, opts.caseRef, actor, { forUpdate: true });
    if (FINISHED.includes(serviceCase.status)) {
      throw new AppError(
        'case_transition_not_allowed',
        `Case ${serviceCase.case_number} is ${serviceCase.status}: it takes no more referrals.`,
        { extra: { from: serviceCase.status, to: 'awaiting_department' } },
      );
    }
    const department = await findActiveDepartment(trx, input.department, ['department'], { forShare: true });
    await assertDepartmentStaffed(trx, department);
    const documentIds = await assertDocumentsOfCustomer(trx, serviceCase.customer_id, input.documentIds);
    await assertNoLiveReferral(trx, serviceCase.id, department.code);

    // The one who asks hears the answer if the case has no owner; a referral always has a person.
    const referredBy = actorId(actor) ?? (await caseOwner(trx, serviceCase.id)) ?? serviceCase.opened_by;
    if (!referredBy)
      throw new AppError('forbidden', 'A referral is made by a person: the case has nobody on it.');
    const referralNumber = await nextNumber(trx, 'RFR', numberYear(now));
    let referral: ReferralRow;
    try {
      referral = await trx
        .insertInto('referrals')
        .values({
          id: newId(),
          referral_number: referralNumber,
          case_id: serviceCase.id,
          customer_id: serviceCase.customer_id,
          department: department.code,
          question: input.question,
          document_ids: documentIds,
          urgency: input.urgency,
          status: 'open',
          referred_by: referredBy,
          created_at: now,
          updated_at: now,
        })
        .returningAll()
        .executeTakeFirstOrThrow();
    } catch (error) {
      // Unreachable while the case row is locked first; the index stays the guarantee (the failed
      // statement aborted the transaction, so the existing number cannot be read here).
      if (isUniqueViolation(error, 'referrals_live_idx')) {
        throw new AppError(
          'referral_already_open',
          `The case already has a live referral to ${department.code}.`,
        );
      }
      throw error;
    }

    const customer = await trx
      .selectFrom('customers')
      .select(['preferred_language', 'country'])
      .where('id', '=', serviceCase.customer_id)
      .executeTakeFirstOrThrow();
    const calendar = calendarFor(customer.country);
    const events: AuditInput[] = [
      {
        actor,
        action: 'referral.created',
        entityType: 'referral',
        entityId: referral.id,
        customerId: referral.customer_id,
        data: {
          referralNumber,
          caseId: serviceCase.id,
          caseNumber: serviceCase.case_number,
          department: department.code,
          urgency: referral.urgency,
          documentIds,
        },
      },
    ];
    const work = await openReferralWork(trx, {
      referral,
      caseNumber: serviceCase.case_number,
      language: customer.preferred_language,
      policyCode: referralPolicyCode(referral.urgency),
      calendar,
      actor,
      now,
    });
    events.push(...work.events);
    // The case waits for the department unless it already does, or waits for the customer (the
    // referral then runs alongside; the answer lands on the case all the same).
    if (
      serviceCase.status !== 'awaiting_department' &&
      canTransitionCase(serviceCase.status, 'awaiting_department')
    ) {
      const moved = await transitionCaseInTransaction(trx, {
        caseId: serviceCase.id,
        to: 'awaiting_department',
        actor,
        reason: `Referred to ${department.name.en} (${referralNumber}).`,
        now,
      });
      events.push(...moved.events);
    }

    const due = await dueOf(trx, work.item.id);
    await notifyReferralStaff(trx, {
      kind: 'referral.received',
      event: 'received',
      referral,
      recipients: await departmentRecipients(trx, department),
      departmentName: department.name,
      params: (language) => ({
        caseNumber: serviceCase.case_number,
        urgency: URGENCY_WORDS[referral.urgency][language],
        due: due ? formatInstant(due, calendar, language) : '—',
        question: excerpt(referral.question),
      }),
    });
    await recordAuditEvents(trx, referral.customer_id, events);
    const result: ReferCaseResult = { status: 201, body: await referralView(trx, referral), replayed: false };
    if (key) await storeIdempotentResponse(trx, key, result.status, result.body);
    return result;
  });
}

async function assertNoLiveReferral(trx: Transaction<DB>, caseId: string, department: string): Promise<void> {
  const live = await trx
    .selectFrom('referrals')
    .select(['id', 'referral_number', 'status'])
    .where('case_id', '=', caseId)
    .where('department', '=', department)
    .where('status', 'in', [...LIVE_REFERRAL_STATUSES])
    .executeTakeFirst();
  if (live) {
    throw new AppError(
      'referral_already_open',
      `The case already has referral ${live.referral_number} to ${department} (${live.status}); ` +
        'wait for its answer or cancel it before asking again.',
      { extra: { referralNumber: live.referral_number, referralId: live.id, status: live.status } },
    );
  }
}

async function dueOf(trx: Transaction<DB>, workItemId: string): Promise<Date | null> {
  const row = await trx
    .selectFrom('deadlines')
    .select('due_at')
    .where('work_item_id', '=', workItemId)
    .where('status', '=', 'running')
    .orderBy('due_at')
    .executeTakeFirst();
  return row?.due_at ?? null;
}
