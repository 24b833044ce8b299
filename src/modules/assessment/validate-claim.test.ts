import { describe, expect, it } from 'vitest';
import { assessClaim } from './assess-claim.ts';
import type { Reason, ReasonCode } from './assessment-types.ts';
import type { InputSpec, ProductName } from './test-fixtures.ts';
import { makeInput } from './test-fixtures.ts';

// Stage 1: processing errors → refer, nothing payable, later stages skipped.

const codes = (reasons: Reason[]) => reasons.map((r) => r.code);
const VALIDATION: ReadonlySet<ReasonCode> = new Set<ReasonCode>([
  'date_in_future',
  'date_before_birth',
  'negative_amount',
  'amounts_do_not_sum',
  'currency_mismatch',
  'line_outside_incident',
]);

describe('validation', () => {
  it.each<[string, ProductName, InputSpec, ReasonCode[]]>([
    ['clean claim', 'travel', {}, []],
    [
      'incident after registration',
      'travel',
      { claim: { incidentDate: '2025-06-21' }, lines: [{ serviceDate: '2025-06-21' }] },
      ['date_in_future', 'date_in_future'],
    ],
    [
      'incident on the registration day',
      'travel',
      { claim: { incidentDate: '2025-06-20' }, lines: [{ serviceDate: '2025-06-20' }] },
      [],
    ],
    [
      'service date after registration',
      'travel',
      { lines: [{ serviceDate: '2025-06-21' }] },
      ['date_in_future'],
    ],
    ['incident before birth', 'travel', { claim: { insuredBirthDate: '2025-06-11' } }, ['date_before_birth']],
    ['incident on the birth day', 'travel', { claim: { insuredBirthDate: '2025-06-10' } }, []],
    ['negative amount (total matches)', 'travel', { lines: [{ amountMinor: -1 }] }, ['negative_amount']],
    ['total does not match', 'travel', { claim: { totalClaimedMinor: 100_001 } }, ['amounts_do_not_sum']],
    ['zero amount', 'travel', { lines: [{ amountMinor: 0 }] }, []],
    [
      'claim currency differs from the policy',
      'travel',
      { claim: { currency: 'EUR' }, lines: [{ currency: 'EUR' }] },
      ['currency_mismatch'],
    ],
    ['line currency differs', 'health', { lines: [{}, { currency: 'SEK' }] }, ['currency_mismatch']],
    [
      'claim and line in two other currencies',
      'health',
      { claim: { currency: 'USD' }, lines: [{ currency: 'SEK' }] },
      ['currency_mismatch', 'currency_mismatch'],
    ],
    [
      'service date before the incident',
      'travel',
      { lines: [{ serviceDate: '2025-06-09' }] },
      ['line_outside_incident'],
    ],
    [
      'service date 365 days after the incident',
      'health',
      { claim: { registeredOn: '2026-06-01' }, lines: [{ serviceDate: '2026-05-10' }] },
      [],
    ],
    [
      'service date 366 days after the incident',
      'health',
      { claim: { registeredOn: '2026-06-01' }, lines: [{ serviceDate: '2026-05-11' }] },
      ['line_outside_incident'],
    ],
    [
      'daily-benefit line: its amount counts as 0 in the total',
      'sickness',
      { lines: [{ amountMinor: 5_000 }], claim: { totalClaimedMinor: 0 } },
      [],
    ],
    [
      'daily-benefit line with a negative amount',
      'sickness',
      { lines: [{ amountMinor: -5 }], claim: { totalClaimedMinor: 0 } },
      ['negative_amount'],
    ],
  ])('%s', (_name, product, spec, expected) => {
    const result = assessClaim(makeInput(product, spec));
    expect(codes(result.reasons.filter((r) => VALIDATION.has(r.code)))).toEqual(expected);
    if (expected.length > 0) {
      expect(result.recommendation).toBe('refer');
      expect(result.totals.benefitMinor).toBe(0);
      expect(result.totals.eligibleMinor).toBe(0);
      expect(result.accumulatorDeltas).toEqual([]);
      expect(result.straightThrough).toBe(false);
    } else {
      expect(result.recommendation).not.toBe('refer');
    }
  });

  it('reports every problem at once, in stage order, with the line numbers', () => {
    const result = assessClaim(
      makeInput('travel', {
        claim: { totalClaimedMinor: 5, insuredBirthDate: '2030-01-01' },
        lines: [
          { amountMinor: -10, serviceDate: '2025-06-01' },
          { lineNo: 7, currency: 'NOK', serviceDate: '2025-07-01' },
        ],
      }),
    );
    expect(result.reasons).toEqual([
      {
        code: 'date_in_future',
        clause: null,
        params: { eventDate: '2025-07-01', registeredDate: '2025-06-20', lineNo: 7 },
      },
      {
        code: 'date_before_birth',
        clause: null,
        params: { incidentDate: '2025-06-10', birthDate: '2030-01-01' },
      },
      { code: 'negative_amount', clause: null, params: { amountMinor: -10, lineNo: 1 } },
      { code: 'amounts_do_not_sum', clause: null, params: { linesMinor: 99_990, totalMinor: 5 } },
      {
        code: 'currency_mismatch',
        clause: null,
        params: { currency: 'NOK', policyCurrency: 'SEK', lineNo: 7 },
      },
      {
        code: 'line_outside_incident',
        clause: null,
        params: { serviceDate: '2025-06-01', incidentDate: '2025-06-10', lineNo: 1 },
      },
    ]);
    expect(result.explanation.map((e) => e.lineNo)).toEqual([7, null, 1, null, 7, 1]);
  });

  it('skips the later stages: no missing documents, no duplicates, no eligibility reasons', () => {
    const result = assessClaim(
      makeInput('travel', {
        claim: { totalClaimedMinor: 1, documents: [] },
        policy: { premiumState: 'lapsed' },
        priorClaims: [
          {
            id: 'c0',
            claimNumber: 'CD-1',
            insuredPersonId: 'person-1',
            incidentDate: '2025-06-10',
            totalClaimedMinor: 1,
            providers: [],
            serviceDates: [],
          },
        ],
      }),
    );
    expect(codes(result.reasons)).toEqual(['amounts_do_not_sum']);
    expect(result.missing).toEqual([]);
    expect(result.riskFlags).toEqual([]);
    expect(result.lines[0]).toMatchObject({
      submittedMinor: 100_000,
      eligibleMinor: 0,
      benefitMinor: 0,
      reasons: [],
    });
  });
});
