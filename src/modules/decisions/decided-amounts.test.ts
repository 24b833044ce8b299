import { describe, expect, it } from 'vitest';
import type { Assessment } from '../assessment/index.ts';
import { decideAmounts, decisionDeltas } from './decided-amounts.ts';

const YEAR = 'limit_year|pol|per|MED|2026-01-01';
const LIFE = 'limit_lifetime|pol|per|MED|*';
const DEDUCTIBLE = 'deductible_year|pol|per|*|2026-01-01';

function line(lineNo: number, submitted: number, deductible: number, benefit: number) {
  return {
    lineNo,
    benefitCode: 'MED',
    submittedMinor: submitted,
    eligibleMinor: submitted,
    deductibleMinor: deductible,
    copayMinor: 0,
    benefitMinor: benefit,
    reasons: [],
  };
}

// Two medical lines of 600 and 300, a deductible of 100 taken on line 1.
const assessment = {
  lines: [line(1, 600, 100, 500), line(2, 300, 0, 300)],
  accumulatorDeltas: [
    { key: YEAR, amountMinor: 900 },
    { key: LIFE, amountMinor: 900 },
    { key: DEDUCTIBLE, amountMinor: 100 },
  ],
} as unknown as Assessment;
const claimLines = [
  { lineNo: 1, claimedMinor: 600 },
  { lineNo: 2, claimedMinor: 300 },
];

describe('decideAmounts', () => {
  it('approve defaults to the assessment benefit per line', () => {
    expect(decideAmounts({ outcome: 'approve', requested: undefined, claimLines, assessment })).toEqual({
      ok: true,
      lines: [
        { lineNo: 1, payableMinor: 500 },
        { lineNo: 2, payableMinor: 300 },
      ],
      totalMinor: 800,
    });
  });

  it('partial pays only the lines listed', () => {
    const r = decideAmounts({
      outcome: 'partial',
      requested: [{ lineNo: 2, payableMinor: 200 }],
      claimLines,
      assessment,
    });
    expect(r).toMatchObject({ ok: true, totalMinor: 200 });
  });

  it.each([
    [{ lineNo: 3, payableMinor: 1 }, 'unknown_line'],
    [{ lineNo: 1, payableMinor: 601 }, 'above_claimed'],
    [{ lineNo: 1, payableMinor: 501 }, 'above_assessed_benefit'],
    [{ lineNo: 1, payableMinor: 0 }, 'nothing_payable'],
  ])('%o → %s', (requested, code) => {
    const r = decideAmounts({ outcome: 'partial', requested: [requested], claimLines, assessment });
    expect(r.ok ? null : r.errors[0]?.code).toBe(code);
  });
});

describe('decisionDeltas', () => {
  it('an approval in full adds the assessment deltas', () => {
    expect(
      decisionDeltas(assessment, 'approve', [
        { lineNo: 1, payableMinor: 500 },
        { lineNo: 2, payableMinor: 300 },
      ]),
    ).toEqual(assessment.accumulatorDeltas);
  });

  it('withholding lowers the money limits by what was withheld; the deductible stays', () => {
    expect(
      decisionDeltas(assessment, 'partial', [
        { lineNo: 1, payableMinor: 200 },
        { lineNo: 2, payableMinor: 0 },
      ]),
    ).toEqual([
      { key: YEAR, amountMinor: 300 },
      { key: LIFE, amountMinor: 300 },
      { key: DEDUCTIBLE, amountMinor: 100 },
    ]);
  });

  it('a denial adds nothing', () => {
    expect(decisionDeltas(assessment, 'deny', [])).toEqual([]);
  });
});
