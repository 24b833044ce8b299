import { sql, type Transaction } from 'kysely';
import type { DB, WorkItemRow } from '../../db/schema.ts';
import type { AuditInput } from '../audit/index.ts';
import { notify } from '../notifications/index.ts';
import type { Actor } from '../users/actor.ts';
import { workEvent } from './claim-work.ts';
import { pickAssignee } from './pick-assignee.ts';

/**
 * Routes an unowned item to the team that handles its product in its country and assigns it to a
 * team member by the rules in pick-assignee.ts. A team lock serialises assignments within the team
 * so that two claims registered at once do not both go to the same "longest idle" person. With no
 * qualified member the item waits in the team's unassigned queue; with no team, in the global one.
 *
 * Work with no product of its own (a service case) goes to the team of its country whatever
 * products that team handles; `preferProductCodes` (the customer's products) picks among several.
 */
export async function assignWorkItem(
  trx: Transaction<DB>,
  item: WorkItemRow,
  opts: { productCountry: string; actor: Actor; preferProductCodes?: readonly string[] },
): Promise<{ item: WorkItemRow; events: AuditInput[] }> {
  const team = await (item.product_code === null
    ? teamOfCountry(trx, opts.productCountry, opts.preferProductCodes ?? [])
    : teamOfProduct(trx, opts.productCountry, item.product_code));
  if (!team) return { item, events: [] };

  await sql`SELECT pg_advisory_xact_lock(hashtextextended(${`team-assign:${team.code}`}, 0))`.execute(trx);
  const members = await trx
    .selectFrom('users')
    .select(['id', 'languages', 'product_skills', 'last_assigned_at', 'locale'])
    .where('team', '=', team.code)
    .where('role', '=', 'representative')
    .where('active', '=', true)
    .execute();
  const chosen = pickAssignee(
    members.map((m) => ({
      id: m.id,
      languages: m.languages,
      productSkills: m.product_skills,
      lastAssignedAt: m.last_assigned_at,
    })),
    { language: item.language, productCode: item.product_code },
  );
  const now = new Date();
  if (chosen) {
    await trx.updateTable('users').set({ last_assigned_at: now }).where('id', '=', chosen.id).execute();
  }
  const updated = await trx
    .updateTable('work_items')
    .set({ team: team.code, department: team.department, owner_id: chosen?.id ?? null, updated_at: now })
    .where('id', '=', item.id)
    .returningAll()
    .executeTakeFirstOrThrow();
  const rule = chosen ? 'round_robin' : 'no_qualified_member';
  if (chosen) {
    await notify(trx, {
      audience: 'staff',
      userId: chosen.id,
      customerId: item.customer_id,
      kind: 'claim.assigned',
      language: members.find((m) => m.id === chosen.id)?.locale ?? 'en',
      params: { reference: item.reference },
      entityType: 'work_item',
      entityId: item.id,
      dedupeKey: `assigned:${item.id}:${chosen.id}:${now.getTime()}`,
    });
  }
  return {
    item: updated,
    events: [
      workEvent(opts.actor, updated, 'work_item.assigned', `Routed by the assignment rules (${rule}).`, {
        rule,
      }),
    ],
  };
}

function teamOfProduct(trx: Transaction<DB>, country: string, productCode: string) {
  return (
    trx
      .selectFrom('teams')
      .select(['code', 'department'])
      .where((eb) =>
        eb.and([
          eb.or([eb('country', '=', country), eb('country', 'is', null)]),
          eb.or([
            eb(sql<number>`cardinality(product_codes)`, '=', 0),
            eb(eb.val(productCode), '=', eb.fn.any('product_codes')),
          ]),
        ]),
      )
      // A team naming the product beats a catch-all team; then the country's team beats a global one.
      .orderBy(sql`cardinality(product_codes) = 0`)
      .orderBy(sql`country IS NULL`)
      .orderBy('code')
      .executeTakeFirst()
  );
}

function teamOfCountry(trx: Transaction<DB>, country: string, preferProductCodes: readonly string[]) {
  return (
    trx
      .selectFrom('teams')
      .select(['code', 'department'])
      .where((eb) => eb.or([eb('country', '=', country), eb('country', 'is', null)]))
      // The country's team beats a global one; among the country's teams, one that knows the
      // customer's products, then a catch-all one.
      .orderBy(sql`country IS NULL`)
      .orderBy(sql`product_codes && ${sql.val([...preferProductCodes])}::text[]`, 'desc')
      .orderBy(sql`cardinality(product_codes) = 0`, 'desc')
      .orderBy('code')
      .executeTakeFirst()
  );
}
