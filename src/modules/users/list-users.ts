import type { Executor } from '../../db/transaction.ts';
import { AppError } from '../../lib/errors.ts';
import { parseInput } from '../../lib/parse-input.ts';
import type { Actor } from './actor.ts';
import { assertCan, PERMISSION_MATRIX } from './permissions.ts';
import {
  type PermissionMatrixView,
  ROLES,
  type UserAdminView,
  type UserListQuery,
  UserListQuerySchema,
} from './user-admin-schemas.ts';

// Reads for the administrator's users screen: logins filtered by role, team, department and
// active; the teams a login can join; the permission matrix as a table. Auditors read them too.

function usersWithExtras(db: Executor) {
  return db
    .selectFrom('users')
    .leftJoin('customers', 'customers.id', 'users.customer_id')
    .select([
      'users.id',
      'users.email',
      'users.display_name',
      'users.role',
      'users.team',
      'users.department',
      'users.locale',
      'users.active',
      'users.customer_id',
      'users.created_at',
      'users.version',
      'customers.customer_number',
    ])
    .select((eb) =>
      eb
        .selectFrom('sessions')
        .select((s) => s.fn.max('sessions.created_at').as('last'))
        .whereRef('sessions.user_id', '=', 'users.id')
        .as('last_sign_in_at'),
    );
}

type UserRowWithExtras = Awaited<ReturnType<ReturnType<typeof usersWithExtras>['execute']>>[number];

function toView(row: UserRowWithExtras): UserAdminView {
  const last = row.last_sign_in_at as Date | string | null;
  return {
    id: row.id,
    email: row.email,
    displayName: row.display_name,
    role: row.role,
    team: row.team,
    department: row.department,
    locale: row.locale,
    active: row.active,
    customerId: row.customer_id,
    customerNumber: row.customer_number ?? null,
    lastSignInAt: last ? new Date(last).toISOString() : null,
    createdAt: row.created_at.toISOString(),
    version: row.version,
  };
}

export async function listUsers(opts: {
  db: Executor;
  actor: Actor;
  query: UserListQuery;
}): Promise<{ items: UserAdminView[]; total: number; limit: number; offset: number }> {
  assertCan(opts.actor, 'users:read');
  const query = parseInput(UserListQuerySchema, opts.query);
  let q = opts.db.selectFrom('users');
  if (query.role) q = q.where('users.role', '=', query.role);
  if (query.team) q = q.where('users.team', '=', query.team);
  if (query.department) q = q.where('users.department', '=', query.department);
  if (query.active) q = q.where('users.active', '=', query.active === 'true');
  if (query.q) {
    const like = `%${query.q.toLowerCase().replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
    q = q.where((eb) =>
      eb.or([
        eb(eb.fn('lower', ['users.display_name']), 'like', like),
        eb(eb.fn('lower', ['users.email']), 'like', like),
      ]),
    );
  }
  const ids = q.select('users.id');
  const [count, rows] = await Promise.all([
    q.select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow(),
    usersWithExtras(opts.db)
      .where('users.id', 'in', ids)
      // Staff first by role, then by name; customers (the many) last.
      .orderBy((eb) => eb.case().when('users.role', '=', 'customer').then(1).else(0).end())
      .orderBy('users.role')
      .orderBy('users.display_name')
      .orderBy('users.id')
      .limit(query.limit)
      .offset(query.offset)
      .execute(),
  ]);
  return { items: rows.map(toView), total: Number(count.n), limit: query.limit, offset: query.offset };
}

/** One login as the administrator sees it (after a change, or to reload). */
export async function userAdminView(db: Executor, id: string): Promise<UserAdminView> {
  const row = await usersWithExtras(db).where('users.id', '=', id).executeTakeFirst();
  if (!row) throw new AppError('not_found', 'No such user.');
  return toView(row);
}

export async function getUserForAdmin(opts: { db: Executor; actor: Actor; id: string }) {
  assertCan(opts.actor, 'users:read');
  return userAdminView(opts.db, opts.id);
}

export async function listTeams(opts: { db: Executor; actor: Actor }) {
  assertCan(opts.actor, 'users:read');
  const rows = await opts.db.selectFrom('teams').selectAll().orderBy('code').execute();
  return rows.map((t) => ({
    code: t.code,
    name: t.name,
    department: t.department,
    country: t.country,
    productCodes: t.product_codes,
  }));
}

/** The permission matrix as the server applies it (permissions.ts), without the `system` actor. */
export function permissionMatrix(opts: { actor: Actor }): PermissionMatrixView {
  assertCan(opts.actor, 'users:read');
  return {
    roles: [...ROLES],
    permissions: Object.entries(PERMISSION_MATRIX)
      .map(([permission, roles]) => ({
        permission,
        roles: ROLES.filter((r) => roles.includes(r)),
      }))
      .sort((a, b) => a.permission.localeCompare(b.permission)),
  };
}
