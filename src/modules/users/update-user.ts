import { type Executor, inTransaction } from '../../db/transaction.ts';
import { AppError, fieldError } from '../../lib/errors.ts';
import { parseInput } from '../../lib/parse-input.ts';
import { recordAuditEvent } from '../audit/index.ts';
import { type Actor, actorId } from './actor.ts';
import { type HandedBack, handBackOpenWork } from './hand-back-work.ts';
import { userAdminView } from './list-users.ts';
import { assertCan } from './permissions.ts';
import { revokeUserSessions } from './sessions.ts';
import type { UserPatch, UserUpdatedView } from './user-admin-schemas.ts';
import { UserPatchSchema } from './user-admin-schemas.ts';
import { assertPlacement } from './user-placement.ts';

/**
 * An administrator changes a login's name, role, team, department or language, or deactivates
 * and reactivates it. Optimistic concurrency on `version`. Administrators cannot deactivate or
 * demote themselves, so the organisation always keeps one who can undo a mistake. A customer
 * login keeps its role (it is tied to its customer). Deactivating ends the login's sessions at
 * once: reactivating later must not bring an old session back, and gives the login's open work
 * back to its queues (hand-back-work.ts), saying how many items in `handedBack`.
 */
export async function updateUser(opts: {
  db: Executor;
  actor: Actor;
  id: string;
  input: UserPatch;
}): Promise<UserUpdatedView> {
  const { actor } = opts;
  assertCan(actor, 'users:manage');
  const input = parseInput(UserPatchSchema, opts.input);
  return inTransaction(opts.db, async (trx) => {
    const row = await trx
      .selectFrom('users')
      .selectAll()
      .where('id', '=', opts.id)
      .forUpdate()
      .executeTakeFirst();
    if (!row) throw new AppError('not_found', 'No such user.');
    if (row.version !== input.version) {
      throw new AppError('version_conflict', `The user is at version ${row.version}, not ${input.version}.`, {
        extra: { currentVersion: row.version },
      });
    }
    if (row.id === actorId(actor)) {
      if (input.active === false) {
        throw new AppError(
          'user_self_change_not_allowed',
          'You cannot deactivate your own login: another administrator must do it.',
          { errors: [{ in: 'body', path: ['active'], code: 'self', message: 'Your own login' }] },
        );
      }
      if (input.role !== undefined && input.role !== row.role) {
        throw new AppError(
          'user_self_change_not_allowed',
          'You cannot change your own role: another administrator must do it.',
          { errors: [{ in: 'body', path: ['role'], code: 'self', message: 'Your own login' }] },
        );
      }
    }
    if (row.role === 'customer' && (input.role || input.team || input.department)) {
      const field = input.role ? 'role' : input.team ? 'team' : 'department';
      throw fieldError(
        'validation_failed',
        [field],
        'A customer login has no role, team or department to change; it belongs to its customer.',
        'customer_login',
      );
    }
    await assertPlacement(trx, { team: input.team, department: input.department });

    const before: Record<string, unknown> = {};
    const after: Record<string, unknown> = {};
    const note = (field: string, old: unknown, value: unknown) => {
      if (value === undefined || value === old) return;
      before[field] = old;
      after[field] = value;
    };
    note('displayName', row.display_name, input.displayName);
    note('role', row.role, input.role);
    note('team', row.team, input.team);
    note('department', row.department, input.department);
    note('locale', row.locale, input.locale);
    note('active', row.active, input.active);
    if (Object.keys(after).length === 0) return userAdminView(trx, row.id);

    await trx
      .updateTable('users')
      .set((eb) => ({
        ...(input.displayName !== undefined ? { display_name: input.displayName } : {}),
        ...(input.role !== undefined ? { role: input.role } : {}),
        ...(input.team !== undefined ? { team: input.team } : {}),
        ...(input.department !== undefined ? { department: input.department } : {}),
        ...(input.locale !== undefined ? { locale: input.locale } : {}),
        ...(input.active !== undefined ? { active: input.active } : {}),
        version: eb('version', '+', 1),
      }))
      .where('id', '=', row.id)
      .execute();
    let handedBack: HandedBack | undefined;
    if (after.active === false) {
      handedBack = await handBackOpenWork(trx, { actor, userId: row.id, now: new Date() });
      await trx
        .updateTable('sessions')
        .set({ revoked_at: new Date() })
        .where('user_id', '=', row.id)
        .where('revoked_at', 'is', null)
        .execute();
    }
    // A privilege change ends the login's sessions (decision 0012): they sign in again with the new rights.
    if (['role', 'team', 'department', 'active'].some((f) => f in after))
      await revokeUserSessions(trx, row.id);
    const action =
      after.active === false
        ? 'user.deactivated'
        : after.active === true
          ? 'user.reactivated'
          : 'user.updated';
    await recordAuditEvent(trx, {
      actor,
      action,
      entityType: 'user',
      entityId: row.id,
      // A customer login's history sits in its customer's chain, like its creation.
      customerId: row.customer_id,
      data: { before, after, ...(handedBack ? { handedBack } : {}) },
    });
    const view = await userAdminView(trx, row.id);
    return handedBack ? { ...view, handedBack } : view;
  });
}
