import { describe, expect, it } from 'vitest';
import type { CaseStatus } from '../../db/schema.ts';
import { AppError } from '../../lib/errors.ts';
import {
  assertCaseGuards,
  assertCaseTransition,
  CASE_STATUSES,
  CASE_TRANSITIONS,
  canTransitionCase,
  caseWorkEffect,
} from './case-lifecycle.ts';

function caught(fn: () => void): AppError {
  try {
    fn();
  } catch (e) {
    if (e instanceof AppError) return e;
    throw e;
  }
  throw new Error('expected an AppError');
}

describe('service case transition table', () => {
  it('names every status, and only those', () => {
    expect(Object.keys(CASE_TRANSITIONS).sort()).toEqual([...CASE_STATUSES].sort());
    for (const targets of Object.values(CASE_TRANSITIONS)) {
      for (const t of targets) expect(CASE_STATUSES).toContain(t);
    }
  });

  it('is exactly the table of the issue', () => {
    expect(CASE_TRANSITIONS).toEqual({
      open: ['in_progress', 'awaiting_customer', 'awaiting_department', 'resolved', 'withdrawn'],
      in_progress: ['awaiting_customer', 'awaiting_department', 'resolved', 'withdrawn'],
      awaiting_customer: ['in_progress', 'resolved', 'withdrawn'],
      awaiting_department: ['in_progress', 'awaiting_customer', 'resolved'],
      resolved: ['closed', 'in_progress'],
      closed: [],
      withdrawn: [],
    });
  });

  it.each([
    ['open', 'in_progress', true],
    ['open', 'closed', false], // closing comes after a resolution
    ['in_progress', 'open', false], // nothing goes back to open
    ['awaiting_department', 'withdrawn', false], // the department's referral is live
    ['awaiting_customer', 'awaiting_department', false],
    ['resolved', 'in_progress', true], // reopened
    ['resolved', 'withdrawn', false],
    ['closed', 'in_progress', false], // final
    ['withdrawn', 'open', false], // final
    ['in_progress', 'in_progress', false], // staying is not a transition
  ] as [CaseStatus, CaseStatus, boolean][])('%s → %s allowed: %s', (from, to, allowed) => {
    expect(canTransitionCase(from, to)).toBe(allowed);
  });

  it('refuses an illegal transition with a stable code and the allowed targets', () => {
    const error = caught(() => assertCaseTransition('awaiting_customer', 'closed'));
    expect(error.code).toBe('case_transition_not_allowed');
    expect(error.extra).toEqual({
      from: 'awaiting_customer',
      to: 'closed',
      allowed: ['in_progress', 'resolved', 'withdrawn'],
    });
    expect(caught(() => assertCaseTransition('closed', 'in_progress')).extra.allowed).toEqual([]);
  });
});

describe('service case guards', () => {
  const base = {
    kind: 'general_inquiry' as const,
    caseNumber: 'CASE-2026-000001',
    resolution: 'Explained the terms',
    complaintFinalAnswerAt: null,
  };

  it('needs a resolution text to resolve', () => {
    for (const resolution of [null, '', '   ']) {
      const error = caught(() => assertCaseGuards({ ...base, to: 'resolved', resolution }));
      expect(error.code).toBe('validation_failed');
      expect(error.errors).toMatchObject([{ path: ['resolution'], code: 'required' }]);
    }
    expect(() => assertCaseGuards({ ...base, to: 'resolved' })).not.toThrow();
    expect(() => assertCaseGuards({ ...base, to: 'withdrawn', resolution: null })).not.toThrow();
  });

  it('keeps a complaint open until its final answer', () => {
    const complaint = { ...base, kind: 'complaint' as const };
    expect(caught(() => assertCaseGuards({ ...complaint, to: 'resolved' })).code).toBe(
      'complaint_final_answer_missing',
    );
    expect(caught(() => assertCaseGuards({ ...complaint, to: 'closed', resolution: null })).code).toBe(
      'complaint_final_answer_missing',
    );
    const answered = { ...complaint, complaintFinalAnswerAt: new Date('2026-03-01T10:00:00Z') };
    expect(() => assertCaseGuards({ ...answered, to: 'resolved' })).not.toThrow();
    expect(() => assertCaseGuards({ ...answered, to: 'closed', resolution: null })).not.toThrow();
    // A complaint may still be worked on, or withdrawn by the customer, without an answer.
    expect(() => assertCaseGuards({ ...complaint, to: 'in_progress', resolution: null })).not.toThrow();
    expect(() => assertCaseGuards({ ...complaint, to: 'withdrawn', resolution: null })).not.toThrow();
  });
});

describe('what a status change does to the work item', () => {
  it.each([
    ['open', 'in_progress', { work: 'none', clocks: 'none' }],
    ['in_progress', 'awaiting_customer', { work: 'none', clocks: 'pause' }],
    ['awaiting_department', 'awaiting_customer', { work: 'none', clocks: 'pause' }],
    ['awaiting_customer', 'in_progress', { work: 'none', clocks: 'resume' }],
    ['in_progress', 'awaiting_department', { work: 'none', clocks: 'none' }],
    ['awaiting_department', 'in_progress', { work: 'none', clocks: 'none' }],
    ['in_progress', 'resolved', { work: 'close', clocks: 'met' }],
    ['awaiting_customer', 'resolved', { work: 'close', clocks: 'met' }],
    ['resolved', 'closed', { work: 'close', clocks: 'met' }],
    ['open', 'withdrawn', { work: 'close', clocks: 'cancelled' }],
    ['awaiting_customer', 'withdrawn', { work: 'close', clocks: 'cancelled' }],
    ['resolved', 'in_progress', { work: 'reopen', clocks: 'start' }],
  ] as [CaseStatus, CaseStatus, unknown][])('%s → %s', (from, to, effect) => {
    expect(caseWorkEffect(from, to)).toEqual(effect);
  });

  it('has an effect for every allowed transition, and closes the work exactly when the case leaves the queue', () => {
    for (const from of CASE_STATUSES) {
      for (const to of CASE_TRANSITIONS[from]) {
        const effect = caseWorkEffect(from, to);
        expect(effect.work === 'close', `${from} → ${to}`).toBe(
          ['resolved', 'closed', 'withdrawn'].includes(to),
        );
      }
    }
  });
});
