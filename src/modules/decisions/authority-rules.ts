// Who may decide what, as a pure function of the authority_limits rows and the proposed decision.
// No I/O: the use case loads the rows and the facts (who registered the claim, whether the customer
// is related to the decider) and acts on the verdict. A refusal is never an error for the person:
// it names the reason the claim is escalated to a supervisor instead.
//
// Which row applies (the first kind that has a row in the decision's currency wins):
//   1. the decider's own row for the claim's product,
//   2. the decider's own row for any product (product_code NULL),
//   3. their role's row for the product,
//   4. their role's row for any product.
// A user's own row replaces their role's entirely (it may be lower as well as higher: a newcomer
// on probation), so rows are never combined. No row: not authorised at all.

export type AuthorityEscalationReason =
  | 'above_authority'
  | 'cause_not_authorised'
  | 'deny_not_authorised'
  | 'four_eyes_own_registration'
  | 'four_eyes_related_customer';

export type AuthorityLimit = {
  role: string | null;
  userId: string | null;
  productCode: string | null;
  currency: string;
  maxAmountMinor: number;
  /** Causes (claim types) this subject may decide; null: any. */
  causes: readonly string[] | null;
  mayDeny: boolean;
  ownRegistrationMaxMinor: number;
};

export type ProposedDecision = {
  outcome: 'approve' | 'partial' | 'deny';
  /** What the decision pays, in minor units (0 for a denial). */
  amountMinor: number;
  productCode: string;
  cause: string | null;
  currency: string;
};

export type AuthorityQuestion = {
  decider: { userId: string; role: string };
  /** Every row for the decider's user id or role; this function picks the one that applies. */
  limits: readonly AuthorityLimit[];
  proposal: ProposedDecision;
  /** The decider registered the claim themselves. */
  registeredByDecider: boolean;
  /** The customer lists the decider in related_staff_user_ids (family, friend, neighbour…). */
  customerRelatedToDecider: boolean;
};

export type AuthorityVerdict =
  | { allowed: true; limit: AuthorityLimit }
  | { allowed: false; escalate: AuthorityEscalationReason; detail: string };

/** The row that governs this decider for this product and currency, or null when none does. */
export function applicableLimit(
  decider: AuthorityQuestion['decider'],
  limits: readonly AuthorityLimit[],
  productCode: string,
  currency: string,
): AuthorityLimit | null {
  const inCurrency = limits.filter(
    (l) => l.currency === currency && (l.productCode === null || l.productCode === productCode),
  );
  const own = inCurrency.filter((l) => l.userId === decider.userId);
  const role = inCurrency.filter((l) => l.userId === null && l.role === decider.role);
  for (const rows of [own, role]) {
    const specific = rows.find((l) => l.productCode === productCode);
    if (specific) return specific;
    const any = rows.find((l) => l.productCode === null);
    if (any) return any;
  }
  return null;
}

export function checkAuthority(q: AuthorityQuestion): AuthorityVerdict {
  const { proposal } = q;
  // A related customer is never decided by the person they are related to, whatever the amount
  // (four-eyes: nobody judges a claim of their own family or friends).
  if (q.customerRelatedToDecider) {
    return {
      allowed: false,
      escalate: 'four_eyes_related_customer',
      detail: 'The customer is listed as related to the decider.',
    };
  }
  const limit = applicableLimit(q.decider, q.limits, proposal.productCode, proposal.currency);
  if (!limit) return { allowed: false, escalate: 'above_authority', detail: 'no authority limit configured' };
  if (limit.causes !== null && (proposal.cause === null || !limit.causes.includes(proposal.cause))) {
    return {
      allowed: false,
      escalate: 'cause_not_authorised',
      detail: `Claims with cause ${proposal.cause ?? '(none)'} are outside the decider's authority.`,
    };
  }
  // A denial pays nothing, so no amount applies; whether the decider may deny at all is the rule.
  if (proposal.outcome === 'deny') {
    if (!limit.mayDeny) {
      return { allowed: false, escalate: 'deny_not_authorised', detail: 'The decider may not deny claims.' };
    }
    return { allowed: true, limit };
  }
  if (proposal.amountMinor > limit.maxAmountMinor) {
    return {
      allowed: false,
      escalate: 'above_authority',
      detail: `${proposal.amountMinor} ${proposal.currency} is above the decider's limit of ${limit.maxAmountMinor}.`,
    };
  }
  if (q.registeredByDecider && proposal.amountMinor > limit.ownRegistrationMaxMinor) {
    return {
      allowed: false,
      escalate: 'four_eyes_own_registration',
      detail: `The decider registered this claim; they may decide it only up to ${limit.ownRegistrationMaxMinor} ${proposal.currency}.`,
    };
  }
  return { allowed: true, limit };
}
