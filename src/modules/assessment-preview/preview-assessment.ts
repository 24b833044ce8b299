import { type Kysely, sql } from 'kysely';
import type { DB } from '../../db/schema.ts';
import { fieldError } from '../../lib/errors.ts';
import { parseInput } from '../../lib/parse-input.ts';
import { assessClaim } from '../assessment/index.ts';
import { type NewClaim, NewClaimSchema } from '../claims/index.ts';
import type { Actor } from '../users/actor.ts';
import { assertCan } from '../users/permissions.ts';
import { loadDraftContext } from './load-draft-context.ts';
import type { AssessmentPreview } from './preview-schemas.ts';

/**
 * How a claim draft would be assessed if it were registered now — while the representative is
 * still typing it with the customer on the phone, or the customer in the portal. Whoever may
 * register a claim may preview it, with the same checks. Nothing is written: one READ ONLY
 * transaction (the database refuses any write in it), no audit event — a preview is not an act
 * on anyone's data, and the registration that follows is audited as usual.
 */
export async function previewAssessment(opts: {
  db: Kysely<DB>;
  actor: Actor;
  input: unknown;
}): Promise<AssessmentPreview> {
  const { actor } = opts;
  assertCan(actor, 'claims:create');
  const input: NewClaim = parseInput(NewClaimSchema, opts.input);
  const isCustomer = actor.kind === 'user' && actor.role === 'customer';
  if (isCustomer && actor.customerId !== input.customerId) {
    throw fieldError('customer_not_found', ['customerId'], 'You can only file claims for yourself.');
  }
  const context = await opts.db.transaction().execute(async (trx) => {
    await sql`SET TRANSACTION READ ONLY`.execute(trx);
    return loadDraftContext(trx, { input, isCustomer });
  });
  const a = assessClaim(context);
  return {
    saved: false,
    recommendation: a.recommendation,
    straightThrough: a.straightThrough,
    currency: a.currency,
    totals: a.totals,
    lines: a.lines,
    missing: a.missing,
    riskFlags: a.riskFlags,
    reasons: a.reasons,
    explanation: a.explanation,
    language: context.language,
    engineVersion: a.engineVersion,
    productVersionId: a.productVersionId,
    productVersion: context.product.version,
  };
}
