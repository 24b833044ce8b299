import { describe, expect, it } from 'vitest';
import { deadlinePolicy } from '../deadlines/index.ts';
import {
  assertReferralTransition,
  canTransitionReferral,
  LIVE_REFERRAL_STATUSES,
  REFERRAL_STATUSES,
  REFERRAL_TRANSITIONS,
  referralPolicyCode,
} from './referral-lifecycle.ts';

describe('referral lifecycle', () => {
  it('allows exactly the changes of the table', () => {
    const allowed = REFERRAL_STATUSES.flatMap((from) =>
      REFERRAL_STATUSES.filter((to) => canTransitionReferral(from, to)).map((to) => `${from}→${to}`),
    );
    expect(allowed.sort()).toEqual(
      [
        'open→accepted',
        'open→answered',
        'open→returned',
        'open→cancelled',
        'accepted→answered',
        'accepted→returned',
        'accepted→cancelled',
      ].sort(),
    );
  });

  it('answered, returned and cancelled are final', () => {
    for (const final of ['answered', 'returned', 'cancelled'] as const) {
      expect(REFERRAL_TRANSITIONS[final]).toEqual([]);
      for (const to of REFERRAL_STATUSES) {
        expect(() => assertReferralTransition(final, to, 'RFR-2026-000001')).toThrow(
          expect.objectContaining({ code: 'referral_transition_not_allowed' }),
        );
      }
    }
  });

  it('staying in the same status is not a transition (accepting twice is refused)', () => {
    for (const s of REFERRAL_STATUSES) expect(canTransitionReferral(s, s)).toBe(false);
    expect(() => assertReferralTransition('accepted', 'accepted', 'RFR-2026-000002')).toThrow(
      /cannot go from accepted to accepted/,
    );
  });

  it('live statuses are those that can still change', () => {
    expect([...LIVE_REFERRAL_STATUSES].sort()).toEqual(
      REFERRAL_STATUSES.filter((s) => REFERRAL_TRANSITIONS[s].length > 0).sort(),
    );
  });

  it('the clock follows the urgency, with policies that exist and are meant for referrals', () => {
    for (const urgency of ['standard', 'urgent'] as const) {
      expect(deadlinePolicy(referralPolicyCode(urgency)).workKind).toBe('referral');
    }
    expect(deadlinePolicy(referralPolicyCode('standard')).clock).toEqual({
      unit: 'business_days',
      amount: 3,
    });
    expect(deadlinePolicy(referralPolicyCode('urgent')).clock).toEqual({ unit: 'business_hours', amount: 4 });
  });
});
