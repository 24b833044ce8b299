import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { parseIsoDay } from '../../lib/day-number.ts';
import { assessClaim } from './assess-claim.ts';
import type { PriorClaim } from './assessment-types.ts';
import { detectDuplicates, relevantPriorClaims, withinFivePercent } from './detect-duplicates.ts';
import { makeInput } from './test-fixtures.ts';

// Stage 3: duplicates against the other claims on the policy. The fixture claim: person-1,
// incident 2025-06-10, total 100 000, provider "Provider AB".

const prior = (p: Partial<PriorClaim>): PriorClaim => ({
  id: 'claim-0',
  claimNumber: 'CD-2025-000007',
  insuredPersonId: 'person-1',
  incidentDate: '2025-06-10',
  totalClaimedMinor: 100_000,
  providers: ['Provider AB'],
  serviceDates: ['2025-06-10'],
  ...p,
});

type Flag = 'duplicate_claim' | 'possible_duplicate' | null;

describe('duplicates', () => {
  it.each<[string, Partial<PriorClaim>, Flag]>([
    ['same person, date, total and provider', {}, 'duplicate_claim'],
    ['a provider in common among several', { providers: ['Other', 'Provider AB'] }, 'duplicate_claim'],
    ['different provider, same date and total', { providers: ['Other'] }, 'possible_duplicate'],
    ['prior has no providers, this one has', { providers: [] }, 'possible_duplicate'],
    ['same total, 7 days earlier', { incidentDate: '2025-06-03' }, 'possible_duplicate'],
    ['same total, 7 days later', { incidentDate: '2025-06-17' }, 'possible_duplicate'],
    ['same total, 8 days apart', { incidentDate: '2025-06-02' }, null],
    ['same date, total 5 % higher', { totalClaimedMinor: 105_000 }, 'possible_duplicate'],
    ['same date, total 5 % lower', { totalClaimedMinor: 95_000 }, 'possible_duplicate'],
    ['same date, total just over 5 % lower', { totalClaimedMinor: 94_999 }, null],
    ['same date, total 5.01 % higher', { totalClaimedMinor: 105_264 }, null],
    ['another insured person', { insuredPersonId: 'person-2' }, null],
    [
      'another person, same date, close total',
      { insuredPersonId: 'person-2', totalClaimedMinor: 101_000 },
      null,
    ],
    ['this very claim (re-assessment)', { id: 'claim-1' }, null],
    ['nothing alike', { incidentDate: '2025-01-10', totalClaimedMinor: 7 }, null],
  ])('%s → %s', (_name, p, expected) => {
    const result = assessClaim(makeInput('travel', { priorClaims: [prior(p)] }));
    expect(result.riskFlags).toEqual(
      expected === null ? [] : [{ code: expected, claimNumber: 'CD-2025-000007' }],
    );
    const reasons = result.reasons.filter(
      (r) => r.code === 'duplicate_claim' || r.code === 'possible_duplicate',
    );
    if (expected === 'duplicate_claim') {
      expect(reasons).toEqual([
        { code: 'duplicate_claim', clause: null, params: { claimNumber: 'CD-2025-000007' } },
      ]);
      expect(result.recommendation).toBe('refer');
    } else {
      expect(reasons).toEqual([]);
      expect(result.recommendation).toBe('approve');
    }
    expect(result.straightThrough).toBe(expected === null);
  });

  it('two claims with no providers at all are duplicates', () => {
    const result = assessClaim(
      makeInput('travel', { lines: [{ provider: null }], priorClaims: [prior({ providers: [] })] }),
    );
    expect(result.riskFlags).toEqual([{ code: 'duplicate_claim', claimNumber: 'CD-2025-000007' }]);
  });

  it('flags every matching prior claim; a duplicate still gets its amounts worked out', () => {
    const result = assessClaim(
      makeInput('travel', {
        priorClaims: [prior({}), prior({ id: 'claim-9', claimNumber: 'CD-9', incidentDate: '2025-06-12' })],
      }),
    );
    expect(result.riskFlags).toEqual([
      { code: 'duplicate_claim', claimNumber: 'CD-2025-000007' },
      { code: 'possible_duplicate', claimNumber: 'CD-9' },
    ]);
    expect(result.recommendation).toBe('refer');
    expect(result.totals.benefitMinor).toBe(50_000);
  });

  it('a possible duplicate blocks straight-through only', () => {
    const result = assessClaim(makeInput('travel', { priorClaims: [prior({ incidentDate: '2025-06-09' })] }));
    expect(result.recommendation).toBe('approve');
    expect(result.straightThrough).toBe(false);
    expect(result.reasons).toEqual([]);
  });
});

const MAX = Number.MAX_SAFE_INTEGER;
/** The smallest b with max − b ≤ 5 % of max, i.e. ceil(19 × max / 20), computed exactly. */
const lowest = Number((19n * BigInt(MAX) + 19n) / 20n);

describe('withinFivePercent', () => {
  it.each([
    [100, 105, true],
    [100, 106, false],
    [0, 0, true],
    [0, 1, false],
    [MAX, MAX - 1, true],
    [MAX, lowest, true],
    [MAX, lowest - 1, false],
  ])('%i vs %i → %s', (a, b, expected) => {
    expect(withinFivePercent(a, b)).toBe(expected);
    expect(withinFivePercent(b, a)).toBe(expected);
  });
});

describe('relevantPriorClaims', () => {
  it('keeps the same insured person within 7 days either side, and nothing else', () => {
    const claim = { insuredPersonId: 'person-1', incidentDate: '2025-06-10' };
    const kept = relevantPriorClaims(claim, [
      prior({ id: 'a', incidentDate: '2025-06-03' }),
      prior({ id: 'b', incidentDate: '2025-06-17' }),
      prior({ id: 'c', incidentDate: '2025-06-02' }),
      prior({ id: 'd', incidentDate: '2025-06-18' }),
      prior({ id: 'e', insuredPersonId: 'person-2' }),
    ]);
    expect(kept.map((p) => p.id)).toEqual(['a', 'b']);
  });

  // The loaders hand the engine only these; the findings must be exactly those over all claims.
  it('changes no finding: duplicates over the relevant claims equal duplicates over all', () => {
    const day = fc
      .integer({ min: 0, max: 40 })
      .map((d) => `2025-06-${String(1 + (d % 30)).padStart(2, '0')}`);
    const priorArb = fc.record({
      id: fc.uuid(),
      claimNumber: fc.constant('CD-2025-000001'),
      insuredPersonId: fc.constantFrom('person-1', 'person-2'),
      incidentDate: day,
      totalClaimedMinor: fc.constantFrom(95_000, 100_000, 104_000, 120_000),
      providers: fc.subarray(['Provider AB', 'Other']),
      serviceDates: fc.constant<string[]>([]),
    });
    fc.assert(
      fc.property(day, fc.array(priorArb, { maxLength: 30 }), (incidentDate, priors) => {
        const claim = { ...makeInput('travel').claim, incidentDate };
        const all = detectDuplicates(claim, parseIsoDay(incidentDate), priors);
        const some = detectDuplicates(claim, parseIsoDay(incidentDate), relevantPriorClaims(claim, priors));
        expect(some).toEqual(all);
      }),
      { numRuns: 500 },
    );
  });
});
