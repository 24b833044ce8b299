import type { Kysely } from 'kysely';
import type { DB } from '../../db/schema.ts';
import { todayIn } from '../../lib/dates.ts';
import { AppError } from '../../lib/errors.ts';
import { assertCustomerWideView, assertReaches } from '../referrals/department-reach.ts';
import type { Actor } from '../users/actor.ts';
import { assertCan, assertCanSeeCustomer } from '../users/permissions.ts';
import { type PolicyView, toPolicyView } from './policy-schemas.ts';
import { derivePremiumStatus } from './premium-status.ts';

type Terms = { graceDays: number; lapseAfterDays: number };
const DEFAULT_TERMS: Terms = { graceDays: 14, lapseAfterDays: 60 };

/** Loads policies with insured persons and the premium status derived as of today (holder's zone). */
async function loadPolicies(
  db: Kysely<DB>,
  where: { id?: string; customerId?: string },
): Promise<PolicyView[]> {
  let q = db
    .selectFrom('policies')
    .innerJoin('product_versions', 'product_versions.id', 'policies.product_version_id')
    .innerJoin('customers', 'customers.id', 'policies.customer_id')
    .selectAll('policies')
    .select(['product_versions.config', 'customers.time_zone'])
    .orderBy('policies.starts_on', 'desc');
  if (where.id) q = q.where('policies.id', '=', where.id);
  if (where.customerId) q = q.where('policies.customer_id', '=', where.customerId);
  const rows = await q.execute();
  if (rows.length === 0) return [];
  const ids = rows.map((r) => r.id);
  const [persons, payments] = await Promise.all([
    db.selectFrom('policy_insured_persons').selectAll().where('policy_id', 'in', ids).execute(),
    db
      .selectFrom('premium_payments')
      .select(['policy_id', 'paid_on', 'amount_minor', 'currency'])
      .where('policy_id', 'in', ids)
      .execute(),
  ]);
  return rows.map((row) => {
    const view = toPolicyView(
      row,
      persons.filter((p) => p.policy_id === row.id),
    );
    const terms = (row.config as { premiumTerms?: Terms }).premiumTerms ?? DEFAULT_TERMS;
    view.premiumStatus = derivePremiumStatus({
      schedule: row.premium_schedule,
      policy: { startsOn: row.starts_on, endsOn: row.ends_on },
      payments: payments
        .filter((p) => p.policy_id === row.id)
        .map((p) => ({ paidOn: p.paid_on, amountMinor: p.amount_minor, currency: p.currency })),
      terms,
      asOf: todayIn(row.time_zone),
    });
    return view;
  });
}

export async function getPolicy(opts: { db: Kysely<DB>; actor: Actor; id: string }): Promise<PolicyView> {
  assertCan(opts.actor, 'policies:read');
  const [policy] = await loadPolicies(opts.db, { id: opts.id });
  if (!policy) throw new AppError('not_found', 'No such policy.');
  assertCanSeeCustomer(opts.actor, policy.customerId, 'policy');
  await assertReaches(opts.db, opts.actor, 'policy', policy.id, 'policy');
  return policy;
}

export async function listCustomerPolicies(opts: {
  db: Kysely<DB>;
  actor: Actor;
  customerId: string;
}): Promise<PolicyView[]> {
  assertCan(opts.actor, 'policies:read');
  assertCanSeeCustomer(opts.actor, opts.customerId, 'customer');
  assertCustomerWideView(opts.actor);
  return loadPolicies(opts.db, { customerId: opts.customerId });
}
