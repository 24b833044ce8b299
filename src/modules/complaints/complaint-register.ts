import { sql } from 'kysely';
import type { Executor } from '../../db/transaction.ts';
import type { Actor } from '../users/actor.ts';
import { assertCan } from '../users/permissions.ts';
import type { Jurisdiction } from './complaint-legal-texts.ts';
import { complaintClock } from './load-complaint.ts';
import { parseRegisterPeriod, periodBounds, type RegisterPeriod } from './register-period.ts';
import { type RegisterRow, registerRow } from './register-rows.ts';

// The complaints register: every complaint received in a period, oldest first, read a page at a
// time (keyset on received_at, case_id) so that an export of any size runs in constant memory on
// both engines (PGlite has no cursors). The HTTP CSV, the JSON list and `claimdesk complaints
// register` all read it through exportComplaintRegister.

const PAGE = 500;

/**
 * The register rows of `period`, streamed. A complaint's day is its jurisdiction's: the period is
 * bounded per jurisdiction in that country's time zone.
 */
export async function* complaintRegisterRows(
  db: Executor,
  period: RegisterPeriod,
  opts: { pageSize?: number } = {},
): AsyncGenerator<RegisterRow> {
  const jurisdictions: Jurisdiction[] = period.jurisdiction ? [period.jurisdiction] : ['SE', 'IT'];
  const bounds = jurisdictions.map((j) => ({ j, ...periodBounds(period, j) }));
  const pageSize = opts.pageSize ?? PAGE;
  // received_at as text keeps its microseconds: a Date would round them off, and the next page's
  // "after this row" would then include the row again.
  let after: { at: string; id: string } | null = null;
  for (;;) {
    let q = db
      .selectFrom('complaints as c')
      .innerJoin('service_cases', 'service_cases.id', 'c.case_id')
      .innerJoin('customers', 'customers.id', 'c.customer_id')
      .select((eb) => [
        'c.case_id',
        'c.received_at',
        sql<string>`c.received_at::text`.as('received_key'),
        'c.jurisdiction',
        'c.cause_category',
        'c.product_code',
        'c.requested_remedy',
        'c.acknowledged_at',
        'c.final_answer_at',
        'c.outcome',
        'c.compensation_minor',
        'c.compensation_currency',
        'service_cases.case_number',
        'service_cases.channel',
        'service_cases.status',
        'customers.customer_number',
        complaintClock(eb).select('d.due_at').orderBy('d.started_at').limit(1).as('due_at'),
      ])
      .where((eb) =>
        eb.or(
          bounds.map((b) =>
            eb.and([
              eb('c.jurisdiction', '=', b.j),
              eb('c.received_at', '>=', b.start),
              eb('c.received_at', '<', b.end),
            ]),
          ),
        ),
      );
    if (after) {
      const { at, id } = after;
      q = q.where(sql<boolean>`(c.received_at, c.case_id) > (${at}::timestamptz, ${id}::uuid)`);
    }
    const page = await q.orderBy('c.received_at').orderBy('c.case_id').limit(pageSize).execute();
    for (const r of page) {
      yield registerRow({
        caseNumber: r.case_number,
        receivedAt: r.received_at,
        channel: r.channel,
        jurisdiction: r.jurisdiction,
        customerNumber: r.customer_number,
        productCode: r.product_code,
        causeCategory: r.cause_category,
        requestedRemedy: r.requested_remedy,
        acknowledgedAt: r.acknowledged_at,
        finalAnswerAt: r.final_answer_at,
        dueAt: r.due_at ? new Date(r.due_at) : null,
        outcome: r.outcome,
        compensationMinor: r.compensation_minor,
        compensationCurrency: r.compensation_currency,
        status: r.status,
      });
    }
    const last = page.at(-1);
    if (!last || page.length < pageSize) return;
    after = { at: last.received_key, id: last.case_id };
  }
}

/**
 * The register of a period for someone allowed to export it (supervisors, administrators,
 * auditors): the validated period and its rows. Validation and permission happen before the first
 * row is read, so a refusal is an error response, never a half-written file.
 */
export function exportComplaintRegister(opts: { db: Executor; actor: Actor; query: unknown }): {
  period: RegisterPeriod;
  rows: AsyncGenerator<RegisterRow>;
} {
  assertCan(opts.actor, 'complaints:register_export');
  const period = parseRegisterPeriod(opts.query);
  return { period, rows: complaintRegisterRows(opts.db, period) };
}
