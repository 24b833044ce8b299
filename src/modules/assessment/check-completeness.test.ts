import { describe, expect, it } from 'vitest';
import { assessClaim } from './assess-claim.ts';
import { makeInput } from './test-fixtures.ts';

// Stage 2: required documents of the covers the claim's lines use.

describe('completeness', () => {
  it('lists each missing document once per benefit, and marks every line of that benefit', () => {
    const result = assessClaim(
      makeInput('travel', {
        claim: { documents: ['receipt'] },
        lines: [{}, { amountMinor: 20_000 }, { benefitCode: 'LUGGAGE_DELAY', amountMinor: 30_000 }],
      }),
    );
    expect(result.recommendation).toBe('request_information');
    expect(result.missing).toEqual([
      { document: 'medical_certificate', benefitCode: 'MEDICAL_EXPENSES', clause: '§4.1' },
      { document: 'property_irregularity_report', benefitCode: 'LUGGAGE_DELAY', clause: '§6.1' },
    ]);
    expect(
      result.lines.map((l) =>
        l.reasons.filter((r) => r.code === 'document_missing').map((r) => r.params.document),
      ),
    ).toEqual([['medical_certificate'], ['medical_certificate'], ['property_irregularity_report']]);
    // the amounts are still worked out for the representative
    expect(result.totals.benefitMinor).toBe(100_000);
  });

  it('lists a document once per benefit that needs it', () => {
    const result = assessClaim(
      makeInput('health', {
        claim: { documents: [] },
        lines: [{}, { benefitCode: 'PHARMACY', amountMinor: 2_000 }],
      }),
    );
    expect(result.missing).toEqual([
      { document: 'receipt', benefitCode: 'SPECIALIST_VISIT', clause: '§3.1' },
      { document: 'receipt', benefitCode: 'PHARMACY', clause: '§3.4' },
    ]);
  });

  it('asks nothing for a benefit the product does not cover', () => {
    const result = assessClaim(
      makeInput('travel', { claim: { documents: [] }, lines: [{ benefitCode: 'DENTAL' }] }),
    );
    expect(result.missing).toEqual([]);
    expect(result.recommendation).toBe('deny');
  });

  it('asks for the documents of an excluded line too (the stage runs before exclusions)', () => {
    const result = assessClaim(makeInput('travel', { claim: { documents: [], incidentCountry: 'AF' } }));
    expect(result.missing.map((m) => m.document)).toEqual(['receipt', 'medical_certificate']);
    expect(result.recommendation).toBe('request_information');
  });

  it('an eligibility denial beats a request for information', () => {
    const result = assessClaim(
      makeInput('travel', { claim: { documents: [] }, policy: { premiumState: 'overdue' } }),
    );
    expect(result.missing).toHaveLength(2);
    expect(result.recommendation).toBe('deny');
  });

  it('a complete claim has nothing missing', () => {
    const result = assessClaim(makeInput('sickness'));
    expect(result.missing).toEqual([]);
  });
});
