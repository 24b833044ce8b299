import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { RETENTION_RULES, retainedUntil, retentionRuleOf } from './retention-rules.ts';
import {
  cutoffsOf,
  longestCutoff,
  retentionCutoff,
  ruleOfPlan,
  SWEEP_PLANS,
} from './retention-sweep-rules.ts';

const rule = (table: string) => {
  const r = retentionRuleOf(table);
  if (!r) throw new Error(`${table} has no rule`);
  return r;
};

const day = fc
  .date({ min: new Date('2000-01-01T00:00:00Z'), max: new Date('2099-12-31T00:00:00Z'), noInvalidDate: true })
  .map((d) => d.toISOString().slice(0, 10));

describe('retention sweep rules', () => {
  it('sweeps a service record from the day after its two years', () => {
    expect(retentionCutoff(rule('calls'), 'SE', '2030-06-15')).toBe('2028-06-15');
    // Ended 14 June 2028: kept until 14 June 2030, so swept on the 15th.
    expect(retainedUntil(rule('calls'), 'SE', '2028-06-14')).toBe('2030-06-14');
  });

  it('counts payments 7 years in Sweden and 10 in Italy', () => {
    expect(retentionCutoff(rule('payment_orders'), 'SE', '2040-01-10')).toBe('2033-01-10');
    expect(retentionCutoff(rule('payment_orders'), 'IT', '2040-01-10')).toBe('2030-01-10');
  });

  it('has no cut-off for identity data (kept while needed)', () => {
    expect(retentionCutoff(rule('customers'), 'SE', '2040-01-10')).toBeNull();
  });

  it('agrees with retainedUntil on every day, 29 February included', () => {
    fc.assert(
      fc.property(
        day,
        day,
        fc.constantFrom(...RETENTION_RULES),
        fc.constantFrom('SE', 'IT'),
        (ended, today, r, c) => {
          const cutoff = retentionCutoff(r, c as 'SE' | 'IT', today);
          const until = retainedUntil(r, c as 'SE' | 'IT', ended);
          if (cutoff === null || until === null) return cutoff === null && until === null;
          // Swept exactly when the last day kept is before today.
          return ended < cutoff === until < today;
        },
      ),
      { numRuns: 2000 },
    );
    for (const today of ['2034-02-28', '2034-03-01', '2032-02-29']) {
      for (const ended of ['2024-02-28', '2024-02-29', '2024-03-01', '2022-02-28', '2022-03-01']) {
        const r = rule('claims');
        const cutoff = retentionCutoff(r, 'SE', today) as string;
        expect(ended < cutoff, `${ended} on ${today}`).toBe(
          (retainedUntil(r, 'SE', ended) as string) < today,
        );
      }
    }
  });

  it('names an existing rule with an end date for every kind it sweeps', () => {
    // The identity has no period of its own: it goes when nothing is left (pseudonymised).
    for (const plan of SWEEP_PLANS.filter((p) => p.action === 'delete')) {
      expect(ruleOfPlan(plan).years.SE, plan.kind).not.toBeNull();
      expect(cutoffsOf(plan, '2040-01-01').SE, plan.kind).not.toBeNull();
    }
  });
});

describe('retention sweep rules for records without a customer', () => {
  const plan = (kind: string) => {
    const p = SWEEP_PLANS.find((x) => x.kind === kind);
    if (!p) throw new Error(`no plan ${kind}`);
    return p;
  };

  it('takes the longest period: the earliest of the countries’ cut-offs', () => {
    expect(longestCutoff({ SE: '2033-01-10', IT: '2030-01-10' })).toBe('2030-01-10');
    expect(longestCutoff({ SE: '2030-01-10', IT: null })).toBeNull();
  });

  it('keeps a bank file 10 years (Italy’s accounting period, longer than Sweden’s 7)', () => {
    const p = plan('payment_batch');
    expect(p.unowned).toBe(true);
    expect(longestCutoff(cutoffsOf(p, '2040-01-10'))).toBe('2030-01-10');
    expect(cutoffsOf(p, '2040-01-10').SE).toBe('2033-01-10');
  });

  it('keeps a print batch 10 years from printing (the claim file rule of the letters in it)', () => {
    const p = plan('print_batch');
    expect(p.unowned).toBe(true);
    expect(longestCutoff(cutoffsOf(p, '2040-01-10'))).toBe('2030-01-10');
  });

  it('sweeps unmatched mail and left-behind case documents under the service rule (2 years)', () => {
    for (const kind of ['inbound_message', 'case_document']) {
      const p = plan(kind);
      expect(p.unowned, kind).toBeUndefined();
      expect(cutoffsOf(p, '2030-06-15'), kind).toEqual({ SE: '2028-06-15', IT: '2028-06-15' });
    }
  });

  it('sweeps the batches after what they contain, and everything before the identity', () => {
    const order = SWEEP_PLANS.map((p) => p.kind);
    const at = (k: string) => order.indexOf(k as never);
    expect(at('print_batch')).toBeGreaterThan(at('letter'));
    expect(at('print_batch')).toBeGreaterThan(at('claim_file'));
    expect(at('payment_batch')).toBeGreaterThan(at('payment'));
    expect(order.at(-1)).toBe('identity');
  });
});
