import type { PaymentInterestJson } from '../../db/schema.ts';
import type { Executor } from '../../db/transaction.ts';
import { businessCalendar, deadlineDay, lateInterestMinor, type ReferenceRate } from '../deadlines/index.ts';
import { dayAfter } from './payment-order-rules.ts';

// Late-payment interest on a claim payment (räntelagen 1975:635, 6 §: reference rate + 8
// percentage points), owed when a Swedish insurer pays after FAL's legal payment date. The date is
// the claim's se.fal.claim_payment clock (deadlines): its due_at is the end of the legal day, and
// stays on the row when the decision stops the clock as 'met'.
//
// Day count: interest runs from the day after the legal payment date to the execution date
// INCLUSIVE — the money leaves our account on the execution date, so that day is still a day in
// arrears (a payment due 15 March and made 20 March is 5 days late: 16–20). late-interest.ts
// counts [from, to), so `to` is the day after the execution date. Rates come from
// interest_reference_rates (data an administrator maintains), never from code.

export const INTEREST_MARGIN_POINTS = 8;

export type LateInterest = {
  legalDueDate: string | null;
  interestMinor: number;
  interest: PaymentInterestJson | null;
  /** A half-year in the period has no reference rate yet: the order is held, not guessed. */
  rateMissing: boolean;
};

const NONE: LateInterest = { legalDueDate: null, interestMinor: 0, interest: null, rateMissing: false };

/** Pure: the interest on `principalMinor` paid on `executionDate` for a payment legally due `legalDueDate`. */
export function computeLateInterest(o: {
  principalMinor: number;
  legalDueDate: string | null;
  executionDate: string;
  rates: readonly ReferenceRate[];
}): LateInterest {
  if (o.legalDueDate === null) return NONE;
  const base = { ...NONE, legalDueDate: o.legalDueDate };
  if (o.executionDate <= o.legalDueDate) return base;
  const fromDate = dayAfter(o.legalDueDate);
  const toExclusive = dayAfter(o.executionDate);
  try {
    const { interestMinor, periods } = lateInterestMinor({
      principalMinor: BigInt(o.principalMinor),
      fromDate,
      toDate: toExclusive,
      referenceRates: o.rates,
      marginPercentagePoints: INTEREST_MARGIN_POINTS,
    });
    return {
      legalDueDate: o.legalDueDate,
      interestMinor: Number(interestMinor),
      interest: {
        legalDueDate: o.legalDueDate,
        fromDate,
        toDate: o.executionDate,
        marginPercentagePoints: INTEREST_MARGIN_POINTS,
        periods,
      },
      rateMissing: false,
    };
  } catch (error) {
    if (error instanceof RangeError && /no reference rate/.test(error.message)) {
      return { ...base, rateMissing: true };
    }
    throw error;
  }
}

/** Total days in arrears of a computed interest (for the letter). */
export function daysLate(interest: PaymentInterestJson): number {
  return interest.periods.reduce((s, p) => s + p.days, 0);
}

/**
 * The claim's legal payment date when the law gives one: a Swedish insurance product with a
 * se.fal.claim_payment clock that has a due date. NULL otherwise (benefit programmes, Italy, a
 * clock paused at the decision).
 */
export async function legalPaymentDate(db: Executor, claimId: string): Promise<string | null> {
  const row = await db
    .selectFrom('claims')
    .innerJoin('policies', 'policies.id', 'claims.policy_id')
    .innerJoin('products', 'products.id', 'policies.product_id')
    .innerJoin('work_items', (j) =>
      j.onRef('work_items.subject_id', '=', 'claims.id').on('work_items.kind', '=', 'claim'),
    )
    .innerJoin('deadlines', 'deadlines.work_item_id', 'work_items.id')
    .select(['products.country', 'products.kind', 'deadlines.due_at'])
    .where('claims.id', '=', claimId)
    .where('deadlines.policy_code', '=', 'se.fal.claim_payment')
    .where('deadlines.status', '!=', 'cancelled')
    .orderBy('deadlines.created_at', 'desc')
    .limit(1)
    .executeTakeFirst();
  if (row?.country !== 'SE' || row.kind !== 'insurance' || row.due_at === null) return null;
  return deadlineDay(businessCalendar('SE'), row.due_at);
}

export async function swedishReferenceRates(db: Executor): Promise<ReferenceRate[]> {
  const rows = await db
    .selectFrom('interest_reference_rates')
    .select(['valid_from', 'rate_hundredths'])
    .where('country', '=', 'SE')
    .orderBy('valid_from')
    .execute();
  return rows.map((r) => ({ from: isoDate(r.valid_from), ratePercent: r.rate_hundredths / 100 }));
}

/** The interest a payment of the claim executed on `executionDate` carries. */
export async function lateInterestFor(
  db: Executor,
  o: { claimId: string; principalMinor: number; executionDate: string },
): Promise<LateInterest> {
  const legalDueDate = await legalPaymentDate(db, o.claimId);
  if (legalDueDate === null) return NONE;
  return computeLateInterest({ ...o, legalDueDate, rates: await swedishReferenceRates(db) });
}

/** A `date` column as `YYYY-MM-DD` whichever way the driver returns it. */
export function isoDate(value: string | Date): string {
  return typeof value === 'string' ? value.slice(0, 10) : value.toISOString().slice(0, 10);
}
