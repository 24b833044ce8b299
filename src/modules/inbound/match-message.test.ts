import { describe, expect, it } from 'vitest';
import { generateSwedishPersonalNumber } from '../../lib/national-id/index.ts';
import {
  canonicalMessageId,
  type MatchCandidates,
  type MatchInput,
  matchLookups,
  matchMessage,
} from './match-message.ts';

const CLAIM = { id: 'claim-1', claimNumber: 'CLM-2026-000123', customerId: 'cust-a' };
const OTHER_CLAIM = { id: 'claim-2', claimNumber: 'CLM-2026-000999', customerId: 'cust-b' };
const CASE = { id: 'case-1', caseNumber: 'CASE-2026-000045', customerId: 'cust-c' };
const PNR = generateSwedishPersonalNumber({ birthDate: '1985-03-15', sex: 'female', serial: 12 });

const candidates: MatchCandidates = {
  claims: [CLAIM, OTHER_CLAIM],
  cases: [CASE],
  threads: [
    { messageId: '<out-1@claimdesk.example>', customerId: 'cust-b', claimId: 'claim-2', caseId: null },
    { messageId: 'in-1@mail.example', customerId: 'cust-c', claimId: null, caseId: 'case-1' },
    { messageId: '<orphan@mail.example>', customerId: null, claimId: null, caseId: null },
  ],
  customersByNationalId: [{ customerId: 'cust-d', country: 'SE', value: PNR }],
  customersByAddress: [
    { customerId: 'cust-e', email: 'Eva@Example.se' },
    { customerId: 'cust-f', email: 'family@example.it' },
    { customerId: 'cust-g', email: 'FAMILY@example.it' },
  ],
};

const base: MatchInput = {
  subject: 'Hello',
  text: 'Nothing to see',
  inReplyTo: null,
  references: [],
  fromAddress: 'stranger@example.com',
};

describe('matchMessage: the rules in order', () => {
  it('1. a known number in the subject wins over everything else', () => {
    expect(
      matchMessage(
        {
          ...base,
          subject: 'Re: skadeanmälan CLM-2026-000123',
          inReplyTo: '<out-1@claimdesk.example>',
          text: 'See CASE-2026-000045',
          fromAddress: 'eva@example.se',
        },
        candidates,
      ),
    ).toEqual({ rule: 'reference_in_subject', customerId: 'cust-a', claimId: 'claim-1' });
  });

  it('an unknown number in the subject is skipped, a later known one counts', () => {
    expect(matchMessage({ ...base, subject: 'CLM-2026-000001 / CASE-2026-000045' }, candidates)).toEqual({
      rule: 'reference_in_subject',
      customerId: 'cust-c',
      caseId: 'case-1',
    });
  });

  it('2. In-Reply-To one of our Message-IDs (brackets or not)', () => {
    expect(matchMessage({ ...base, inReplyTo: 'out-1@claimdesk.example' }, candidates)).toEqual({
      rule: 'in_reply_to',
      customerId: 'cust-b',
      claimId: 'claim-2',
    });
  });

  it('3. References, newest (last) first, skipping ids that name no customer', () => {
    expect(
      matchMessage(
        {
          ...base,
          inReplyTo: '<orphan@mail.example>',
          references: ['<out-1@claimdesk.example>', '<in-1@mail.example>', '<unknown@x>'],
        },
        candidates,
      ),
    ).toEqual({ rule: 'references', customerId: 'cust-c', caseId: 'case-1' });
  });

  it('4. a known number in the text', () => {
    expect(matchMessage({ ...base, text: 'Gäller clm 2026 999, tack' }, candidates)).toEqual({
      rule: 'reference_in_text',
      customerId: 'cust-b',
      claimId: 'claim-2',
    });
  });

  it('5. a valid national id in the text naming one customer', () => {
    expect(
      matchMessage({ ...base, text: `Personnummer ${PNR.slice(2, 8)}-${PNR.slice(8)}` }, candidates),
    ).toEqual({ rule: 'national_id_in_text', customerId: 'cust-d' });
  });

  it('6. the sender address when exactly one customer has it (case-insensitive)', () => {
    expect(matchMessage({ ...base, fromAddress: 'EVA@example.SE' }, candidates)).toEqual({
      rule: 'sender_address',
      customerId: 'cust-e',
    });
  });

  it('an address shared by two customers proves nothing: no match', () => {
    expect(matchMessage({ ...base, fromAddress: 'family@example.it' }, candidates)).toBeNull();
  });

  it('nothing known: null (triage)', () => {
    expect(
      matchMessage({ ...base, subject: 'CLM-2026-000555', inReplyTo: '<nope@x>', text: null }, candidates),
    ).toBeNull();
    expect(matchMessage(base, candidates)).toBeNull();
  });
});

describe('matchLookups', () => {
  it('asks for every number, thread id and identity number once, in canonical form', () => {
    expect(
      matchLookups(
        {
          subject: 'Re: CLM-2026-000123',
          text: `clm-2026-123 and CASE 2026 45 ${PNR}`,
          inReplyTo: 'a@b',
          references: ['<a@b>', ' <c@d> '],
          fromAddress: ' Eva@Example.SE ',
        },
        '2026-11-21',
      ),
    ).toEqual({
      claimNumbers: ['CLM-2026-000123'],
      caseNumbers: ['CASE-2026-000045'],
      messageIds: ['<a@b>', '<c@d>'],
      nationalIds: [{ country: 'SE', value: PNR }],
      fromAddress: 'eva@example.se',
    });
  });
});

describe('canonicalMessageId', () => {
  it.each([
    ['<a@b>', '<a@b>'],
    ['a@b', '<a@b>'],
    ['  <a@b>  ', '<a@b>'],
    ['', null],
    [null, null],
    ['<a b@c>', null],
  ])('%s → %s', (id, expected) => {
    expect(canonicalMessageId(id)).toBe(expected);
  });
});
