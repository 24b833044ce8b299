import type { AssessmentClaim, AssessmentPolicy, Reason } from './assessment-types.ts';
import type { InputDays } from './check-input-shape.ts';
import type { LineWork } from './line-work.ts';
import { append, emptyList } from './lists.ts';

// Stage 1 — validation (processing errors). Claim-level reasons; any of them makes the
// recommendation `refer` with nothing payable, and the later stages are skipped.
//
// A reason about one line carries its `lineNo` in params (the explanation shows it on that line).
// Decisions:
// - a currency that differs from the policy's is reported once on the claim when the claim's own
//   currency is wrong, and on a line only when that line's currency differs from both the policy's
//   and the claim's (otherwise the claim-level reason already says it);
// - only the service date of a daily-benefit line (the first day of the period) is checked, as
//   the rules say; the later days of the period are not;
// - a negative amount is reported on any line, including a daily-benefit line (whose amount should
//   be 0 as the engine computes it).

const SERVICE_WINDOW_DAYS = 365;

export function validateClaim(
  claim: AssessmentClaim,
  policy: AssessmentPolicy,
  days: InputDays,
  lines: readonly LineWork[],
): Reason[] {
  // Usually none: the shared empty list (see lists.ts), replaced when a reason is added.
  let reasons = emptyList<Reason>();
  const incidentDate = claim.incidentDate;
  const registeredDate = claim.registeredOn;

  // date_in_future
  if (days.incident > days.registered) {
    reasons = append(reasons, {
      code: 'date_in_future',
      clause: null,
      params: { eventDate: incidentDate, registeredDate },
    });
  }
  for (const w of lines) {
    if (w.serviceDay > days.registered) {
      reasons = append(reasons, {
        code: 'date_in_future',
        clause: null,
        params: { eventDate: w.line.serviceDate, registeredDate, lineNo: w.line.lineNo },
      });
    }
  }

  // date_before_birth
  if (days.incident < days.birth) {
    reasons = append(reasons, {
      code: 'date_before_birth',
      clause: null,
      params: { incidentDate, birthDate: claim.insuredBirthDate },
    });
  }

  // negative_amount, amounts_do_not_sum
  let linesMinor = 0;
  for (const w of lines) {
    const amount = w.line.amountMinor;
    if (amount < 0) {
      reasons = append(reasons, {
        code: 'negative_amount',
        clause: null,
        params: { amountMinor: amount, lineNo: w.line.lineNo },
      });
    }
    if (!w.isDaily) linesMinor += amount;
  }
  if (linesMinor !== claim.totalClaimedMinor) {
    reasons = append(reasons, {
      code: 'amounts_do_not_sum',
      clause: null,
      params: { linesMinor, totalMinor: claim.totalClaimedMinor },
    });
  }

  // currency_mismatch
  const policyCurrency = policy.currency;
  if (claim.currency !== policyCurrency) {
    reasons = append(reasons, {
      code: 'currency_mismatch',
      clause: null,
      params: { currency: claim.currency, policyCurrency },
    });
  }
  for (const w of lines) {
    const c = w.line.currency;
    if (c !== policyCurrency && c !== claim.currency) {
      reasons = append(reasons, {
        code: 'currency_mismatch',
        clause: null,
        params: { currency: c, policyCurrency, lineNo: w.line.lineNo },
      });
    }
  }

  // line_outside_incident
  for (const w of lines) {
    if (w.serviceDay < days.incident || w.serviceDay > days.incident + SERVICE_WINDOW_DAYS) {
      reasons = append(reasons, {
        code: 'line_outside_incident',
        clause: null,
        params: { serviceDate: w.line.serviceDate, incidentDate, lineNo: w.line.lineNo },
      });
    }
  }
  return reasons;
}
