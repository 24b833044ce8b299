import type { AccountChangeRequestRow, AccountChangeStatus, Address } from '../../db/schema.ts';
import { canonicalJson } from '../../lib/canonical-json.ts';
import { AppError } from '../../lib/errors.ts';

// The rules of an account change, as plain functions over the request row (locked FOR UPDATE by
// the caller, so nothing they check can change before the transaction commits).
//
//   contact field:  (requested) ──► applied                        at once, in one transaction
//   bank account:   pending_verification ──► pending_approval ──► applied
//                         │                        │
//                         └──► rejected / cancelled ◄──┘
//
// A bank account is where our money goes: a taken-over login or a convincing caller could
// otherwise redirect a payout. So the change waits for identity verification by staff and is
// applied only by a second person who neither asked for it nor verified it (four eyes). The
// database CHECK on account_change_requests refuses the same, should code ever get it wrong.

export const PENDING_STATUSES: readonly AccountChangeStatus[] = ['pending_verification', 'pending_approval'];

export function isPending(status: AccountChangeStatus): boolean {
  return PENDING_STATUSES.includes(status);
}

type Request = Pick<
  AccountChangeRequestRow,
  'id' | 'field' | 'status' | 'version' | 'requested_by' | 'verified_by' | 'verified_at'
>;

export function assertPending(request: Request): void {
  if (!isPending(request.status)) {
    throw new AppError('account_change_closed', `This account change is already ${request.status}.`, {
      extra: { accountChangeId: request.id, changeStatus: request.status },
    });
  }
}

export function assertVersion(request: Request, expected: number): void {
  if (expected !== request.version) {
    throw new AppError(
      'version_conflict',
      `The account change is at version ${request.version}, not ${expected}; reload it.`,
      { extra: { currentVersion: request.version } },
    );
  }
}

export function assertVerifiable(request: Request): void {
  assertPending(request);
  if (request.status !== 'pending_verification') {
    throw new AppError(
      'account_change_already_verified',
      'The identity behind this change is already verified; it waits for a second person’s approval.',
      { extra: { accountChangeId: request.id, changeStatus: request.status } },
    );
  }
}

/** The approver is a second person: neither the one who asked nor the one who verified. */
export function assertFourEyes(request: Request, approverId: string | null): void {
  if (approverId === null) {
    throw new AppError('four_eyes_required', 'A bank-account change is approved by a named person.');
  }
  if (approverId === request.requested_by) {
    throw new AppError('four_eyes_required', 'You asked for this change; a second person must approve it.', {
      extra: { accountChangeId: request.id, role: 'requester' },
    });
  }
  if (approverId === request.verified_by) {
    throw new AppError(
      'four_eyes_required',
      'You verified the identity for this change; a second person must approve it.',
      { extra: { accountChangeId: request.id, role: 'verifier' } },
    );
  }
}

export function assertVerified(request: Request): void {
  if (request.status !== 'pending_approval' || request.verified_by === null || request.verified_at === null) {
    throw new AppError(
      'account_change_not_verified',
      'Verify the customer’s identity first (POST …/verification); an unverified change never applies.',
      { extra: { accountChangeId: request.id, changeStatus: request.status } },
    );
  }
}

/** How staff verified who is asking, and what each way must leave behind to be checked later. */
export const VERIFICATION_METHODS = ['bankid', 'id_document', 'callback_known_number', 'in_person'] as const;
export type VerificationMethod = (typeof VERIFICATION_METHODS)[number];

/** BankID gives an order reference and an ID document a number: without them nothing can be re-checked. */
export function verificationNeedsReference(method: VerificationMethod): boolean {
  return method === 'bankid' || method === 'id_document';
}

// Someone who takes over an account typically changes the email or address first and the bank
// account next, so that the warning reaches them. The notice of a bank-account change therefore
// goes to every email and address the customer had in the weeks before the request, not only to
// the current ones.
export const CONTACT_LOOKBACK_DAYS = 30;

export type ContactChange = { field: 'email' | 'address' | string; oldValue: unknown; changedAt: Date };

/**
 * Where to tell the customer that their payout account changed: the current email and address
 * and every one that was replaced since `requestedAt` minus the look-back, each once.
 */
export function oldContactRecipients(input: {
  current: { email: string | null; address: Address | null };
  changes: readonly ContactChange[];
  requestedAt: Date;
}): { emails: string[]; addresses: Address[] } {
  const since = input.requestedAt.getTime() - CONTACT_LOOKBACK_DAYS * 86_400_000;
  const recent = input.changes.filter((c) => c.changedAt.getTime() >= since);
  const emails = new Map<string, string>();
  const addresses = new Map<string, Address>();
  const addEmail = (e: unknown) => {
    if (typeof e === 'string' && e.trim()) emails.set(e.trim().toLowerCase(), e.trim().toLowerCase());
  };
  const addAddress = (a: unknown) => {
    if (a && typeof a === 'object') addresses.set(canonicalJson(a), a as Address);
  };
  addEmail(input.current.email);
  addAddress(input.current.address);
  for (const change of recent) {
    if (change.field === 'email') addEmail(change.oldValue);
    if (change.field === 'address') addAddress(change.oldValue);
  }
  return { emails: [...emails.values()], addresses: [...addresses.values()] };
}
