import type { Transaction } from 'kysely';
import type { ClaimRow, DB } from '../../db/schema.ts';
import type { Actor } from '../users/actor.ts';
import {
  type AuthorityLimit,
  type AuthorityVerdict,
  checkAuthority,
  type ProposedDecision,
} from './authority-rules.ts';

/**
 * Loads the facts the authority rules need (the decider's and their role's limit rows, the claim's
 * product, who registered it, the customer's related staff) and asks them. The system actor (CLI,
 * seed, jobs acting for an operator) is not a person and has no limits: it is always allowed.
 */
export async function authorityVerdict(
  trx: Transaction<DB>,
  opts: {
    claim: ClaimRow;
    actor: Actor;
    proposal: Omit<ProposedDecision, 'productCode' | 'cause' | 'currency'>;
  },
): Promise<AuthorityVerdict & { productCode: string }> {
  const { claim, actor } = opts;
  const product = await trx
    .selectFrom('policies')
    .innerJoin('products', 'products.id', 'policies.product_id')
    .select('products.code')
    .where('policies.id', '=', claim.policy_id)
    .executeTakeFirstOrThrow();
  const proposal: ProposedDecision = {
    ...opts.proposal,
    productCode: product.code,
    cause: claim.cause,
    currency: claim.currency,
  };
  if (actor.kind === 'system') {
    return { allowed: true, limit: systemLimit(proposal), productCode: product.code };
  }
  const [rows, customer] = await Promise.all([
    trx
      .selectFrom('authority_limits')
      .selectAll()
      .where((eb) =>
        eb.or([
          eb('user_id', '=', actor.userId),
          eb.and([eb('user_id', 'is', null), eb('role', '=', actor.role as never)]),
        ]),
      )
      .where('currency', '=', claim.currency)
      .execute(),
    trx
      .selectFrom('customers')
      .select('related_staff_user_ids')
      .where('id', '=', claim.customer_id)
      .executeTakeFirstOrThrow(),
  ]);
  const limits: AuthorityLimit[] = rows.map((r) => ({
    role: r.role,
    userId: r.user_id,
    productCode: r.product_code,
    currency: r.currency,
    maxAmountMinor: r.max_amount_minor,
    causes: r.causes,
    mayDeny: r.may_deny,
    ownRegistrationMaxMinor: r.own_registration_max_minor,
  }));
  const verdict = checkAuthority({
    decider: { userId: actor.userId, role: actor.role },
    limits,
    proposal,
    registeredByDecider: claim.registered_by === actor.userId,
    customerRelatedToDecider: customer.related_staff_user_ids.includes(actor.userId),
  });
  return { ...verdict, productCode: product.code };
}

function systemLimit(p: ProposedDecision): AuthorityLimit {
  return {
    role: 'system',
    userId: null,
    productCode: null,
    currency: p.currency,
    maxAmountMinor: Number.MAX_SAFE_INTEGER,
    causes: null,
    mayDeny: true,
    ownRegistrationMaxMinor: Number.MAX_SAFE_INTEGER,
  };
}
