import { describe, expect, it } from 'vitest';
import type { ClaimStatus } from '../../db/schema.ts';
import { AppError } from '../../lib/errors.ts';
import { assertTransition, CLAIM_TRANSITIONS, canTransition } from './claim-lifecycle.ts';
import { CLAIM_STATUSES } from './claim-schemas.ts';

describe('claim transition table', () => {
  it('names every status the API knows, and only those', () => {
    expect(Object.keys(CLAIM_TRANSITIONS).sort()).toEqual([...CLAIM_STATUSES].sort());
    for (const targets of Object.values(CLAIM_TRANSITIONS)) {
      for (const t of targets) expect(CLAIM_STATUSES).toContain(t);
    }
  });

  it.each([
    ['registered', 'in_review', true],
    ['registered', 'approved', true],
    ['registered', 'denied', false], // a denial is a person's decision, never straight through
    ['in_review', 'approved', true],
    ['in_review', 'registered', false],
    ['approved', 'in_review', false], // decided claims reopen only by appeal
    ['denied', 'approved', false],
    ['denied', 'appealed', true],
    ['appealed', 'approved', true],
    ['in_review', 'awaiting_information', true],
    ['awaiting_information', 'in_review', true],
    ['awaiting_information', 'closed', true], // no answer by the final date
    ['escalated', 'in_review', true], // returned by the supervisor
    ['escalated', 'denied', true],
    ['approved', 'paid', true],
    ['withdrawn', 'in_review', false], // withdrawal is final
    ['paid', 'in_review', false],
  ] as [ClaimStatus, ClaimStatus, boolean][])('%s → %s allowed: %s', (from, to, allowed) => {
    expect(canTransition(from, to)).toBe(allowed);
  });

  it('refuses an illegal transition with a stable code and the allowed targets', () => {
    let error: unknown;
    try {
      assertTransition('approved', 'in_review');
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(AppError);
    expect((error as AppError).code).toBe('claim_transition_not_allowed');
    expect((error as AppError).extra).toEqual({
      from: 'approved',
      to: 'in_review',
      allowed: ['paid', 'appealed', 'closed'],
    });
  });
});
