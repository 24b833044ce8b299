import type { Kysely } from 'kysely';
import type { DB } from '../../db/schema.ts';
import { AppError } from '../../lib/errors.ts';
import type { Actor } from './actor.ts';
import { dummyPasswordHash, verifyPassword } from './passwords.ts';
import { actorFromUser, createSession } from './sessions.ts';

export type SignInResult = { token: string; expiresAt: Date; actor: Actor };

export async function signIn(opts: {
  db: Kysely<DB>;
  email: string;
  password: string;
  ttlHours: number;
}): Promise<SignInResult> {
  const user = await opts.db
    .selectFrom('users')
    .selectAll()
    .where((eb) => eb(eb.fn('lower', ['email']), '=', opts.email.trim().toLowerCase()))
    .executeTakeFirst();
  const ok = await verifyPassword(user?.password_hash ?? (await dummyPasswordHash()), opts.password);
  if (!user || !ok || !user.active) {
    throw new AppError('invalid_credentials', 'The email or password is wrong.');
  }
  const session = await createSession(opts.db, user.id, opts.ttlHours);
  return { ...session, actor: actorFromUser(user) };
}
