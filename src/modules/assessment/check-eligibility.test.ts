import { describe, expect, it } from 'vitest';
import { assessClaim } from './assess-claim.ts';
import type { AssessmentPolicy, ReasonCode, Recommendation } from './assessment-types.ts';
import { makeInput } from './test-fixtures.ts';

// Stage 4: was the policy in force and paid up on the date of loss (2025-06-10 in the fixture)?

describe('eligibility', () => {
  it.each<[string, Partial<AssessmentPolicy>, ReasonCode[], Recommendation]>([
    ['paid, in force', {}, [], 'approve'],
    ['starts on the incident date', { startsOn: '2025-06-10' }, [], 'approve'],
    ['starts the day after', { startsOn: '2025-06-11' }, ['policy_not_in_force'], 'deny'],
    ['ends (exclusive) the day after', { endsOn: '2025-06-11' }, [], 'approve'],
    ['ends (exclusive) on the incident date', { endsOn: '2025-06-10' }, ['policy_not_in_force'], 'deny'],
    ['cancelled', { status: 'cancelled' }, ['policy_cancelled'], 'deny'],
    ['expired since, but in force on the date', { status: 'expired' }, [], 'approve'],
    ['grace period', { premiumState: 'grace_period' }, ['premium_grace_period'], 'approve'],
    ['overdue', { premiumState: 'overdue' }, ['premium_overdue'], 'deny'],
    ['lapsed', { premiumState: 'lapsed' }, ['policy_lapsed'], 'deny'],
    [
      'cancelled, lapsed and outside the period',
      { status: 'cancelled', premiumState: 'lapsed', endsOn: '2025-06-01' },
      ['policy_not_in_force', 'policy_cancelled', 'policy_lapsed'],
      'deny',
    ],
  ])('%s', (_name, policy, expected, recommendation) => {
    const result = assessClaim(makeInput('travel', { policy }));
    const eligibility = result.reasons.filter((r) => r.code !== 'straight_through');
    expect(eligibility.map((r) => r.code)).toEqual(expected);
    expect(result.recommendation).toBe(recommendation);
    if (recommendation === 'deny') {
      expect(result.totals.benefitMinor).toBe(0);
      expect(result.totals.eligibleMinor).toBe(0);
      expect(result.lines.every((l) => l.reasons.length === 0)).toBe(true);
      expect(result.accumulatorDeltas).toEqual([]);
    }
  });

  it('outside the period: the text shows the last day of cover (endsOn is exclusive)', () => {
    const result = assessClaim(makeInput('travel', { policy: { endsOn: '2025-06-10' } }));
    expect(result.reasons).toEqual([
      {
        code: 'policy_not_in_force',
        clause: null,
        params: { incidentDate: '2025-06-10', startDate: '2025-01-01', lastDate: '2025-06-09' },
      },
    ]);
    expect(result.explanation[0]?.text).toBe(
      'The policy was not in force on the date of loss 10/06/2025 (period of cover 01/01/2025 to 09/06/2025 inclusive).',
    );
  });

  it('the premium reasons cite the premium terms', () => {
    const result = assessClaim(makeInput('health', { policy: { premiumState: 'overdue' } }));
    expect(result.reasons).toEqual([{ code: 'premium_overdue', clause: '§2.4', params: {} }]);
  });

  it('a grace period keeps cover but blocks straight-through', () => {
    const paid = assessClaim(makeInput('travel'));
    const grace = assessClaim(makeInput('travel', { policy: { premiumState: 'grace_period' } }));
    expect(paid.straightThrough).toBe(true);
    expect(grace.straightThrough).toBe(false);
    expect(grace.totals).toEqual(paid.totals);
    expect(grace.reasons.map((r) => r.code)).toEqual(['premium_grace_period']);
  });

  it('a denied daily-benefit claim still shows what was claimed', () => {
    const result = assessClaim(makeInput('sickness', { policy: { premiumState: 'lapsed' } }));
    expect(result.lines[0]).toMatchObject({ submittedMinor: 800_000, eligibleMinor: 0, benefitMinor: 0 });
  });
});
