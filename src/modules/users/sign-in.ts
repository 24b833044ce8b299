import type { Kysely } from 'kysely';
import type { DB, UserRow } from '../../db/schema.ts';
import { AppError } from '../../lib/errors.ts';
import type { Actor } from './actor.ts';
import { dummyPasswordHash, verifyPassword } from './passwords.ts';
import { actorFromUser, createSession, revokeSession } from './sessions.ts';
import { admitSignIn, finishSignIn } from './sign-in-throttle-store.ts';

export type SignInResult = { token: string; expiresAt: Date; actor: Actor };

/**
 * Checks a password under the throttle (sign-in-throttle.ts) and opens a new session. Every
 * refusal reads the same whether or not the email has an account: unknown emails are throttled
 * like known ones and get the same 401 or 429.
 */
export async function signIn(opts: {
  db: Kysely<DB>;
  email: string;
  password: string;
  ttlHours: number;
  /** The client's address, throttled besides the account (absent for in-process callers). */
  address?: string;
  /** A session token the client already held: ended, never adopted (session fixation). */
  replacedToken?: string;
}): Promise<SignInResult> {
  const admission = await admitSignIn(opts.db, { email: opts.email, address: opts.address });
  if (!admission.admitted) {
    const retryAfterSeconds = Math.ceil(admission.retryAfterMs / 1000);
    throw new AppError(
      'too_many_attempts',
      retryAfterSeconds < 60
        ? 'Too many sign-ins at once. Try again in a moment.'
        : `Too many failed sign-ins. Try again in ${Math.ceil(retryAfterSeconds / 60)} minutes.`,
      { extra: { retryAfterSeconds } },
    );
  }
  const who = { email: opts.email, address: opts.address };
  let user: UserRow | undefined;
  let ok = false;
  try {
    user = await opts.db
      .selectFrom('users')
      .selectAll()
      .where((eb) => eb(eb.fn('lower', ['email']), '=', opts.email.trim().toLowerCase()))
      .executeTakeFirst();
    ok = await verifyPassword(user?.password_hash ?? (await dummyPasswordHash()), opts.password);
  } finally {
    // Also after an unexpected error: the admitted attempt must stop counting as in flight.
    await finishSignIn(opts.db, { ...who, succeeded: ok && user?.active === true });
  }
  if (!user || !ok || !user.active) {
    throw new AppError('invalid_credentials', 'The email or password is wrong.');
  }
  if (opts.replacedToken) await revokeSession(opts.db, opts.replacedToken);
  const session = await createSession(opts.db, user.id, opts.ttlHours);
  return { ...session, actor: actorFromUser(user) };
}
