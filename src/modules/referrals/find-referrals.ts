import type { Kysely } from 'kysely';
import type { DB, ReferralRow } from '../../db/schema.ts';
import type { Executor } from '../../db/transaction.ts';
import { AppError } from '../../lib/errors.ts';
import { loadCaseByRef } from '../cases/index.ts';
import { canSeeReferral } from '../documents/index.ts';
import type { Actor } from '../users/actor.ts';
import { assertCan, canSeeCustomer } from '../users/permissions.ts';
import { type ReferralView, toReferralView } from './referral-schemas.ts';

const REFERRAL_NUMBER = /^RFR-\d{4}-\d{6}$/;
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

const notFound = () => new AppError('not_found', 'No such referral.');

/**
 * The referral by id or number (RFR-2026-000123), if the actor may see it: referrals are internal
 * work, so a customer never may, and a department agent only sees those to their own department.
 * Anyone else gets 404 (never 403), so numbers cannot be probed. `forUpdate` locks the row.
 */
export async function findReferralRow(
  db: Executor,
  actor: Actor,
  ref: string,
  opts: { forUpdate?: boolean } = {},
): Promise<ReferralRow> {
  const wanted = ref.trim().toUpperCase();
  const byNumber = REFERRAL_NUMBER.test(wanted);
  if (!byNumber && !UUID.test(wanted)) throw notFound();
  let q = db
    .selectFrom('referrals')
    .selectAll()
    .where(byNumber ? 'referral_number' : 'id', '=', byNumber ? wanted : wanted.toLowerCase());
  if (opts.forUpdate) q = q.forUpdate();
  const row = await q.executeTakeFirst();
  if (!row || !canSeeCustomer(actor, row.customer_id) || !canSeeReferral(actor, row.department)) {
    throw notFound();
  }
  return row;
}

/** Views with the case number, the department's name and the queue item: three statements. */
export async function referralViews(db: Executor, rows: readonly ReferralRow[]): Promise<ReferralView[]> {
  if (rows.length === 0) return [];
  const caseIds = [...new Set(rows.map((r) => r.case_id))];
  const codes = [...new Set(rows.map((r) => r.department))];
  const [cases, departments, items] = await Promise.all([
    db.selectFrom('service_cases').select(['id', 'case_number']).where('id', 'in', caseIds).execute(),
    db.selectFrom('departments').select(['code', 'name']).where('code', 'in', codes).execute(),
    db
      .selectFrom('work_items')
      .select(['id', 'subject_id', 'owner_id', 'due_at', 'deadline_state', 'open'])
      .where('kind', '=', 'referral')
      .where(
        'subject_id',
        'in',
        rows.map((r) => r.id),
      )
      .execute(),
  ]);
  const caseNumbers = new Map(cases.map((c) => [c.id, c.case_number]));
  const names = new Map(departments.map((d) => [d.code, d.name]));
  const itemOf = new Map(items.map((i) => [i.subject_id, i]));
  return rows.map((row) =>
    toReferralView(row, {
      caseNumber: caseNumbers.get(row.case_id) ?? '',
      departmentName: names.get(row.department) ?? {
        sv: row.department,
        it: row.department,
        en: row.department,
      },
      workItem: itemOf.get(row.id) ?? null,
    }),
  );
}

export async function referralView(db: Executor, row: ReferralRow): Promise<ReferralView> {
  const [view] = await referralViews(db, [row]);
  return view as ReferralView;
}

export async function getReferral(opts: {
  db: Kysely<DB>;
  actor: Actor;
  ref: string;
}): Promise<ReferralView> {
  assertCan(opts.actor, 'cases:read');
  return referralView(opts.db, await findReferralRow(opts.db, opts.actor, opts.ref));
}

/**
 * A case's referrals, oldest first. Customers follow their case but never its referrals (404); a
 * department agent sees only the referrals to their own department.
 */
export async function listCaseReferrals(opts: {
  db: Kysely<DB>;
  actor: Actor;
  ref: string;
}): Promise<ReferralView[]> {
  const { actor } = opts;
  assertCan(actor, 'cases:read');
  if (actor.kind === 'user' && actor.role === 'customer') throw new AppError('not_found', 'No such case.');
  const serviceCase = await loadCaseByRef(opts.db, opts.ref, actor);
  let q = opts.db.selectFrom('referrals').selectAll().where('case_id', '=', serviceCase.id);
  if (actor.kind === 'user' && actor.role === 'department_agent') {
    q = q.where('department', '=', actor.department ?? '');
  }
  return referralViews(opts.db, await q.orderBy('created_at').orderBy('id').execute());
}
