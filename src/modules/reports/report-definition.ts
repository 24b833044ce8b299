import type { z } from 'zod';
import type { Executor } from '../../db/transaction.ts';
import type { Permission } from '../users/permissions.ts';
import type { ReportFilters } from './report-filters.ts';

// A report: its name (the route /reports/<name>, /reports/<name>.csv and /reports/<name>.xlsx),
// the row it returns (which is also the columns of the files, in order) and the set-based query
// that computes it.

export type ReportCell = string | number | null;

export type ReportDefinition<Row extends Record<string, ReportCell> = Record<string, ReportCell>> = {
  name: string;
  summary: string;
  description: string;
  row: z.ZodObject;
  columns: readonly (keyof Row & string)[];
  /** Columns holding calendar dates as YYYY-MM-DD: a spreadsheet gets them as dates, not text. */
  dateColumns?: readonly (keyof Row & string)[];
  /** A permission the report needs besides reports:read (a regulatory extract with personal data). */
  permission?: Permission;
  run: (db: Executor, filters: ReportFilters, now: Date) => Promise<Row[]>;
};

/** Postgres returns counts as int8 (parsed to number) and percentiles as double precision. */
export function toNumber(value: unknown): number {
  return typeof value === 'number' ? value : Number(value);
}

export function hours(seconds: unknown): number | null {
  if (seconds === null || seconds === undefined) return null;
  return Math.round((toNumber(seconds) / 3600) * 100) / 100;
}

export function rate(part: number, whole: number): number | null {
  return whole === 0 ? null : Math.round((part / whole) * 10_000) / 10_000;
}
