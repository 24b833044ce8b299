import type { Transaction } from 'kysely';
import type { CaseStatus, DB, ServiceCaseRow } from '../../db/schema.ts';
import { AppError } from '../../lib/errors.ts';
import type { AuditInput } from '../audit/index.ts';
import { type Actor, actorId } from '../users/actor.ts';
import {
  closeCaseWork,
  openCaseWork,
  pauseCaseWork,
  resumeCaseWork,
  setCaseWorkStatus,
} from '../work/case-work.ts';
import { assertCaseGuards, assertCaseTransition, caseWorkEffect } from './case-lifecycle.ts';
import { endCaseDependents } from './end-case-dependents.ts';

export type TransitionCaseOptions = {
  caseId: string;
  to: CaseStatus;
  actor: Actor;
  /** Why, in words a person reads in the history. */
  reason: string;
  /** Required when `to` is resolved: how the problem was solved. */
  resolution?: string | undefined;
  /** The case version the caller saw; a stale one is a 409 version_conflict. */
  expectedVersion?: number | undefined;
  now?: Date;
};

/**
 * Moves a case along the transition table in the caller's transaction: locks the row (two people
 * changing one case run one after the other), checks the version, the table and the guards,
 * writes the status with a new version, mirrors it on the work item and applies what the status
 * means for the work (pause or resume the clocks while the customer is asked; close the item when
 * resolved, closed or withdrawn; reopen it with fresh clocks when a resolved case is reopened).
 * Returns the case as now stored and the audit events, 'case.status_changed' first, for the caller
 * to append. Notices to the customer are the caller's (each use case says something different).
 */
export async function transitionCaseInTransaction(
  trx: Transaction<DB>,
  opts: TransitionCaseOptions,
): Promise<{ serviceCase: ServiceCaseRow; events: AuditInput[] }> {
  const now = opts.now ?? new Date();
  const current = await trx
    .selectFrom('service_cases')
    .selectAll()
    .where('id', '=', opts.caseId)
    .forUpdate()
    .executeTakeFirst();
  if (!current) throw new AppError('not_found', 'No such case.');
  if (opts.expectedVersion !== undefined && opts.expectedVersion !== current.version) {
    throw new AppError(
      'version_conflict',
      `Case ${current.case_number} is at version ${current.version}, not ${opts.expectedVersion}.`,
      { extra: { currentVersion: current.version } },
    );
  }
  const { to } = opts;
  assertCaseTransition(current.status, to);
  const complaint =
    current.kind === 'complaint'
      ? await trx
          .selectFrom('complaints')
          .select('final_answer_at')
          .where('case_id', '=', current.id)
          .executeTakeFirst()
      : undefined;
  const resolution = to === 'resolved' ? (opts.resolution?.trim() ?? null) : null;
  assertCaseGuards({
    kind: current.kind,
    caseNumber: current.case_number,
    to,
    resolution,
    complaintFinalAnswerAt: complaint?.final_answer_at ?? null,
  });

  const reopening = current.status === 'resolved' && to === 'in_progress';
  const updated = await trx
    .updateTable('service_cases')
    .set((eb) => ({
      status: to,
      status_changed_at: now,
      updated_at: now,
      version: eb('version', '+', 1),
      ...(to === 'resolved' ? { resolution, resolved_at: now } : {}),
      ...(reopening ? { resolution: null, resolved_at: null } : {}),
      ...(to === 'closed' || to === 'withdrawn' ? { closed_at: now } : {}),
    }))
    .where('id', '=', current.id)
    .where('status', '=', current.status)
    .returningAll()
    .executeTakeFirst();
  if (!updated) {
    throw new AppError('version_conflict', 'The case changed while it was being updated; reload and retry.');
  }
  await setCaseWorkStatus(trx, current.id, to, now);

  const events: AuditInput[] = [
    {
      actor: opts.actor,
      action: 'case.status_changed',
      entityType: 'service_case',
      entityId: current.id,
      customerId: current.customer_id,
      reason: opts.reason,
      data: {
        caseNumber: current.case_number,
        from: current.status,
        to,
        by: actorId(opts.actor),
        ...(resolution ? { resolution } : {}),
        ...(reopening ? { previousResolution: current.resolution } : {}),
      },
    },
  ];
  const effect = caseWorkEffect(current.status, to);
  const work = { caseId: current.id, actor: opts.actor, reason: opts.reason, now };
  if (effect.work === 'close') {
    events.push(
      ...(await endCaseDependents(trx, {
        caseId: current.id,
        caseNumber: current.case_number,
        to,
        actor: opts.actor,
        now,
      })),
    );
    events.push(...(await closeCaseWork(trx, { ...work, clocks: effect.clocks })));
  } else if (effect.work === 'reopen') {
    events.push(...(await openCaseWork(trx, work)).events);
  } else if (effect.clocks === 'pause') {
    events.push(...(await pauseCaseWork(trx, work)));
  } else if (effect.clocks === 'resume') {
    events.push(...(await resumeCaseWork(trx, work)));
  }
  return { serviceCase: updated, events };
}
