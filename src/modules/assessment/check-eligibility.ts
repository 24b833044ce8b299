import { formatIsoDay } from '../../lib/day-number.ts';
import type { ProductConfig } from '../products/product-config-schema.ts';
import type { AssessmentClaim, AssessmentPolicy, Reason } from './assessment-types.ts';
import type { InputDays } from './check-input-shape.ts';
import { append, emptyList } from './lists.ts';

// Stage 4 — eligibility on the date of loss (claim-level reasons).
// - `policy_not_in_force`: incident date outside [startsOn, endsOn);
// - `policy_cancelled`: policy status `cancelled`;
// - premium state: `grace_period` → `premium_grace_period` (in force; blocks straight-through),
//   `overdue` → `premium_overdue` (cover suspended), `lapsed` → `policy_lapsed`.
// Every reason except `premium_grace_period` denies the claim and skips the cover stages; all that
// apply are reported.
//
// Decisions: status `expired` alone is no reason (a policy that has since expired still covers a
// loss within its period — the period check decides); the premium reasons cite the product's
// `premiumTerms.clause` when it has one.

export type Eligibility = {
  reasons: Reason[];
  /** True when a reason other than premium_grace_period was found. */
  denied: boolean;
};

/** The usual outcome (in force, not cancelled, premium paid): shared, not built for every claim. */
const NO_REASONS: Eligibility = Object.freeze({ reasons: emptyList<Reason>(), denied: false });

export function checkEligibility(
  claim: AssessmentClaim,
  policy: AssessmentPolicy,
  config: ProductConfig,
  days: InputDays,
): Eligibility {
  let reasons = emptyList<Reason>();
  let denied = false;
  if (days.incident < days.startsOn || days.incident >= days.endsOn) {
    reasons = append(reasons, {
      code: 'policy_not_in_force',
      clause: null,
      // endsOn is exclusive: the text shows the last day of cover
      params: {
        incidentDate: claim.incidentDate,
        startDate: policy.startsOn,
        lastDate: formatIsoDay(days.endsOn - 1),
      },
    });
    denied = true;
  }
  if (policy.status === 'cancelled') {
    reasons = append(reasons, { code: 'policy_cancelled', clause: null, params: {} });
    denied = true;
  }
  const premiumClause = config.premiumTerms?.clause ?? null;
  switch (policy.premiumState) {
    case 'paid':
      break;
    case 'grace_period':
      reasons = append(reasons, { code: 'premium_grace_period', clause: premiumClause, params: {} });
      break;
    case 'overdue':
      reasons = append(reasons, { code: 'premium_overdue', clause: premiumClause, params: {} });
      denied = true;
      break;
    case 'lapsed':
      reasons = append(reasons, { code: 'policy_lapsed', clause: premiumClause, params: {} });
      denied = true;
      break;
  }
  return reasons.length === 0 ? NO_REASONS : { reasons, denied };
}
