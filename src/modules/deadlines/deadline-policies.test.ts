import { afterEach, describe, expect, it } from 'vitest';
import {
  configureDeadlinePolicies,
  configuredDeadlinePolicies,
  DEADLINE_POLICIES,
  DeadlinePolicyConfigError,
  DeadlinePolicySchema,
  deadlinePoliciesInForce,
  deadlinePolicy,
  deadlinePolicyShipped,
  parseDeadlinePolicy,
  resetDeadlinePolicies,
} from './deadline-policies.ts';

describe('shipped deadline policies', () => {
  it.each(DEADLINE_POLICIES.map((p) => [p.code, p]))('%s passes the schema', (_code, policy) => {
    expect(DeadlinePolicySchema.safeParse(policy).success).toBe(true);
    expect(parseDeadlinePolicy(policy)).toEqual(policy);
  });

  it('has unique codes whose prefix matches the jurisdiction', () => {
    const codes = DEADLINE_POLICIES.map((p) => p.code);
    expect(new Set(codes).size).toBe(codes.length);
    for (const p of DEADLINE_POLICIES) {
      const prefix = p.code.split('.')[0];
      expect(prefix).toBe(p.jurisdiction === null ? 'internal' : p.jurisdiction.toLowerCase());
    }
  });

  it.each([
    ['se.fal.claim_payment', 'calendar_months', 1, true],
    ['se.fl.six_months', 'calendar_months', 6, false],
    ['se.fl.decision_request', 'calendar_days', 28, false],
    ['it.cap148.joint_form', 'calendar_days', 30, false],
    ['it.cap148.property', 'calendar_days', 60, false],
    ['it.cap148.injury', 'calendar_days', 90, false],
    ['it.cap148.payment', 'calendar_days', 15, false],
    ['internal.first_contact', 'business_days', 1, false],
    ['internal.claim_decision', 'business_days', 10, true],
  ] as const)('%s runs %s × %i (pauses: %s)', (code, unit, amount, pauses) => {
    const p = deadlinePolicy(code);
    expect(p.clock).toEqual({ unit, amount });
    expect(p.pausesWhileAwaitingCustomer).toBe(pauses);
  });

  it('cites the law for every legal policy', () => {
    expect(deadlinePolicy('se.fal.claim_payment').source).toMatch(/2005:104.*7 kap\. 8 §.*1975:635.*6 §/);
    expect(deadlinePolicy('se.fl.six_months').source).toMatch(/2017:900.*12 §/);
    expect(deadlinePolicy('it.cap148.injury').source).toMatch(/209\/2005 art\. 148/);
  });

  it('throws for an unknown code', () => {
    expect(() => deadlinePolicy('se.nope')).toThrow('unknown deadline policy: se.nope');
  });
});

describe('DeadlinePolicySchema', () => {
  const valid = deadlinePolicy('internal.claim_decision');
  it.each([
    ['shares not increasing', { warnAtShares: [0.8, 0.5] }],
    ['a repeated share', { warnAtShares: [0.5, 0.5] }],
    ['a share of 1', { warnAtShares: [0.5, 1] }],
    ['a share of 0', { warnAtShares: [0, 0.5] }],
    ['amount zero', { clock: { unit: 'business_days', amount: 0 } }],
    ['fractional amount', { clock: { unit: 'calendar_days', amount: 1.5 } }],
    ['unknown unit', { clock: { unit: 'weeks', amount: 4 } }],
    ['negative escalation', { secondEscalationAfter: { unit: 'business_days', amount: -1 } }],
    ['a missing label', { label: { sv: 'x', it: 'y', en: '' } }],
    ['an odd code', { code: 'Internal Decision' }],
    ['an unknown jurisdiction', { jurisdiction: 'FR' }],
  ])('rejects %s', (_name, change) => {
    expect(DeadlinePolicySchema.safeParse({ ...valid, ...change }).success).toBe(false);
  });

  it('accepts a configured internal service level', () => {
    const sla = {
      ...valid,
      code: 'internal.complaint_reply',
      workKind: 'complaint',
      clock: { unit: 'business_hours', amount: 16 },
    };
    expect(parseDeadlinePolicy(sla).clock.amount).toBe(16);
  });
});

describe('configured overrides', () => {
  afterEach(resetDeadlinePolicies);

  it('marks the company’s own promises configurable and the law’s deadlines not', () => {
    const configurable = DEADLINE_POLICIES.filter((p) => p.configurable).map((p) => p.code);
    expect(configurable).toContain('se.complaint_answer');
    expect(configurable).not.toContain('it.ivass.complaint_answer');
    for (const code of configurable)
      expect(code.startsWith('internal.') || code === 'se.complaint_answer').toBe(true);
  });

  it('replaces the Swedish complaint deadline with the configured days, and restores it', () => {
    const restore = configureDeadlinePolicies(configuredDeadlinePolicies({ seComplaintDays: 10 }));
    expect(deadlinePolicy('se.complaint_answer').clock).toEqual({ unit: 'calendar_days', amount: 10 });
    expect(deadlinePolicy('se.complaint_answer').source).toContain(
      '10 calendar days (CLAIMDESK_SE_COMPLAINT_DAYS)',
    );
    expect(deadlinePoliciesInForce().find((p) => p.code === 'se.complaint_answer')?.clock.amount).toBe(10);
    expect(deadlinePolicyShipped('se.complaint_answer').clock.amount).toBe(14);
    expect(deadlinePolicy('it.ivass.complaint_answer').clock.amount).toBe(45);
    restore();
    expect(deadlinePolicy('se.complaint_answer').clock.amount).toBe(14);
  });

  it('needs no override for the shipped value', () => {
    expect(configuredDeadlinePolicies({ seComplaintDays: 14 })).toEqual([]);
  });

  it('refuses to configure the law, unknown codes, a changed jurisdiction and bad shapes, listing all', () => {
    const it45 = {
      ...deadlinePolicy('it.ivass.complaint_answer'),
      clock: { unit: 'calendar_days', amount: 60 },
    };
    const moved = { ...deadlinePolicy('se.complaint_answer'), jurisdiction: 'IT' };
    const unknown = { ...deadlinePolicy('internal.case_answer'), code: 'internal.nothing_here' };
    const bad = { ...deadlinePolicy('internal.case_answer'), clock: { unit: 'calendar_days', amount: 0 } };
    let error: unknown;
    try {
      configureDeadlinePolicies([it45, moved, unknown, bad]);
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(DeadlinePolicyConfigError);
    const problems = (error as DeadlinePolicyConfigError).problems;
    expect(problems).toHaveLength(4);
    expect(problems[0]).toBe('it.ivass.complaint_answer: set by law, not configurable');
    expect(problems[1]).toContain('cannot change the work kind or the jurisdiction');
    expect(problems[2]).toBe('internal.nothing_here: no such deadline policy');
    expect(problems[3]).toMatch(/^policy 3\.clock\.amount: /);
    expect(deadlinePolicy('it.ivass.complaint_answer').clock.amount).toBe(45);
  });

  it('changes nothing when one of several overrides is bad', () => {
    const good = configuredDeadlinePolicies({ seComplaintDays: 7 })[0];
    expect(() => configureDeadlinePolicies([good, { code: 'x' }])).toThrow(DeadlinePolicyConfigError);
    expect(deadlinePolicy('se.complaint_answer').clock.amount).toBe(14);
  });
});
