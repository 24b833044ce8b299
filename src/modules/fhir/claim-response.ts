import type { ClaimStatus, InformationItem, Language } from '../../db/schema.ts';
import { SYSTEM } from './fhir-systems.ts';
import { askText, type Disposition, dispositionText, formatMoney } from './fhir-texts.ts';

// Our claim's current state as a FHIR R4 ClaimResponse and, once paid, an ExplanationOfBenefit.
// Pure: load-fhir-claim-state.ts reads the state; the integration test validates every resource
// built here against the official schema.

type Money = { value: number; currency: string };
type Json = Record<string, unknown>;

export type FhirClaimState = {
  claim: {
    id: string;
    claimNumber: string;
    status: ClaimStatus;
    currency: string;
    registeredAt: string;
    customerNumber: string;
    policyNumber: string;
  };
  /** What the FHIR Claim said that our claim does not hold; null for claims that came another way. */
  fhir: {
    identifier: { system: string; value: string } | null;
    claimType: unknown;
    provider: unknown;
    itemSequences: number[];
  } | null;
  lines: { lineNo: number; benefitCode: string; amountMinor: number; provider: string | null }[];
  assessment: {
    lines: {
      lineNo: number;
      submittedMinor: number;
      eligibleMinor: number;
      deductibleMinor: number;
      copayMinor: number;
      benefitMinor: number;
    }[];
    totals: {
      submittedMinor: number;
      eligibleMinor: number;
      deductibleMinor: number;
      copayMinor: number;
      benefitMinor: number;
    };
  } | null;
  decision: {
    outcome: 'approved' | 'partially_approved' | 'denied';
    amountMinor: number;
    /** Per line when a person decided line by line; null: the assessment's amounts. */
    lineAmounts: { lineNo: number; payableMinor: number }[] | null;
    decidedAt: string;
  } | null;
  /** The assessment's reasons, already in `language`. */
  notes: { code: string; text: string; lineNo: number | null }[];
  payments: {
    paymentNumber: string;
    status: string;
    amountMinor: number;
    currency: string;
    date: string;
  }[];
  openRequests: { id: string; items: InformationItem[]; dueOn: string; createdAt: string }[];
  language: Language;
  /** Minor units per major unit of the claim's currency. */
  digits: number;
};

const UNDECIDED: Partial<Record<ClaimStatus, Disposition>> = {
  registered: 'queued',
  in_review: 'in_review',
  escalated: 'in_review',
  awaiting_information: 'awaiting_information',
  appealed: 'appealed',
};

const DECIDED: Partial<Record<ClaimStatus, Disposition>> = {
  approved: 'approved',
  partially_approved: 'partially_approved',
  denied: 'denied',
  paid: 'paid',
  closed: 'closed',
  withdrawn: 'withdrawn',
};

/** FHIR's RemittanceOutcome for our claim status (docs/fhir.md). */
export function outcomeOf(state: FhirClaimState): 'queued' | 'complete' | 'error' | 'partial' {
  if (state.assessment === null) return 'queued';
  if (state.claim.status in UNDECIDED) return 'partial';
  return 'complete';
}

export function isPaid(state: FhirClaimState): boolean {
  return state.claim.status === 'paid' || state.payments.some((p) => p.status === 'settled');
}

/** FHIR strings allow no whitespace but space, tab and line breaks (Intl puts U+00A0 in amounts). */
function fhirString(text: string): string {
  return text.replace(/[^\S \r\n\t]/g, ' ');
}

function money(state: FhirClaimState, minor: number): Money {
  return { value: minor / 10 ** state.digits, currency: state.claim.currency };
}

function concept(code: string, system?: string): Json {
  return { coding: [{ ...(system ? { system } : {}), code }] };
}

