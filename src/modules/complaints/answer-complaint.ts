import {
  claimIdempotencyKey,
  type IdempotencyKey,
  requestHash,
  storeIdempotentResponse,
} from '../../db/idempotency.ts';
import { type Executor, inTransaction } from '../../db/transaction.ts';
import { AppError } from '../../lib/errors.ts';
import { parseInput } from '../../lib/parse-input.ts';
import { recordAuditEvents } from '../audit/index.ts';
import { loadCaseByRef, transitionCaseInTransaction } from '../cases/index.ts';
import { notify } from '../notifications/index.ts';
import { type Actor, actorId } from '../users/actor.ts';
import { assertCan } from '../users/permissions.ts';
import { furtherOptionsText } from './complaint-legal-texts.ts';
import { outcomeText } from './complaint-letter-parts.ts';
import { letterChannel, letterDates } from './complaint-letters.ts';
import { type ComplaintView, type FinalAnswerInput, FinalAnswerSchema } from './complaint-schemas.ts';
import { loadComplaintView } from './load-complaint.ts';

export type AnswerComplaintResult = { status: 200; body: ComplaintView; replayed: boolean };

/**
 * Gives a complaint its final answer, once: stores the answer and outcome, resolves the case (which
 * stops the answer clock: met, on time or late) and writes the final-answer letter in the
 * customer's language with the further options of the complaint's jurisdiction (IVASS and the
 * Arbitro Assicurativo in Italy; ARN, Konsumenternas Försäkringsbyrå and the courts in Sweden).
 *
 * Races: the case row is locked first and then the complaint, so two people answering at once run
 * one after the other; the second finds it answered (409 complaint_already_answered) — checked
 * before the version, so a stale screen still learns why. A retry with the same Idempotency-Key
 * returns the first response.
 */
export async function answerComplaint(opts: {
  db: Executor;
  actor: Actor;
  ref: string;
  input: FinalAnswerInput;
  idempotencyKey?: string | undefined;
  now?: Date;
}): Promise<AnswerComplaintResult> {
  const { actor } = opts;
  assertCan(actor, 'complaints:answer');
  const input = parseInput(FinalAnswerSchema, opts.input);
  const key: IdempotencyKey | null = opts.idempotencyKey
    ? { scope: `complaints.answer:${actorId(actor) ?? 'system'}`, key: opts.idempotencyKey }
    : null;
  const hash = requestHash({ ref: opts.ref.trim().toUpperCase(), input });

  return inTransaction(opts.db, async (trx) => {
    if (key) {
      const replay = await claimIdempotencyKey<ComplaintView>(trx, key, hash);
      if (replay) return { status: 200, body: replay.body, replayed: true };
    }
    const now = opts.now ?? new Date();
    const serviceCase = await loadCaseByRef(trx, opts.ref, actor, { forUpdate: true });
    if (serviceCase.kind !== 'complaint') {
      throw new AppError('case_kind_mismatch', `Case ${serviceCase.case_number} is not a complaint.`);
    }
    const complaint = await trx
      .selectFrom('complaints')
      .innerJoin('customers', 'customers.id', 'complaints.customer_id')
      .select([
        'complaints.jurisdiction',
        'complaints.received_at',
        'complaints.final_answer_at',
        'customers.email',
        'customers.preferred_language',
        'customers.given_name',
        'customers.family_name',
      ])
      .where('complaints.case_id', '=', serviceCase.id)
      .forUpdate()
      .executeTakeFirstOrThrow();
    if (complaint.final_answer_at) {
      throw new AppError(
        'complaint_already_answered',
        `Complaint ${serviceCase.case_number} was answered on ${complaint.final_answer_at.toISOString()}.`,
        { extra: { finalAnswerAt: complaint.final_answer_at.toISOString() } },
      );
    }
    if (serviceCase.version !== input.version) {
      throw new AppError(
        'version_conflict',
        `Case ${serviceCase.case_number} is at version ${serviceCase.version}, not ${input.version}.`,
        { extra: { currentVersion: serviceCase.version } },
      );
    }
    const compensation =
      input.compensationMinor !== undefined && input.compensationCurrency !== undefined
        ? { minor: input.compensationMinor, currency: input.compensationCurrency }
        : null;

    await trx
      .updateTable('complaints')
      .set({
        final_answer: input.answer,
        final_answer_at: now,
        answered_by: actorId(actor),
        outcome: input.outcome,
        compensation_minor: compensation?.minor ?? null,
        compensation_currency: compensation?.currency ?? null,
      })
      .where('case_id', '=', serviceCase.id)
      .execute();
    // Resolving stops the answer clock (met) and takes the case out of the queue; the guard that a
    // complaint is resolved only with a final answer now passes.
    const resolved = await transitionCaseInTransaction(trx, {
      caseId: serviceCase.id,
      to: 'resolved',
      actor,
      reason: `Final answer given (${input.outcome}).`,
      resolution: input.answer,
      expectedVersion: input.version,
      now,
    });

    const view = await loadComplaintView(trx, serviceCase.id);
    const language = complaint.preferred_language;
    const channel = letterChannel(complaint.email);
    const dates = letterDates({
      jurisdiction: complaint.jurisdiction,
      receivedAt: complaint.received_at,
      dueAt: view.dueAt ? new Date(view.dueAt) : now,
      language,
    });
    await notify(trx, {
      audience: 'customer',
      customerId: serviceCase.customer_id,
      channel,
      kind: 'complaint.final_answer',
      language,
      params: {
        name: `${complaint.given_name} ${complaint.family_name}`,
        reference: serviceCase.case_number,
        receivedOn: dates.receivedOn,
        answer: input.answer,
        outcome: outcomeText(input.outcome, compensation, language),
        options: furtherOptionsText(complaint.jurisdiction, language),
      },
      entityType: 'service_case',
      entityId: serviceCase.id,
      dedupeKey: `complaint:${serviceCase.id}:final_answer`,
    });
    await recordAuditEvents(trx, serviceCase.customer_id, [
      {
        actor,
        action: 'complaint.answered',
        entityType: 'service_case',
        entityId: serviceCase.id,
        customerId: serviceCase.customer_id,
        data: {
          caseNumber: serviceCase.case_number,
          outcome: input.outcome,
          compensationMinor: compensation?.minor ?? null,
          compensationCurrency: compensation?.currency ?? null,
          dueAt: view.dueAt,
          answeredWithinDeadline: view.answeredWithinDeadline,
          channel,
          language,
        },
      },
      ...resolved.events,
    ]);
    if (key) await storeIdempotentResponse(trx, key, 200, view);
    return { status: 200, body: view, replayed: false };
  });
}
