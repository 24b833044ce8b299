import { createHash, randomBytes } from 'node:crypto';
import type { Kysely } from 'kysely';
import type { DB, UserRow } from '../../db/schema.ts';
import type { Executor } from '../../db/transaction.ts';
import type { Actor } from './actor.ts';

// Session tokens are 256 random bits handed to the client once (cookie or bearer); only their
// SHA-256 is stored, so a copy of the database does not let anyone sign in.

export const SESSION_COOKIE = 'claimdesk_session';

export function hashToken(token: string): string {
  return createHash('sha256').update(token).digest('hex');
}

/**
 * The session cookie's flags (docs/decisions/0012-authentication.md), for every way of signing in
 * (password, single sign-on) so they cannot drift apart.
 */
export function sessionCookieOptions(opts: { secure: boolean; expiresAt: Date }) {
  return {
    httpOnly: true,
    sameSite: 'lax',
    secure: opts.secure,
    path: '/',
    expires: opts.expiresAt,
  } as const;
}

/** last_seen_at is written at most this often, so reading pages does not write a row per request. */
export const LAST_SEEN_GRANULARITY_MS = 60_000;

/** Always a new random token: a token the client brought (session fixation) is never adopted. */
export async function createSession(
  db: Kysely<DB>,
  userId: string,
  ttlHours: number,
): Promise<{ token: string; expiresAt: Date }> {
  const token = randomBytes(32).toString('base64url');
  const expiresAt = new Date(Date.now() + ttlHours * 3_600_000);
  await db
    .insertInto('sessions')
    .values({ token_hash: hashToken(token), user_id: userId, expires_at: expiresAt })
    .execute();
  return { token, expiresAt };
}

export function actorFromUser(user: UserRow): Actor {
  return {
    kind: 'user',
    userId: user.id,
    role: user.role,
    displayName: user.display_name,
    customerId: user.customer_id,
    team: user.team,
    department: user.department,
    locale: user.locale,
  };
}

/**
 * The actor behind a token, or null when it is unknown, past its absolute expiry, idle for longer
 * than `idleMinutes`, revoked, or its user inactive. Slides the idle clock at most once a minute.
 */
export async function resolveSession(
  db: Kysely<DB>,
  token: string,
  idleMinutes: number = 30,
): Promise<Actor | null> {
  const now = Date.now();
  const tokenHash = hashToken(token);
  const row = await db
    .selectFrom('sessions')
    .innerJoin('users', 'users.id', 'sessions.user_id')
    .selectAll('users')
    .select('sessions.last_seen_at')
    .where('sessions.token_hash', '=', tokenHash)
    .where('sessions.revoked_at', 'is', null)
    .where('sessions.expires_at', '>', new Date(now))
    .where('sessions.last_seen_at', '>', new Date(now - idleMinutes * 60_000))
    .where('users.active', '=', true)
    .executeTakeFirst();
  if (!row) return null;
  if (now - new Date(row.last_seen_at).getTime() >= LAST_SEEN_GRANULARITY_MS) {
    await db
      .updateTable('sessions')
      .set({ last_seen_at: new Date(now) })
      .where('token_hash', '=', tokenHash)
      .execute();
  }
  const { last_seen_at: _seen, ...user } = row;
  return actorFromUser(user);
}

/**
 * Ends every live session of a user: called, in the changing transaction, whenever their role,
 * team, department, active flag or password changes, so no session keeps privileges it lost.
 */
export async function revokeUserSessions(db: Executor, userId: string): Promise<void> {
  await db
    .updateTable('sessions')
    .set({ revoked_at: new Date() })
    .where('user_id', '=', userId)
    .where('revoked_at', 'is', null)
    .execute();
}

export async function revokeSession(db: Kysely<DB>, token: string): Promise<void> {
  await db
    .updateTable('sessions')
    .set({ revoked_at: new Date() })
    .where('token_hash', '=', hashToken(token))
    .execute();
}