function disposition(state: FhirClaimState): string {
  const undecided = UNDECIDED[state.claim.status];
  if (undecided) return dispositionText(state.assessment ? undecided : 'queued', state.language);
  const kind = isPaid(state) ? 'paid' : (DECIDED[state.claim.status] ?? 'closed');
  const amount = state.decision
    ? formatMoney(state.decision.amountMinor, state.claim.currency, state.digits, state.language)
    : '';
  return dispositionText(kind, state.language, amount);
}

function benefitOf(state: FhirClaimState, lineNo: number, computed: number): number {
  const d = state.decision;
  if (!d) return computed;
  if (d.outcome === 'denied') return 0;
  if (!d.lineAmounts) return computed;
  return d.lineAmounts.find((l) => l.lineNo === lineNo)?.payableMinor ?? 0;
}

function adjudication(state: FhirClaimState, lineNo: number, claimedMinor: number): Json[] {
  const a = state.assessment?.lines.find((l) => l.lineNo === lineNo);
  const entry = (category: string, minor: number): Json => ({
    category: concept(category, SYSTEM.adjudication),
    amount: money(state, minor),
  });
  if (!a) return [entry('submitted', claimedMinor)];
  return [
    entry('submitted', a.submittedMinor),
    entry('eligible', a.eligibleMinor),
    entry('deductible', a.deductibleMinor),
    entry('copay', a.copayMinor),
    entry('benefit', benefitOf(state, lineNo, a.benefitMinor)),
  ];
}

function totals(state: FhirClaimState): Json[] {
  const t = state.assessment?.totals;
  const entry = (category: string, minor: number): Json => ({
    category: concept(category, SYSTEM.adjudication),
    amount: money(state, minor),
  });
  if (!t)
    return [
      entry(
        'submitted',
        state.lines.reduce((s, l) => s + l.amountMinor, 0),
      ),
    ];
  const benefit = state.decision
    ? state.decision.outcome === 'denied'
      ? 0
      : state.decision.amountMinor
    : t.benefitMinor;
  return [
    entry('submitted', t.submittedMinor),
    entry('eligible', t.eligibleMinor),
    entry('deductible', t.deductibleMinor),
    entry('copay', t.copayMinor),
    entry('benefit', benefit),
  ];
}

function noteNumbers(state: FhirClaimState, lineNo: number): number[] {
  return state.notes.flatMap((n, i) => (n.lineNo === lineNo ? [i + 1] : []));
}

function processNotes(state: FhirClaimState): Json[] {
  return state.notes.map((n, i) => ({
    number: i + 1,
    type: 'display',
    text: fhirString(n.text),
    language: concept(state.language, SYSTEM.bcp47),
  }));
}

function payment(state: FhirClaimState): Json | undefined {
  if (!state.decision || state.decision.outcome === 'denied' || state.payments.length === 0) return undefined;
  const paid = state.payments.filter((p) => p.status === 'settled');
  const shown = paid.length > 0 ? paid : state.payments;
  const latest = shown.reduce((a, b) => (b.date > a.date ? b : a));
  return {
    type: concept(
      state.claim.status === 'paid' || paid.length === state.payments.length ? 'complete' : 'partial',
      SYSTEM.paymentType,
    ),
    date: latest.date,
    amount: money(
      state,
      shown.reduce((s, p) => s + p.amountMinor, 0),
    ),
    identifier: { system: SYSTEM.paymentNumber, value: latest.paymentNumber },
  };
}

function common(state: FhirClaimState): Json {
  const { claim, fhir } = state;
  return {
    id: claim.id,
    identifier: [{ system: SYSTEM.claimNumber, value: claim.claimNumber }],
    status: 'active',
    type: fhir?.claimType ?? { text: 'Claimdesk claim' },
    use: 'claim',
    patient: { identifier: { system: SYSTEM.customerNumber, value: claim.customerNumber } },
    created: claim.registeredAt,
    insurer: { display: 'Claimdesk' },
  };
}

function requestRef(state: FhirClaimState): Json {
  const id = state.fhir?.identifier;
  return { identifier: id ?? { system: SYSTEM.claimNumber, value: state.claim.claimNumber } };
}

