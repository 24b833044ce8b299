import { describe, expect, it } from 'vitest';
import type { AccountChangeRequestRow } from '../../db/schema.ts';
import { AppError } from '../../lib/errors.ts';
import {
  assertFourEyes,
  assertPending,
  assertVerifiable,
  assertVerified,
  assertVersion,
  oldContactRecipients,
  verificationNeedsReference,
} from './account-change-rules.ts';

const REQUESTER = 'a0000000-0000-7000-8000-000000000001';
const VERIFIER = 'a0000000-0000-7000-8000-000000000002';
const APPROVER = 'a0000000-0000-7000-8000-000000000003';

function request(overrides: Partial<AccountChangeRequestRow> = {}) {
  return {
    id: 'c0000000-0000-7000-8000-000000000001',
    field: 'bank_account' as const,
    status: 'pending_approval' as const,
    version: 2,
    requested_by: REQUESTER,
    verified_by: VERIFIER,
    verified_at: new Date('2026-11-20T10:00:00Z'),
    ...overrides,
  };
}

function codeOf(fn: () => void): string | null {
  try {
    fn();
    return null;
  } catch (error) {
    if (error instanceof AppError) return error.code;
    throw error;
  }
}

describe('four eyes', () => {
  it('refuses the requester and the verifier, and anyone without a name', () => {
    expect(codeOf(() => assertFourEyes(request(), REQUESTER))).toBe('four_eyes_required');
    expect(codeOf(() => assertFourEyes(request(), VERIFIER))).toBe('four_eyes_required');
    expect(codeOf(() => assertFourEyes(request(), null))).toBe('four_eyes_required');
    expect(codeOf(() => assertFourEyes(request(), APPROVER))).toBeNull();
  });

  it('refuses the requester even before anyone verified', () => {
    const unverified = request({ status: 'pending_verification', verified_by: null, verified_at: null });
    expect(codeOf(() => assertFourEyes(unverified, REQUESTER))).toBe('four_eyes_required');
    expect(codeOf(() => assertFourEyes(unverified, APPROVER))).toBeNull();
  });
});

describe('state guards', () => {
  it('an unverified change cannot be approved', () => {
    expect(
      codeOf(() =>
        assertVerified(request({ status: 'pending_verification', verified_by: null, verified_at: null })),
      ),
    ).toBe('account_change_not_verified');
    expect(codeOf(() => assertVerified(request()))).toBeNull();
  });

  it('a verified change is not verified again; an ended one takes no step', () => {
    expect(codeOf(() => assertVerifiable(request()))).toBe('account_change_already_verified');
    expect(codeOf(() => assertVerifiable(request({ status: 'pending_verification' })))).toBeNull();
    for (const status of ['applied', 'rejected', 'cancelled'] as const) {
      expect(codeOf(() => assertPending(request({ status })))).toBe('account_change_closed');
      expect(codeOf(() => assertVerifiable(request({ status })))).toBe('account_change_closed');
    }
  });

  it('a stale version is a conflict', () => {
    expect(codeOf(() => assertVersion(request(), 1))).toBe('version_conflict');
    expect(codeOf(() => assertVersion(request(), 2))).toBeNull();
  });

  it('BankID and identity documents must leave a reference', () => {
    expect(verificationNeedsReference('bankid')).toBe(true);
    expect(verificationNeedsReference('id_document')).toBe(true);
    expect(verificationNeedsReference('callback_known_number')).toBe(false);
    expect(verificationNeedsReference('in_person')).toBe(false);
  });
});

describe('oldContactRecipients', () => {
  const home = { street: 'Storgatan 1', postalCode: '111 22', city: 'Stockholm', country: 'SE' };
  const before = { street: 'Lillgatan 2', postalCode: '222 33', city: 'Malmö', country: 'SE' };
  const requestedAt = new Date('2026-11-20T10:00:00Z');

  it('is the current email and address when nothing changed lately', () => {
    expect(
      oldContactRecipients({
        current: { email: 'anna@example.se', address: home },
        changes: [],
        requestedAt,
      }),
    ).toEqual({ emails: ['anna@example.se'], addresses: [home] });
  });

  it('adds every email and address replaced in the weeks before the request, each once', () => {
    const result = oldContactRecipients({
      current: { email: 'new@example.se', address: home },
      changes: [
        { field: 'email', oldValue: 'old@example.se', changedAt: new Date('2026-11-19T09:00:00Z') },
        { field: 'email', oldValue: 'OLD@example.se', changedAt: new Date('2026-11-18T09:00:00Z') },
        { field: 'address', oldValue: before, changedAt: new Date('2026-11-01T09:00:00Z') },
        { field: 'address', oldValue: { ...home }, changedAt: new Date('2026-11-02T09:00:00Z') },
        // long before the request: that contact is no longer the customer's
        { field: 'email', oldValue: 'ancient@example.se', changedAt: new Date('2026-08-01T09:00:00Z') },
      ],
      requestedAt,
    });
    expect(result).toEqual({ emails: ['new@example.se', 'old@example.se'], addresses: [home, before] });
  });

  it('copes with a customer with neither email nor address', () => {
    expect(
      oldContactRecipients({ current: { email: null, address: null }, changes: [], requestedAt }),
    ).toEqual({
      emails: [],
      addresses: [],
    });
  });
});
