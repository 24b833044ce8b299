import { randomBytes } from 'node:crypto';
import {
  claimIdempotencyKey,
  type IdempotencyKey,
  requestHash,
  storeIdempotentResponse,
} from '../../db/idempotency.ts';
import { isUniqueViolation } from '../../db/pg-errors.ts';
import { type Executor, inTransaction } from '../../db/transaction.ts';
import { fieldError } from '../../lib/errors.ts';
import { parseInput } from '../../lib/parse-input.ts';
import { type Actor, actorId } from './actor.ts';
import { createUser } from './create-user.ts';
import { userAdminView } from './list-users.ts';
import { assertCan } from './permissions.ts';
import { type CreatedUserView, type NewStaffUser, NewStaffUserSchema } from './user-admin-schemas.ts';
import { assertPlacement } from './user-placement.ts';

export type CreateStaffUserResult = { status: 200 | 201; body: CreatedUserView; replayed: boolean };

/** 18 random bytes: 24 URL-safe characters, about 144 bits. */
export function generatePassword(): string {
  return randomBytes(18).toString('base64url');
}

/**
 * An administrator creates a staff login (customers get theirs with their customer record). The
 * team and department must exist. Without a password one is generated and returned once: the
 * idempotency record keeps the response without it, so a retry never shows it again.
 */
export async function createStaffUser(opts: {
  db: Executor;
  actor: Actor;
  input: NewStaffUser;
  idempotencyKey?: string | undefined;
}): Promise<CreateStaffUserResult> {
  const { actor } = opts;
  assertCan(actor, 'users:manage');
  const input = parseInput(NewStaffUserSchema, opts.input);
  const generated = input.password ? undefined : generatePassword();
  const password = input.password ?? (generated as string);
  // The request hash leaves the password out: it must not be kept, even hashed this way.
  const { password: _password, ...hashed } = input;
  const key: IdempotencyKey | null = opts.idempotencyKey
    ? { scope: `users.create:${actorId(actor) ?? 'system'}`, key: opts.idempotencyKey }
    : null;
  try {
    return await inTransaction(opts.db, async (trx) => {
      if (key) {
        const replay = await claimIdempotencyKey<CreatedUserView>(trx, key, requestHash(hashed));
        if (replay) return { status: 200, body: replay.body, replayed: true };
      }
      const email = input.email.trim().toLowerCase();
      const taken = await trx
        .selectFrom('users')
        .select('id')
        .where((eb) => eb(eb.fn('lower', ['email']), '=', email))
        .executeTakeFirst();
      if (taken) throw emailTaken(email);
      await assertPlacement(trx, { team: input.team ?? null, department: input.department ?? null });
      const id = await createUser({
        db: trx,
        actor,
        user: {
          email,
          displayName: input.displayName,
          role: input.role,
          team: input.team ?? null,
          department: input.department ?? null,
          locale: input.locale,
          customerId: null,
          password,
        },
      });
      const body = await userAdminView(trx, id);
      if (key) await storeIdempotentResponse(trx, key, 201, body);
      return {
        status: 201 as const,
        body: generated ? { ...body, initialPassword: generated } : body,
        replayed: false,
      };
    });
  } catch (error) {
    // Two administrators creating the same email at once: the unique index decides.
    if (isUniqueViolation(error, 'users_email_idx')) throw emailTaken(input.email);
    throw error;
  }
}

function emailTaken(email: string) {
  return fieldError(
    'user_email_exists',
    ['email'],
    `A login with the email ${email.trim().toLowerCase()} already exists.`,
    'duplicate',
  );
}
