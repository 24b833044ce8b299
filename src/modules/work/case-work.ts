import type { Transaction } from 'kysely';
import type { DB, WorkItemRow } from '../../db/schema.ts';
import type { Executor } from '../../db/transaction.ts';
import { newId } from '../../lib/ids.ts';
import type { AuditInput } from '../audit/index.ts';
import { caseDeadlinePolicyCodes, caseJurisdiction } from '../cases/case-deadline-policies.ts';
import { pauseClocks, resumeClocks, startClocks, stopClocks } from '../deadline-store/index.ts';
import type { Actor } from '../users/actor.ts';
import { assignWorkItem } from './assign-work-item.ts';
import { workEvent } from './claim-work.ts';
import { closeWorkItem, reopenWorkItem, workItemOf } from './work-item-store.ts';

// The service-case side of work items: every case has exactly one work item from the moment it is
// opened until it is resolved, closed or withdrawn. It puts the case in its country's team queue
// and carries the case's answer clock. Every function runs in the caller's transaction and
// returns the audit events for the caller to append with its own.

/** Where the case stands and whose rules it follows: what routing and the clocks need to know. */
async function caseContext(trx: Transaction<DB>, caseId: string) {
  const row = await trx
    .selectFrom('service_cases as c')
    .innerJoin('customers', 'customers.id', 'c.customer_id')
    .leftJoin('policies', 'policies.id', 'c.policy_id')
    .leftJoin('products', 'products.id', 'policies.product_id')
    .select([
      'c.id',
      'c.case_number',
      'c.customer_id',
      'c.kind',
      'c.status',
      'c.subject',
      'c.language',
      'customers.country as customer_country',
      'products.country as product_country',
      'products.code as product_code',
    ])
    .where('c.id', '=', caseId)
    .executeTakeFirstOrThrow();
  const jurisdiction = caseJurisdiction({
    productCountry: row.product_country,
    customerCountry: row.customer_country,
  });
  return { ...row, jurisdiction };
}

/** The customer's products, the linked one first: they pick among several teams of a country. */
async function customerProducts(
  trx: Transaction<DB>,
  customerId: string,
  linked: string | null,
): Promise<string[]> {
  if (linked) return [linked];
  const rows = await trx
    .selectFrom('policies')
    .innerJoin('products', 'products.id', 'policies.product_id')
    .select('products.code')
    .distinct()
    .where('policies.customer_id', '=', customerId)
    .orderBy('products.code')
    .execute();
  return rows.map((r) => r.code);
}

/**
 * Puts the case in a queue: creates its work item (routed to its country's team and assigned by
 * the rules), or reopens the one it had, and starts the clocks its kind and jurisdiction call for
 * that are not already running. Idempotent: calling it again changes nothing.
 */
export async function openCaseWork(
  trx: Transaction<DB>,
  opts: { caseId: string; actor: Actor; reason: string; now?: Date },
): Promise<{ item: WorkItemRow; events: AuditInput[] }> {
  const now = opts.now ?? new Date();
  const c = await caseContext(trx, opts.caseId);
  const events: AuditInput[] = [];
  let item = await workItemOf(trx, 'service_case', c.id);
  if (!item) {
    item = await trx
      .insertInto('work_items')
      .values({
        id: newId(),
        kind: 'service_case',
        subject_id: c.id,
        customer_id: c.customer_id,
        reference: c.case_number,
        summary: c.subject.slice(0, 200),
        subject_status: c.status,
        owner_id: null,
        team: null,
        department: null,
        language: c.language,
        product_code: null,
        amount_minor: null,
        currency: null,
      })
      .returningAll()
      .executeTakeFirstOrThrow();
    events.push(workEvent(opts.actor, item, 'work_item.opened', opts.reason, {}));
  } else if (!item.open) {
    item = await reopenWorkItem(trx, item, { subjectStatus: c.status, now });
    events.push(workEvent(opts.actor, item, 'work_item.reopened', opts.reason, {}));
  }
  if (!item.owner_id) {
    const assigned = await assignWorkItem(trx, item, {
      productCountry: c.jurisdiction,
      actor: opts.actor,
      preferProductCodes: await customerProducts(trx, c.customer_id, c.product_code),
    });
    item = assigned.item;
    events.push(...assigned.events);
  }
  events.push(
    ...(await startClocks(trx, {
      item,
      policyCodes: caseDeadlinePolicyCodes(c.kind, c.jurisdiction),
      calendar: c.jurisdiction,
      actor: opts.actor,
      now,
    })),
  );
  const fresh = await workItemOf(trx, 'service_case', c.id);
  return { item: fresh ?? item, events };
}

/**
 * The case no longer needs a person: its clocks stop (met when it was answered, cancelled when the
 * customer withdrew it) and the item leaves every queue. A closed item stays closed (no-op).
 */
export async function closeCaseWork(
  trx: Transaction<DB>,
  opts: { caseId: string; clocks: 'met' | 'cancelled'; actor: Actor; reason: string; now?: Date },
): Promise<AuditInput[]> {
  const item = await workItemOf(trx, 'service_case', opts.caseId);
  if (!item?.open) return [];
  const events = await stopClocks(trx, {
    item,
    status: opts.clocks,
    actor: opts.actor,
    reason: opts.reason,
    ...(opts.now ? { now: opts.now } : {}),
  });
  const closed = await closeWorkItem(trx, item, { now: opts.now ?? new Date() });
  events.push(workEvent(opts.actor, closed, 'work_item.closed', opts.reason, {}));
  return events;
}

/** The case waits for the customer: its clocks that pause for the customer pause. */
export async function pauseCaseWork(
  trx: Transaction<DB>,
  opts: { caseId: string; actor: Actor; reason: string; now?: Date },
): Promise<AuditInput[]> {
  const item = await workItemOf(trx, 'service_case', opts.caseId);
  if (!item?.open) return [];
  return pauseClocks(trx, {
    workItemId: item.id,
    actor: opts.actor,
    reason: opts.reason,
    now: opts.now ?? new Date(),
  });
}

/** The customer answered (or the wait ended otherwise): paused clocks run again. */
export async function resumeCaseWork(
  trx: Transaction<DB>,
  opts: { caseId: string; actor: Actor; reason: string; now?: Date },
): Promise<AuditInput[]> {
  const item = await workItemOf(trx, 'service_case', opts.caseId);
  if (!item?.open) return [];
  return resumeClocks(trx, {
    workItemId: item.id,
    actor: opts.actor,
    reason: opts.reason,
    now: opts.now ?? new Date(),
  });
}

/** Mirrors the case's status on its work item for queue display (written by the transition only). */
export async function setCaseWorkStatus(trx: Transaction<DB>, caseId: string, status: string, now: Date) {
  await trx
    .updateTable('work_items')
    .set({ subject_status: status, updated_at: now })
    .where('kind', '=', 'service_case')
    .where('subject_id', '=', caseId)
    .execute();
}

/** Who works the case (the owner of its work item); null while it waits in a team queue. */
export async function caseOwner(trx: Executor, caseId: string): Promise<string | null> {
  const row = await trx
    .selectFrom('work_items')
    .select('owner_id')
    .where('kind', '=', 'service_case')
    .where('subject_id', '=', caseId)
    .executeTakeFirst();
  return row?.owner_id ?? null;
}
