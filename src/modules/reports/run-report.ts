import { sql } from 'kysely';
import type { Executor } from '../../db/transaction.ts';
import type { Actor } from '../users/actor.ts';
import { assertCan } from '../users/permissions.ts';
import type { ReportCell, ReportDefinition } from './report-definition.ts';
import { type ReportFilters, type ReportQuery, reportFilters } from './report-filters.ts';

export type ReportResult = {
  period: Omit<ReportFilters, 'start' | 'end'>;
  rows: Record<string, ReportCell>[];
};

/**
 * One report for supervisors, administrators and auditors: a read, in a read-only transaction
 * whose planner settings suit a report over a period (docs/decisions/0016-report-queries.md):
 * - jit off: compiling the plan costs PostgreSQL 0.3–0.5 s, more than the query itself takes once
 *   the period's rows are found through an index;
 * - random_page_cost 1.1 (what an SSD-backed server is configured with): the default 4 makes the
 *   planner read a million claims sequentially rather than look up the period's 40 000 by key.
 * Both are SET LOCAL: they end with the transaction and never touch other work on the connection.
 */
export async function runReport(opts: {
  db: Executor;
  actor: Actor;
  report: ReportDefinition;
  query: ReportQuery;
  now?: Date;
}): Promise<ReportResult> {
  assertCan(opts.actor, 'reports:read');
  if (opts.report.permission) assertCan(opts.actor, opts.report.permission);
  const now = opts.now ?? new Date();
  const filters = reportFilters(opts.query, now);
  const rows = opts.db.isTransaction
    ? await opts.report.run(opts.db, filters, now)
    : await opts.db
        .transaction()
        .setAccessMode('read only')
        .execute(async (trx) => {
          await sql`SET LOCAL jit = off`.execute(trx);
          await sql`SET LOCAL random_page_cost = 1.1`.execute(trx);
          return opts.report.run(trx, filters, now);
        });
  const { start: _start, end: _end, ...period } = filters;
  return { period, rows };
}
