import type { z } from 'zod';
import type { Executor } from '../../db/transaction.ts';
import type { ReportFilters } from './report-filters.ts';

// A report: its name (the route /reports/<name> and /reports/<name>.csv), the row it returns
// (which is also the CSV's columns, in order) and the one set-based query that computes it.

export type ReportCell = string | number | null;

export type ReportDefinition<Row extends Record<string, ReportCell> = Record<string, ReportCell>> = {
  name: string;
  summary: string;
  description: string;
  row: z.ZodObject;
  columns: readonly (keyof Row & string)[];
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
