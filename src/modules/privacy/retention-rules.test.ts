import { describe, expect, it } from 'vitest';
import { RETENTION_RULES, retainedUntil, retentionRuleOf } from './retention-rules.ts';

describe('retention rules', () => {
  it('names each table at most once', () => {
    const tables = RETENTION_RULES.flatMap((r) => r.tables);
    expect(new Set(tables).size).toBe(tables.length);
  });

  it('keeps payments 7 years in Sweden and 10 in Italy', () => {
    const rule = retentionRuleOf('payment_orders');
    if (!rule) throw new Error('payment_orders has no rule');
    expect(retainedUntil(rule, 'SE', '2026-03-31')).toBe('2033-03-31');
    expect(retainedUntil(rule, 'IT', '2026-03-31')).toBe('2036-03-31');
  });

  it('moves 29 February to 28 February in a common year', () => {
    const rule = retentionRuleOf('payment_orders');
    if (!rule) throw new Error('payment_orders has no rule');
    expect(retainedUntil(rule, 'SE', '2024-02-29')).toBe('2031-02-28');
    expect(retainedUntil(rule, 'IT', '2024-02-29')).toBe('2034-02-28');
  });

  it('has no end date for identity data, which is kept only while needed', () => {
    const rule = retentionRuleOf('customers');
    if (!rule) throw new Error('customers has no rule');
    expect(retainedUntil(rule, 'SE', '2026-01-01')).toBeNull();
    expect(rule.personalDataErasedOnRequest).toBe(true);
  });

  it('says nothing about a table no rule names', () => {
    expect(retentionRuleOf('number_counters')).toBeUndefined();
  });
});
