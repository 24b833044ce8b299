import { describe, expect, it } from 'vitest';
import { deadlinePolicy } from '../deadlines/index.ts';
import { caseDeadlinePolicyCodes, caseJurisdiction, requiredCaseLink } from './case-deadline-policies.ts';
import { CASE_KINDS } from './case-schemas.ts';
import { paymentStateOfClaim } from './claim-payment-state.ts';

describe('case deadline policies', () => {
  it('runs a complaint on its jurisdiction’s legal deadline', () => {
    expect(caseDeadlinePolicyCodes('complaint', 'IT')).toEqual(['it.ivass.complaint_answer']);
    expect(caseDeadlinePolicyCodes('complaint', 'SE')).toEqual(['se.complaint_answer']);
  });

  it('runs every other kind on the internal answer service level, in both countries', () => {
    for (const kind of CASE_KINDS.filter((k) => k !== 'complaint')) {
      expect(caseDeadlinePolicyCodes(kind, 'SE')).toEqual(['internal.case_answer']);
      expect(caseDeadlinePolicyCodes(kind, 'IT')).toEqual(['internal.case_answer']);
    }
  });

  it('names only configured policies', () => {
    for (const kind of CASE_KINDS) {
      for (const j of ['SE', 'IT'] as const) {
        for (const code of caseDeadlinePolicyCodes(kind, j)) expect(deadlinePolicy(code).code).toBe(code);
      }
    }
  });

  it('follows the linked policy’s product country, else the customer’s', () => {
    expect(caseJurisdiction({ productCountry: 'IT', customerCountry: 'SE' })).toBe('IT');
    expect(caseJurisdiction({ productCountry: null, customerCountry: 'IT' })).toBe('IT');
    expect(caseJurisdiction({ productCountry: null, customerCountry: 'SE' })).toBe('SE');
    expect(caseJurisdiction({ productCountry: null, customerCountry: 'NO' })).toBe('SE');
  });

  it('requires the link a kind is about', () => {
    expect(requiredCaseLink('payment_delay')).toBe('claimId');
    expect(requiredCaseLink('renewal_problem')).toBe('policyId');
    expect(requiredCaseLink('general_inquiry')).toBeNull();
    expect(requiredCaseLink('complaint')).toBeNull();
  });
});

describe('payment state derived from the claim (until payments have records)', () => {
  it.each([
    ['approved', 'awaiting_payment'],
    ['partially_approved', 'awaiting_payment'],
    ['paid', 'paid'],
    ['in_review', 'not_due'],
    ['denied', 'not_due'],
    ['closed', 'not_due'],
    ['appealed', 'not_due'],
  ] as const)('%s → %s', (status, state) => {
    expect(paymentStateOfClaim(status)).toBe(state);
  });
});
