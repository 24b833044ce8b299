import { type Kysely, sql } from 'kysely';
import type { CaseKind, CaseStatus, DB } from '../../db/schema.ts';
import {
  decodeKeysetCursor,
  encodeKeysetCursor,
  isDateText,
  isUuidText,
  keysetPage,
} from '../../lib/keyset-cursor.ts';
import { caseInReach, departmentScope } from '../referrals/department-reach.ts';
import type { Actor } from '../users/actor.ts';
import { assertCan } from '../users/permissions.ts';
import { type CaseSummary, type CaseView, toCaseSummary } from './case-schemas.ts';
import { isCustomerActor, loadCaseByRef } from './find-cases.ts';
import { loadCaseView } from './load-case-view.ts';

/** One case as the actor may see it (404 for a customer asking for someone else's). */
export async function getCase(opts: {
  db: Kysely<DB>;
  actor: Actor;
  ref: string;
  now?: Date;
}): Promise<CaseView> {
  assertCan(opts.actor, 'cases:read');
  const row = await loadCaseByRef(opts.db, opts.ref, opts.actor);
  return loadCaseView(opts.db, row, opts.actor, opts.now);
}

/**
 * Cases newest first, filtered by customer, status and kind, one keyset page at a time (the
 * cursor is the last row's (created_at, id), so a page costs the same however deep it is and new
 * cases never shift it). A customer gets only their own cases whatever filter they send.
 */
export async function listCases(opts: {
  db: Kysely<DB>;
  actor: Actor;
  customerId?: string | undefined;
  status?: CaseStatus | undefined;
  kind?: CaseKind | undefined;
  limit: number;
  cursor?: string | undefined;
}): Promise<{ items: CaseSummary[]; nextCursor: string | null }> {
  const { actor } = opts;
  assertCan(actor, 'cases:read');
  let q = opts.db.selectFrom('service_cases').selectAll();
  if (isCustomerActor(actor))
    q = q.where('customer_id', '=', actor.customerId ?? '00000000-0000-0000-0000-000000000000');
  const department = departmentScope(actor);
  if (department !== null) q = q.where(caseInReach(department, sql.ref('service_cases.id')));
  if (opts.customerId) q = q.where('customer_id', '=', opts.customerId);
  if (opts.status) q = q.where('status', '=', opts.status);
  if (opts.kind) q = q.where('kind', '=', opts.kind);
  if (opts.cursor) {
    const key = decodeCaseCursor(opts.cursor);
    q = q.where(sql<boolean>`(created_at, id) < (${new Date(key.createdAt)}::timestamptz, ${key.id}::uuid)`);
  }
  const rows = await q
    .orderBy('created_at', 'desc')
    .orderBy('id', 'desc')
    .limit(opts.limit + 1)
    .execute();
  return keysetPage(rows, opts.limit, toCaseSummary, (last) =>
    encodeCaseCursor({ createdAt: last.created_at.toISOString(), id: last.id }),
  );
}

export function encodeCaseCursor(key: { createdAt: string; id: string }): string {
  return encodeKeysetCursor([key.createdAt, key.id]);
}

export function decodeCaseCursor(cursor: string): { createdAt: string; id: string } {
  const [createdAt, id] = decodeKeysetCursor(cursor, [isDateText, isUuidText]);
  return { createdAt, id };
}
