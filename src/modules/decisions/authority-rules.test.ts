import { describe, expect, it } from 'vitest';
import {
  type AuthorityLimit,
  type AuthorityQuestion,
  applicableLimit,
  checkAuthority,
  type ProposedDecision,
} from './authority-rules.ts';

const REP = { userId: 'u-rep', role: 'representative' };

function limit(overrides: Partial<AuthorityLimit> = {}): AuthorityLimit {
  return {
    role: 'representative',
    userId: null,
    productCode: null,
    currency: 'SEK',
    maxAmountMinor: 1_000_000,
    causes: null,
    mayDeny: true,
    ownRegistrationMaxMinor: 200_000,
    ...overrides,
  };
}

function proposal(overrides: Partial<ProposedDecision> = {}): ProposedDecision {
  return {
    outcome: 'approve',
    amountMinor: 500_000,
    productCode: 'SE-TRAVEL',
    cause: 'illness',
    currency: 'SEK',
    ...overrides,
  };
}

function ask(overrides: Partial<AuthorityQuestion> = {}): AuthorityQuestion {
  return {
    decider: REP,
    limits: [limit()],
    proposal: proposal(),
    registeredByDecider: false,
    customerRelatedToDecider: false,
    ...overrides,
  };
}

describe('checkAuthority', () => {
  const cases: { name: string; q: AuthorityQuestion; expected: string }[] = [
    { name: 'within the role limit', q: ask(), expected: 'allowed' },
    {
      name: 'exactly at the limit',
      q: ask({ proposal: proposal({ amountMinor: 1_000_000 }) }),
      expected: 'allowed',
    },
    {
      name: 'one öre above the limit',
      q: ask({ proposal: proposal({ amountMinor: 1_000_001 }) }),
      expected: 'above_authority',
    },
    { name: 'no row at all', q: ask({ limits: [] }), expected: 'above_authority' },
    {
      name: 'row in another currency only',
      q: ask({ limits: [limit({ currency: 'EUR' })] }),
      expected: 'above_authority',
    },
    {
      name: 'row for another product only',
      q: ask({ limits: [limit({ productCode: 'IT-HEALTH' })] }),
      expected: 'above_authority',
    },
    {
      name: "another role's row",
      q: ask({ limits: [limit({ role: 'supervisor' })] }),
      expected: 'above_authority',
    },
    {
      name: "another user's own row",
      q: ask({ limits: [limit({ role: null, userId: 'u-other', maxAmountMinor: 9_999_999 })] }),
      expected: 'above_authority',
    },
    {
      name: 'cause outside the listed causes',
      q: ask({ limits: [limit({ causes: ['accident'] })] }),
      expected: 'cause_not_authorised',
    },
    {
      name: 'no cause on the claim when causes are listed',
      q: ask({ limits: [limit({ causes: ['illness'] })], proposal: proposal({ cause: null }) }),
      expected: 'cause_not_authorised',
    },
    {
      name: 'listed cause',
      q: ask({ limits: [limit({ causes: ['illness', 'accident'] })] }),
      expected: 'allowed',
    },
    {
      name: 'deny without may_deny',
      q: ask({
        limits: [limit({ mayDeny: false })],
        proposal: proposal({ outcome: 'deny', amountMinor: 0 }),
      }),
      expected: 'deny_not_authorised',
    },
    {
      name: 'deny with may_deny, whatever was claimed',
      q: ask({ proposal: proposal({ outcome: 'deny', amountMinor: 0 }) }),
      expected: 'allowed',
    },
    {
      name: 'deny: an unlisted cause still escalates',
      q: ask({
        limits: [limit({ causes: ['accident'] })],
        proposal: proposal({ outcome: 'deny', amountMinor: 0 }),
      }),
      expected: 'cause_not_authorised',
    },
    {
      name: 'own registration above own_registration_max',
      q: ask({ registeredByDecider: true }),
      expected: 'four_eyes_own_registration',
    },
    {
      name: 'own registration within own_registration_max',
      q: ask({ registeredByDecider: true, proposal: proposal({ amountMinor: 200_000 }) }),
      expected: 'allowed',
    },
    {
      name: 'own registration, partial decision above own_registration_max',
      q: ask({ registeredByDecider: true, proposal: proposal({ outcome: 'partial', amountMinor: 300_000 }) }),
      expected: 'four_eyes_own_registration',
    },
    {
      name: 'related customer, tiny amount',
      q: ask({ customerRelatedToDecider: true, proposal: proposal({ amountMinor: 1 }) }),
      expected: 'four_eyes_related_customer',
    },
    {
      name: 'related customer, even a denial',
      q: ask({ customerRelatedToDecider: true, proposal: proposal({ outcome: 'deny', amountMinor: 0 }) }),
      expected: 'four_eyes_related_customer',
    },
    {
      name: 'related customer, even with no limit row',
      q: ask({ customerRelatedToDecider: true, limits: [] }),
      expected: 'four_eyes_related_customer',
    },
    {
      name: "own row lower than the role's wins",
      q: ask({
        limits: [
          limit({ maxAmountMinor: 9_000_000 }),
          limit({ role: null, userId: 'u-rep', maxAmountMinor: 100_000 }),
        ],
      }),
      expected: 'above_authority',
    },
    {
      name: "own row higher than the role's wins",
      q: ask({
        proposal: proposal({ amountMinor: 5_000_000 }),
        limits: [limit(), limit({ role: null, userId: 'u-rep', maxAmountMinor: 9_000_000 })],
      }),
      expected: 'allowed',
    },
    {
      name: 'product row wins over the any-product row (lower)',
      q: ask({
        limits: [
          limit({ maxAmountMinor: 9_000_000 }),
          limit({ productCode: 'SE-TRAVEL', maxAmountMinor: 100_000 }),
        ],
      }),
      expected: 'above_authority',
    },
    {
      name: 'product row wins over the any-product row (higher)',
      q: ask({
        proposal: proposal({ amountMinor: 5_000_000 }),
        limits: [limit(), limit({ productCode: 'SE-TRAVEL', maxAmountMinor: 9_000_000 })],
      }),
      expected: 'allowed',
    },
    {
      name: "own any-product row wins over the role's product row",
      q: ask({
        limits: [
          limit({ productCode: 'SE-TRAVEL', maxAmountMinor: 9_000_000 }),
          limit({ role: null, userId: 'u-rep', maxAmountMinor: 100_000 }),
        ],
      }),
      expected: 'above_authority',
    },
  ];

  it.each(cases)('$name → $expected', ({ q, expected }) => {
    const verdict = checkAuthority(q);
    expect(verdict.allowed ? 'allowed' : verdict.escalate).toBe(expected);
  });

  it('explains a missing row in words', () => {
    expect(checkAuthority(ask({ limits: [] }))).toEqual({
      allowed: false,
      escalate: 'above_authority',
      detail: 'no authority limit configured',
    });
  });
});

describe('applicableLimit', () => {
  it('prefers own product row, own any row, role product row, role any row, in that order', () => {
    const rows = [
      limit({ maxAmountMinor: 4 }),
      limit({ productCode: 'P', maxAmountMinor: 3 }),
      limit({ role: null, userId: 'u-rep', maxAmountMinor: 2 }),
      limit({ role: null, userId: 'u-rep', productCode: 'P', maxAmountMinor: 1 }),
    ];
    for (let n = rows.length; n > 0; n--) {
      // With the first n rows, the one of highest precedence among them wins.
      expect(applicableLimit(REP, rows.slice(0, n), 'P', 'SEK')?.maxAmountMinor).toBe(rows.length + 1 - n);
    }
  });
});
