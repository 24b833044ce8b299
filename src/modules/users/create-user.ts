import type { Transaction } from 'kysely';
import type { DB, Language, Role } from '../../db/schema.ts';
import { type Executor, inTransaction } from '../../db/transaction.ts';
import { newId } from '../../lib/ids.ts';
import { recordAuditEvent } from '../audit/index.ts';
import type { Actor } from './actor.ts';
import { hashPassword } from './passwords.ts';
import { assertCan } from './permissions.ts';

export type NewUser = {
  email: string;
  displayName: string;
  role: Role;
  customerId?: string | null;
  team?: string | null;
  department?: string | null;
  locale?: Language;
} & ({ password: string } | { passwordHash: string });

/** Creates a staff or customer login. `passwordHash` lets the demo seed hash a shared password once. */
export async function createUser(opts: { db: Executor; actor: Actor; user: NewUser }): Promise<string> {
  // Managing users is an administrator's job; the seed and CLI act as `system`.
  assertCan(opts.actor, 'users:manage');
  const u = opts.user;
  const passwordHash = 'passwordHash' in u ? u.passwordHash : await hashPassword(u.password);
  const id = newId();
  const write = async (trx: Transaction<DB>) => {
    await trx
      .insertInto('users')
      .values({
        id,
        email: u.email.trim().toLowerCase(),
        display_name: u.displayName,
        password_hash: passwordHash,
        role: u.role,
        customer_id: u.customerId ?? null,
        team: u.team ?? null,
        department: u.department ?? null,
        locale: u.locale ?? 'en',
      })
      .execute();
    await recordAuditEvent(trx, {
      actor: opts.actor,
      action: 'user.created',
      entityType: 'user',
      entityId: id,
      customerId: u.customerId ?? null,
      data: { role: u.role, team: u.team ?? null },
    });
  };
  await inTransaction(opts.db, write);
  return id;
}
