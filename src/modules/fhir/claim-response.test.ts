import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { type FhirClaimState, outcomeOf, toClaimResponse, toExplanationOfBenefit } from './claim-response.ts';
import { CLAIM_ELEMENTS } from './fhir-schemas.ts';
import { languageFromHeader } from './fhir-texts.ts';
import { fhirSchemaCompileTimes, validateFhirResource } from './validate-fhir.ts';

const assessed = {
  lines: [
    {
      lineNo: 1,
      submittedMinor: 125_050,
      eligibleMinor: 125_050,
      deductibleMinor: 50_000,
      copayMinor: 0,
      benefitMinor: 75_050,
    },
    {
      lineNo: 2,
      submittedMinor: 10_000,
      eligibleMinor: 0,
      deductibleMinor: 0,
      copayMinor: 0,
      benefitMinor: 0,
    },
  ],
  totals: {
    submittedMinor: 135_050,
    eligibleMinor: 125_050,
    deductibleMinor: 50_000,
    copayMinor: 0,
    benefitMinor: 75_050,
  },
};

function state(overrides: Partial<FhirClaimState> = {}): FhirClaimState {
  return {
    claim: {
      id: '019a0000-0000-7000-8000-000000000001',
      claimNumber: 'CLM-2026-000001',
      status: 'in_review',
      currency: 'SEK',
      registeredAt: '2026-02-15T10:00:00.000Z',
      customerNumber: 'CUS-2026-000001',
      policyNumber: 'POL-2026-000001',
    },
    fhir: {
      identifier: { system: 'https://clinic.example/claims', value: 'A-1' },
      claimType: { coding: [{ code: 'professional' }] },
      provider: { reference: '#prov', display: 'Clinic' },
      itemSequences: [10, 20],
    },
    lines: [
      { lineNo: 1, benefitCode: 'MEDICAL_EXPENSES', amountMinor: 125_050, provider: 'Clinic' },
      { lineNo: 2, benefitCode: 'LUGGAGE_DELAY', amountMinor: 10_000, provider: 'Clinic' },
    ],
    assessment: assessed,
    decision: null,
    notes: [
      { code: 'deductible_applied', text: 'Självrisk 500,00 kr dras av.', lineNo: 1 },
      { code: 'not_covered', text: 'Not covered.', lineNo: 2 },
    ],
    payments: [],
    openRequests: [],
    language: 'sv',
    digits: 2,
    ...overrides,
  };
}

const decision: NonNullable<FhirClaimState['decision']> = {
  outcome: 'partially_approved',
  amountMinor: 70_000,
  lineAmounts: [{ lineNo: 1, payableMinor: 70_000 }],
  decidedAt: '2026-02-16T10:00:00.000Z',
};
const approved: Partial<FhirClaimState> = { decision };

function benefitOf(resource: Record<string, unknown>, index: number): unknown {
  const item = (
    resource.item as { adjudication: { category: { coding: { code: string }[] }; amount: unknown }[] }[]
  )[index];
  return item?.adjudication.find((a) => a.category.coding[0]?.code === 'benefit')?.amount;
}

