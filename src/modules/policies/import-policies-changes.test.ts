import { describe, expect, it } from 'vitest';
import { policyChanges } from './import-policies.ts';

describe('policyChanges', () => {
  const terms = {
    ends_on: '2027-01-01',
    premium_frequency: 'monthly',
    premium_amount: 19_900,
    declared_annual_income: null,
    status: 'active',
  };
  it('is empty for the same terms and lists the differing ones in a fixed order', () => {
    expect(policyChanges(terms, { ...terms })).toEqual([]);
    expect(policyChanges(terms, { ...terms, status: 'cancelled', ends_on: '2027-06-01' })).toEqual([
      { field: 'ends_on', from: '2027-01-01', to: '2027-06-01' },
      { field: 'status', from: 'active', to: 'cancelled' },
    ]);
  });
});
