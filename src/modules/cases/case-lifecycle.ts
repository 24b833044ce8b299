import type { CaseKind, CaseStatus } from '../../db/schema.ts';
import { AppError, fieldError } from '../../lib/errors.ts';

// The one table of allowed service-case status changes (DESIGN.md: no status is set any other way).
//
//   open ──► in_progress ◄──► awaiting_customer
//     │          ▲  │  ▲            │
//     │          │  ▼  │            │
//     │     awaiting_department ────┤ (the department answered: back to work, or ask the customer)
//     ▼          │                  ▼
//   withdrawn ◄──┴─── (not from awaiting_department) ───► resolved ──► closed
//                                                           │
//                                                           └──► in_progress (reopened)
//
// A case waiting for a department cannot be withdrawn in one step: the referral is live and its
// department must first be told (the referral is cancelled, the case goes back to in_progress).
// closed and withdrawn are final; a problem that comes back later is a new case.

export const CASE_STATUSES = [
  'open',
  'in_progress',
  'awaiting_customer',
  'awaiting_department',
  'resolved',
  'closed',
  'withdrawn',
] as const satisfies readonly CaseStatus[];

export const CASE_TRANSITIONS: Readonly<Record<CaseStatus, readonly CaseStatus[]>> = {
  open: ['in_progress', 'awaiting_customer', 'awaiting_department', 'resolved', 'withdrawn'],
  in_progress: ['awaiting_customer', 'awaiting_department', 'resolved', 'withdrawn'],
  awaiting_customer: ['in_progress', 'resolved', 'withdrawn'],
  awaiting_department: ['in_progress', 'awaiting_customer', 'resolved'],
  resolved: ['closed', 'in_progress'],
  closed: [],
  withdrawn: [],
};

/** Statuses in which the case still needs someone: everything but resolved and the final ones. */
export const LIVE_CASE_STATUSES: readonly CaseStatus[] = [
  'open',
  'in_progress',
  'awaiting_customer',
  'awaiting_department',
];

export function canTransitionCase(from: CaseStatus, to: CaseStatus): boolean {
  return CASE_TRANSITIONS[from].includes(to);
}

/** Staying in the same status is not a transition either: a change that changes nothing is refused. */
export function assertCaseTransition(from: CaseStatus, to: CaseStatus): void {
  if (!canTransitionCase(from, to)) {
    throw new AppError('case_transition_not_allowed', `A service case cannot go from ${from} to ${to}.`, {
      extra: { from, to, allowed: CASE_TRANSITIONS[from] },
    });
  }
}

/**
 * The rules beyond the table, given what the transition function read from the database:
 * a resolution is said in words; a complaint is resolved or closed only after its final answer
 * (IVASS Reg. 24/2008 and FFFS 2002:23 require a written answer; closing without one would hide
 * a complaint that was never answered).
 */
export function assertCaseGuards(input: {
  kind: CaseKind;
  caseNumber: string;
  to: CaseStatus;
  resolution: string | null;
  complaintFinalAnswerAt: Date | null;
}): void {
  if (input.to === 'resolved' && !input.resolution?.trim()) {
    throw fieldError(
      'validation_failed',
      ['resolution'],
      'Say how the case was resolved: a resolved case needs a resolution text.',
      'required',
    );
  }
  if (
    input.kind === 'complaint' &&
    (input.to === 'resolved' || input.to === 'closed') &&
    input.complaintFinalAnswerAt === null
  ) {
    throw new AppError(
      'complaint_final_answer_missing',
      `Complaint ${input.caseNumber} has no final answer yet; give it before resolving or closing.`,
      { extra: { to: input.to } },
    );
  }
}

/** What a status change does to the case's work item and its clocks. */
export type CaseWorkEffect =
  | { work: 'none'; clocks: 'none' | 'pause' | 'resume' }
  | { work: 'close'; clocks: 'met' | 'cancelled' }
  | { work: 'reopen'; clocks: 'start' };

/**
 * Waiting for the customer pauses the clocks that pause (the internal case answer does; a
 * complaint's legal deadline does not); leaving that wait resumes them. Resolving or closing ends
 * the work (deadline met); withdrawing cancels it; reopening a resolved case puts it back in the
 * queue with fresh clocks.
 */
export function caseWorkEffect(from: CaseStatus, to: CaseStatus): CaseWorkEffect {
  if (to === 'withdrawn') return { work: 'close', clocks: 'cancelled' };
  if (to === 'resolved' || to === 'closed') return { work: 'close', clocks: 'met' };
  if (from === 'resolved' || from === 'closed') return { work: 'reopen', clocks: 'start' };
  if (to === 'awaiting_customer')
    return { work: 'none', clocks: from === 'awaiting_customer' ? 'none' : 'pause' };
  if (from === 'awaiting_customer') return { work: 'none', clocks: 'resume' };
  return { work: 'none', clocks: 'none' };
}