describe('toClaimResponse', () => {
  it('every state gives a ClaimResponse valid against the official schema', () => {
    const states: FhirClaimState[] = [
      state({ assessment: null, notes: [], claim: { ...state().claim, status: 'registered' } }),
      state(),
      state({
        claim: { ...state().claim, status: 'awaiting_information' },
        openRequests: [
          {
            id: '019a0000-0000-7000-8000-0000000000aa',
            items: [
              { kind: 'document', document: 'receipt' },
              { kind: 'question', text: 'Where?' },
            ],
            dueOn: '2026-03-01',
            createdAt: '2026-02-15T10:00:00.000Z',
          },
        ],
      }),
      state({ ...approved, claim: { ...state().claim, status: 'partially_approved' } }),
      state({
        ...approved,
        claim: { ...state().claim, status: 'paid' },
        payments: [
          {
            paymentNumber: 'PAY-1',
            status: 'settled',
            amountMinor: 70_000,
            currency: 'SEK',
            date: '2026-02-20',
          },
        ],
      }),
      state({
        fhir: null,
        decision: { ...decision, outcome: 'denied' },
        claim: { ...state().claim, status: 'denied' },
      }),
    ];
    for (const s of states) {
      expect(validateFhirResource(toClaimResponse(s), 'ClaimResponse')).toEqual([]);
      expect(validateFhirResource(toExplanationOfBenefit(s), 'ExplanationOfBenefit')).toEqual([]);
    }
  }, 60_000); // the first use compiles the schema: seconds on a busy machine

  it('maps our status to the FHIR outcome', () => {
    expect(outcomeOf(state({ assessment: null, claim: { ...state().claim, status: 'registered' } }))).toBe(
      'queued',
    );
    expect(outcomeOf(state())).toBe('partial');
    expect(outcomeOf(state({ claim: { ...state().claim, status: 'awaiting_information' } }))).toBe('partial');
    expect(outcomeOf(state({ ...approved, claim: { ...state().claim, status: 'partially_approved' } }))).toBe(
      'complete',
    );
    expect(outcomeOf(state({ claim: { ...state().claim, status: 'withdrawn' } }))).toBe('complete');
  });

  it('adjudicates per item with the sender’s sequence: the assessment’s amounts, the decided benefit', () => {
    const undecided = toClaimResponse(state());
    expect(undecided).toMatchObject({
      item: [
        { itemSequence: 10, noteNumber: [1] },
        { itemSequence: 20, noteNumber: [2] },
      ],
      request: { identifier: { system: 'https://clinic.example/claims', value: 'A-1' } },
      disposition: 'Bedöms av en skadehandläggare.',
    });
    expect(benefitOf(undecided, 0)).toEqual({ value: 750.5, currency: 'SEK' });
    const decided = toClaimResponse(
      state({ ...approved, claim: { ...state().claim, status: 'partially_approved' } }),
    );
    expect(benefitOf(decided, 0)).toEqual({ value: 700, currency: 'SEK' });
    expect(benefitOf(decided, 1)).toEqual({ value: 0, currency: 'SEK' });
    // Intl's no-break space is not a FHIR string character: replaced by a space.
    expect(decided.disposition).toBe('Delvis godkänd: 700,00 kr.');
    expect(decided.processNote).toEqual([
      {
        number: 1,
        type: 'display',
        text: 'Självrisk 500,00 kr dras av.',
        language: { coding: [{ system: 'urn:ietf:bcp:47', code: 'sv' }] },
      },
      {
        number: 2,
        type: 'display',
        text: 'Not covered.',
        language: { coding: [{ system: 'urn:ietf:bcp:47', code: 'sv' }] },
      },
    ]);
  });

  it('shows the payment once decided, and open requests as contained CommunicationRequests', () => {
    const waiting = toClaimResponse(
      state({
        openRequests: [
          {
            id: 'r1',
            items: [{ kind: 'document', document: 'receipt' }],
            dueOn: '2026-03-01',
            createdAt: '2026-02-15T10:00:00.000Z',
          },
        ],
        language: 'en',
      }),
    );
    expect(waiting.communicationRequest).toEqual([{ reference: '#information-request-1' }]);
    expect(waiting.contained).toEqual([
      expect.objectContaining({
        resourceType: 'CommunicationRequest',
        payload: [{ contentString: 'Please send the document: receipt' }],
        occurrenceDateTime: '2026-03-01',
      }),
    ]);
    expect(waiting.payment).toBeUndefined();
    const paid = toExplanationOfBenefit(
      state({
        ...approved,
        claim: { ...state().claim, status: 'paid' },
        payments: [
          {
            paymentNumber: 'PAY-1',
            status: 'settled',
            amountMinor: 70_000,
            currency: 'SEK',
            date: '2026-02-20',
          },
        ],
      }),
    );
    expect(paid).toMatchObject({
      // A local reference cannot survive outside the Claim: the EOB keeps the display only.
      provider: { display: 'Clinic' },
      payment: {
        date: '2026-02-20',
        amount: { value: 700, currency: 'SEK' },
        identifier: { value: 'PAY-1' },
      },
      disposition: 'Utbetald: 700,00 kr.',
    });
  });
});

describe('the validator', () => {
  it('fails a broken resource (so the assertions above can fail) and reports its compile time', () => {
    const broken = { ...toClaimResponse(state()), outcome: ['complete'], extra: 1 } as Record<
      string,
      unknown
    >;
    delete broken.patient;
    expect(
      validateFhirResource(broken, 'ClaimResponse')
        .map((i) => `${i.code} ${i.expression}`)
        .sort(),
    ).toEqual([
      'required ClaimResponse.patient',
      'structure ClaimResponse.extra',
      'value ClaimResponse.outcome',
    ]);
    expect(validateFhirResource({ resourceType: 'Claim' }, 'ClaimResponse')[0]?.expression).toBe(
      'ClaimResponse.resourceType',
    );
    const nested = {
      resourceType: 'Patient',
      contained: [{ resourceType: 'Patient', contained: [{ resourceType: 'Patient' }] }],
    };
    expect(validateFhirResource(nested, 'Patient')).toEqual([
      expect.objectContaining({ code: 'invariant', expression: 'Patient.contained[0].contained' }),
    ]);
    const times = fhirSchemaCompileTimes();
    console.log(
      `FHIR schema: load ${times[0]?.toFixed(0)} ms, compile per definition ${times
        .slice(1)
        .map((t) => t.toFixed(0))
        .join(', ')} ms`,
    );
    expect(times.length).toBeGreaterThan(1);
  });

  it('the FhirClaim OpenAPI schema names exactly the R4 Claim elements', () => {
    const schema = JSON.parse(
      readFileSync(new URL('../../../standards/fhir/fhir.schema.json', import.meta.url), 'utf8'),
    );
    const elements = Object.keys(schema.definitions.Claim.properties).filter((k) => k !== 'resourceType');
    expect([...CLAIM_ELEMENTS]).toEqual(elements);
  });
});

describe('languageFromHeader', () => {
  it('takes the best-ranked of sv, it and en', () => {
    expect(languageFromHeader('it-IT,it;q=0.9,en;q=0.5')).toBe('it');
    expect(languageFromHeader('de, en;q=0.2, sv;q=0.8')).toBe('sv');
    expect(languageFromHeader('de')).toBeNull();
    expect(languageFromHeader(undefined)).toBeNull();
    expect(languageFromHeader('en;q=0')).toBeNull();
  });
});
