import type { CaseKind } from '../../db/schema.ts';

// Which deadline policies run on a service case (pure). The policies and their sources are in
// src/modules/deadlines/deadline-policies.ts.
//
// - A complaint runs on the jurisdiction's legal deadline: Italy, IVASS (45 calendar days);
//   Sweden, FFFS 2002:23 and the company's complaints policy (14 calendar days by default).
// - Every other kind runs on the internal service level (5 business days, paused while the
//   customer is asked for something).

export type CaseJurisdiction = 'SE' | 'IT';

export function caseDeadlinePolicyCodes(kind: CaseKind, jurisdiction: CaseJurisdiction): string[] {
  if (kind === 'complaint')
    return [jurisdiction === 'IT' ? 'it.ivass.complaint_answer' : 'se.complaint_answer'];
  return ['internal.case_answer'];
}

/**
 * Whose rules and calendar a case follows: the country of the linked policy's product (the
 * contract's law), else the customer's country. Only SE and IT are configured; anything else
 * counts as SE until it is.
 */
export function caseJurisdiction(opts: {
  productCountry: string | null;
  customerCountry: string;
}): CaseJurisdiction {
  const country = opts.productCountry ?? opts.customerCountry;
  return country === 'IT' ? 'IT' : 'SE';
}

/** The link a kind cannot do without: a payment delay is about a claim, a renewal about a policy. */
export function requiredCaseLink(kind: CaseKind): 'claimId' | 'policyId' | null {
  if (kind === 'payment_delay') return 'claimId';
  if (kind === 'renewal_problem') return 'policyId';
  return null;
}
