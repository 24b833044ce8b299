import type { Executor } from '../../db/transaction.ts';
import type { Actor } from '../users/actor.ts';
import { assertCan } from '../users/permissions.ts';
import type { ReportCell, ReportDefinition } from './report-definition.ts';
import { type ReportFilters, type ReportQuery, reportFilters } from './report-filters.ts';

export type ReportResult = {
  period: Omit<ReportFilters, 'start' | 'end'>;
  rows: Record<string, ReportCell>[];
};

/** One report for supervisors, administrators and auditors: a read, one grouped query. */
export async function runReport(opts: {
  db: Executor;
  actor: Actor;
  report: ReportDefinition;
  query: ReportQuery;
  now?: Date;
}): Promise<ReportResult> {
  assertCan(opts.actor, 'reports:read');
  const now = opts.now ?? new Date();
  const filters = reportFilters(opts.query, now);
  const rows = await opts.report.run(opts.db, filters, now);
  const { start: _start, end: _end, ...period } = filters;
  return { period, rows };
}
