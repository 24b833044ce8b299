import { createHash } from 'node:crypto';
import { type Executor, inTransaction } from '../../db/transaction.ts';
import { parseInput } from '../../lib/parse-input.ts';
import { recordAuditEvents } from '../audit/index.ts';
import type { Actor } from '../users/actor.ts';
import { assertCan } from '../users/permissions.ts';
import { isoDate } from './payment-interest.ts';
import {
  type ReferenceRateInput,
  ReferenceRateInputSchema,
  type ReferenceRateView,
} from './payment-schemas.ts';

// The Riksbank's reference rate per half-year (räntelagen 9 §) is data: an administrator adds each
// new half-year and corrects an unverified one. The natural key (country, half-year) makes a repeat
// harmless: setting the same value again changes nothing. Orders already made keep the interest
// they were computed with (it is explained on the decision letter); a held order waiting for a
// missing rate picks the new one up when it is released.

function toView(r: {
  country: 'SE';
  valid_from: string;
  rate_hundredths: number;
  source: string;
  verified: boolean;
}) {
  return {
    country: r.country,
    validFrom: isoDate(r.valid_from),
    ratePercent: r.rate_hundredths / 100,
    source: r.source,
    verified: r.verified,
  } satisfies ReferenceRateView;
}

export async function listReferenceRates(opts: { db: Executor; actor: Actor }): Promise<ReferenceRateView[]> {
  assertCan(opts.actor, 'payments:read');
  const rows = await opts.db
    .selectFrom('interest_reference_rates')
    .selectAll()
    .orderBy('country')
    .orderBy('valid_from')
    .execute();
  return rows.map(toView);
}

export async function setReferenceRate(opts: {
  db: Executor;
  actor: Actor;
  input: ReferenceRateInput;
}): Promise<{ status: 200 | 201; body: ReferenceRateView }> {
  assertCan(opts.actor, 'payments:rates');
  const input = parseInput(ReferenceRateInputSchema, opts.input);
  const hundredths = Math.round(input.ratePercent * 100);
  return inTransaction(opts.db, async (trx) => {
    const before = await trx
      .selectFrom('interest_reference_rates')
      .selectAll()
      .where('country', '=', input.country)
      .where('valid_from', '=', input.validFrom)
      .forUpdate()
      .executeTakeFirst();
    const row = await trx
      .insertInto('interest_reference_rates')
      .values({
        country: input.country,
        valid_from: input.validFrom,
        rate_hundredths: hundredths,
        source: input.source,
        verified: input.verified,
      })
      .onConflict((oc) =>
        oc.columns(['country', 'valid_from']).doUpdateSet({
          rate_hundredths: hundredths,
          source: input.source,
          verified: input.verified,
        }),
      )
      .returningAll()
      .executeTakeFirstOrThrow();
    const unchanged =
      before !== undefined &&
      before.rate_hundredths === hundredths &&
      before.source === input.source &&
      before.verified === input.verified;
    if (!unchanged) {
      await recordAuditEvents(trx, null, [
        {
          actor: opts.actor,
          action: before ? 'reference_rate.changed' : 'reference_rate.added',
          entityType: 'reference_rate',
          entityId: rateEntityId(input.country, input.validFrom),
          customerId: null,
          data: {
            country: input.country,
            validFrom: input.validFrom,
            ratePercent: input.ratePercent,
            previousRatePercent: before ? before.rate_hundredths / 100 : null,
            source: input.source,
            verified: input.verified,
          },
        },
      ]);
    }
    return { status: before ? 200 : 201, body: toView(row) };
  });
}

/** audit_events.entity_id is a uuid: a stable one per half-year (name-based, RFC 9562 version 8). */
export function rateEntityId(country: string, validFrom: string): string {
  const h = createHash('sha256').update(`interest_reference_rate:${country}:${validFrom}`).digest('hex');
  const variant = ((Number.parseInt(h[16] ?? '0', 16) & 0x3) | 0x8).toString(16);
  return `${h.slice(0, 8)}-${h.slice(8, 12)}-8${h.slice(13, 16)}-${variant}${h.slice(17, 20)}-${h.slice(20, 32)}`;
}