function itemSequence(state: FhirClaimState, lineNo: number): number {
  return state.fhir?.itemSequences[lineNo - 1] ?? lineNo;
}

/** Open requests for information as contained CommunicationRequests (ClaimResponse references them). */
function communicationRequests(state: FhirClaimState): Json[] {
  return state.openRequests.map((r, i) => ({
    resourceType: 'CommunicationRequest',
    id: `information-request-${i + 1}`,
    identifier: [{ system: SYSTEM.informationRequest, value: r.id }],
    status: 'active',
    subject: { identifier: { system: SYSTEM.customerNumber, value: state.claim.customerNumber } },
    about: [{ identifier: { system: SYSTEM.claimNumber, value: state.claim.claimNumber } }],
    payload: r.items.map((item) => ({
      contentString: fhirString(
        item.kind === 'document'
          ? askText('document', item.document, state.language)
          : askText('question', item.text, state.language),
      ),
    })),
    occurrenceDateTime: r.dueOn,
    authoredOn: r.createdAt,
  }));
}

export function toClaimResponse(state: FhirClaimState): Json {
  const requests = communicationRequests(state);
  const pay = payment(state);
  const notes = processNotes(state);
  return {
    resourceType: 'ClaimResponse',
    ...common(state),
    ...(requests.length > 0 ? { contained: requests } : {}),
    request: requestRef(state),
    outcome: outcomeOf(state),
    disposition: fhirString(disposition(state)),
    item: state.lines.map((l) => {
      const numbers = noteNumbers(state, l.lineNo);
      return {
        itemSequence: itemSequence(state, l.lineNo),
        ...(numbers.length > 0 ? { noteNumber: numbers } : {}),
        adjudication: adjudication(state, l.lineNo, l.amountMinor),
      };
    }),
    total: totals(state),
    ...(pay ? { payment: pay } : {}),
    ...(notes.length > 0 ? { processNote: notes } : {}),
    ...(requests.length > 0
      ? { communicationRequest: requests.map((r) => ({ reference: `#${String(r.id)}` })) }
      : {}),
  };
}

/** The sender's provider reference without local references (an EOB carries no contained resources). */
function providerOf(state: FhirClaimState): Json {
  const p = state.fhir?.provider;
  if (typeof p === 'object' && p !== null) {
    const { reference, ...rest } = p as Json;
    const kept = typeof reference === 'string' && !reference.startsWith('#') ? { reference, ...rest } : rest;
    if (Object.keys(kept).length > 0) return kept;
  }
  const named = state.lines.find((l) => l.provider)?.provider;
  return { display: named ?? 'Not stated' };
}

export function toExplanationOfBenefit(state: FhirClaimState): Json {
  const pay = payment(state);
  const notes = processNotes(state);
  return {
    resourceType: 'ExplanationOfBenefit',
    ...common(state),
    provider: providerOf(state),
    claim: requestRef(state),
    claimResponse: { reference: `ClaimResponse/${state.claim.id}` },
    outcome: outcomeOf(state),
    disposition: fhirString(disposition(state)),
    insurance: [
      {
        focal: true,
        coverage: { identifier: { system: SYSTEM.policyNumber, value: state.claim.policyNumber } },
      },
    ],
    item: state.lines.map((l) => {
      const numbers = noteNumbers(state, l.lineNo);
      return {
        sequence: itemSequence(state, l.lineNo),
        productOrService: concept(l.benefitCode, SYSTEM.benefit),
        net: money(state, l.amountMinor),
        ...(numbers.length > 0 ? { noteNumber: numbers } : {}),
        adjudication: adjudication(state, l.lineNo, l.amountMinor),
      };
    }),
    total: totals(state),
    ...(pay ? { payment: pay } : {}),
    ...(notes.length > 0 ? { processNote: notes } : {}),
  };
}
