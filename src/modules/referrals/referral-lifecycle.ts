import type { ReferralStatus } from '../../db/schema.ts';
import { AppError } from '../../lib/errors.ts';

// The one table of allowed referral status changes. A referral is open until someone in the
// department accepts it; either way the department answers it, or returns it (wrong department,
// not enough to go on), and the case owner may cancel it while it is live. answered, returned
// and cancelled are final: a new question is a new referral (the live-referral index allows one
// again as soon as the old one is final).
//
//   open ──► accepted ──► answered
//     │         │    └──► returned
//     │         └───────► cancelled
//     └──► answered | returned | cancelled

export const REFERRAL_STATUSES = [
  'open',
  'accepted',
  'answered',
  'returned',
  'cancelled',
] as const satisfies readonly ReferralStatus[];

export const REFERRAL_TRANSITIONS: Readonly<Record<ReferralStatus, readonly ReferralStatus[]>> = {
  open: ['accepted', 'answered', 'returned', 'cancelled'],
  accepted: ['answered', 'returned', 'cancelled'],
  answered: [],
  returned: [],
  cancelled: [],
};

/** Live referrals hold a place in the department's queue (and the unique index referrals_live_idx). */
export const LIVE_REFERRAL_STATUSES: readonly ReferralStatus[] = ['open', 'accepted'];

export function canTransitionReferral(from: ReferralStatus, to: ReferralStatus): boolean {
  return REFERRAL_TRANSITIONS[from].includes(to);
}

export function assertReferralTransition(from: ReferralStatus, to: ReferralStatus, number: string): void {
  if (!canTransitionReferral(from, to)) {
    throw new AppError(
      'referral_transition_not_allowed',
      REFERRAL_TRANSITIONS[from].length === 0
        ? `Referral ${number} is ${from}: it can no longer change.`
        : `Referral ${number} cannot go from ${from} to ${to}.`,
      { extra: { from, to, allowed: REFERRAL_TRANSITIONS[from] } },
    );
  }
}

/** The deadline policy of a referral's clock. */
export function referralPolicyCode(urgency: 'standard' | 'urgent'): string {
  return urgency === 'urgent' ? 'internal.referral_urgent' : 'internal.referral_standard';
}
