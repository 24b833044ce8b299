import type { ExpressionBuilder, Transaction } from 'kysely';
import type { DB } from '../../db/schema.ts';
import type { Executor } from '../../db/transaction.ts';
import { AppError } from '../../lib/errors.ts';
import { loadCaseByRef } from '../cases/index.ts';
import { businessCalendar, type DeadlinePolicy, deadlineDay, deadlinePolicy } from '../deadlines/index.ts';
import type { Actor } from '../users/actor.ts';
import { assertCan } from '../users/permissions.ts';
import { causeLabel } from './complaint-causes.ts';
import type { ComplaintView } from './complaint-schemas.ts';
import { answeredWithin } from './register-rows.ts';

/** The deadline policies of a complaint's answer clock (deadlines/deadline-policies.ts). */
export const COMPLAINT_POLICY_CODES = ['it.ivass.complaint_answer', 'se.complaint_answer'] as const;

/**
 * The answer clock of the complaint on `caseRef` (a service_cases.id column reference): the first
 * one started, so that a complaint reopened after its answer keeps its original deadline.
 */
export function complaintClock(eb: ExpressionBuilder<DB, 'service_cases'>) {
  return eb
    .selectFrom('deadlines as d')
    .innerJoin('work_items as w', 'w.id', 'd.work_item_id')
    .whereRef('w.subject_id', '=', 'service_cases.id')
    .where('w.kind', '=', 'service_case')
    .where('d.policy_code', 'in', COMPLAINT_POLICY_CODES);
}

/** A complaint as the API shows it (the case, its register entry and its answer clock). */
export async function loadComplaintView(db: Executor, caseId: string): Promise<ComplaintView> {
  const row = await db
    .selectFrom('service_cases')
    .innerJoin('complaints as c', 'c.case_id', 'service_cases.id')
    .innerJoin('customers', 'customers.id', 'service_cases.customer_id')
    .select((eb) => [
      'service_cases.id',
      'service_cases.case_number',
      'service_cases.customer_id',
      'service_cases.status',
      'service_cases.version',
      'service_cases.claim_id',
      'service_cases.policy_id',
      'service_cases.channel',
      'service_cases.description',
      'customers.customer_number',
      'c.jurisdiction',
      'c.cause_category',
      'c.product_code',
      'c.requested_remedy',
      'c.received_at',
      'c.acknowledged_at',
      'c.final_answer',
      'c.final_answer_at',
      'c.outcome',
      'c.compensation_minor',
      'c.compensation_currency',
      complaintClock(eb).select('d.due_at').orderBy('d.started_at').limit(1).as('due_at'),
      complaintClock(eb).select('d.policy_code').orderBy('d.started_at').limit(1).as('policy_code'),
    ])
    .where('service_cases.id', '=', caseId)
    .executeTakeFirst();
  if (!row) throw new AppError('not_found', 'No such complaint.');
  const dueAt = row.due_at ? new Date(row.due_at) : null;
  return {
    caseId: row.id,
    caseNumber: row.case_number,
    customerId: row.customer_id,
    customerNumber: row.customer_number,
    status: row.status,
    version: row.version,
    jurisdiction: row.jurisdiction,
    causeCategory: row.cause_category,
    causeCategoryLabel: causeLabel(row.cause_category, 'en'),
    productCode: row.product_code,
    claimId: row.claim_id,
    policyId: row.policy_id,
    channel: row.channel,
    description: row.description,
    requestedRemedy: row.requested_remedy,
    receivedAt: row.received_at.toISOString(),
    acknowledgedAt: row.acknowledged_at?.toISOString() ?? null,
    answerPolicy: row.policy_code ?? null,
    dueAt: dueAt?.toISOString() ?? null,
    dueOn: dueAt ? deadlineDay(businessCalendar(row.jurisdiction), dueAt) : null,
    finalAnswer: row.final_answer,
    finalAnswerAt: row.final_answer_at?.toISOString() ?? null,
    outcome: row.outcome,
    compensationMinor: row.compensation_minor,
    compensationCurrency: row.compensation_currency,
    answeredWithinDeadline: answeredWithin(row.final_answer_at, dueAt),
  };
}

/** GET /complaints/{ref}: a complaint the actor may see (a customer: their own; anyone else's is 404). */
export async function getComplaint(opts: {
  db: Executor;
  actor: Actor;
  ref: string;
}): Promise<ComplaintView> {
  assertCan(opts.actor, 'cases:read');
  const found = await loadCaseByRef(opts.db, opts.ref, opts.actor);
  if (found.kind !== 'complaint') throw new AppError('not_found', 'No such complaint.');
  return loadComplaintView(opts.db, found.id);
}

/**
 * The running answer clock just started for a complaint, with its policy as in force. Its absence,
 * or a clock of the other jurisdiction, is a programming error (the cases module starts it from
 * the same jurisdiction rule), so it fails loudly and the complaint is not registered.
 */
export async function complaintAnswerClock(
  trx: Transaction<DB>,
  caseId: string,
  jurisdiction: 'SE' | 'IT',
): Promise<{ dueAt: Date; policy: DeadlinePolicy }> {
  const clock = await trx
    .selectFrom('deadlines as d')
    .innerJoin('work_items as w', 'w.id', 'd.work_item_id')
    .select(['d.due_at', 'd.policy_code'])
    .where('w.kind', '=', 'service_case')
    .where('w.subject_id', '=', caseId)
    .where('d.policy_code', 'in', COMPLAINT_POLICY_CODES)
    .where('d.status', '=', 'running')
    .executeTakeFirst();
  const policy = clock ? deadlinePolicy(clock.policy_code) : null;
  if (!clock?.due_at || !policy || policy.jurisdiction !== jurisdiction) {
    throw new Error(`complaint ${caseId}: no running ${jurisdiction} answer clock`);
  }
  return { dueAt: clock.due_at, policy };
}
