import { daysInMonth, formatYmd } from '../../lib/day-number.ts';

// The policy year starts on the anniversary of the policy's start date on or before the given
// date (docs/assessment.md, stage 8). Decision: a policy that starts on 29 February has its
// anniversary on 28 February in common years (the last day of that month).
//
// Both arguments must be valid `YYYY-MM-DD` dates (the engine checks them before it gets here).
// For a date before the policy start the result is the (virtual) year start before it; the engine
// only asks for dates within the policy period.

function num2(s: string, at: number): number {
  return (s.charCodeAt(at) - 48) * 10 + (s.charCodeAt(at + 1) - 48);
}

function num4(s: string): number {
  return num2(s, 0) * 100 + num2(s, 2);
}

/** First day (`YYYY-MM-DD`) of the policy year that contains `date`. */
export function policyYearStart(startsOn: string, date: string): string {
  const sm = num2(startsOn, 5);
  const sd = num2(startsOn, 8);
  let y = num4(date);
  const m = num2(date, 5);
  const d = num2(date, 8);
  let ad = Math.min(sd, daysInMonth(y, sm));
  if (m < sm || (m === sm && d < ad)) {
    y -= 1;
    ad = Math.min(sd, daysInMonth(y, sm));
  }
  // Usually the year starts on startsOn's own month and day: reuse startsOn's text (all of it in the
  // first policy year) rather than format three numbers and join them (several small strings).
  if (ad !== sd || y < 1000) return formatYmd(y, sm, ad);
  return y === num4(startsOn) ? startsOn : String(y) + startsOn.slice(4);
}
