import { createHash, randomBytes } from 'node:crypto';
import type { Kysely } from 'kysely';
import type { DB, UserRow } from '../../db/schema.ts';
import type { Actor } from './actor.ts';

// Session tokens are 256 random bits handed to the client once (cookie or bearer); only their
// SHA-256 is stored, so a copy of the database does not let anyone sign in.

export const SESSION_COOKIE = 'claimdesk_session';

export function hashToken(token: string): string {
  return createHash('sha256').update(token).digest('hex');
}

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

/** The actor behind a token, or null when it is unknown, expired, revoked, or its user inactive. */
export async function resolveSession(db: Kysely<DB>, token: string): Promise<Actor | null> {
  const user = await db
    .selectFrom('sessions')
    .innerJoin('users', 'users.id', 'sessions.user_id')
    .selectAll('users')
    .where('sessions.token_hash', '=', hashToken(token))
    .where('sessions.revoked_at', 'is', null)
    .where('sessions.expires_at', '>', new Date())
    .where('users.active', '=', true)
    .executeTakeFirst();
  return user ? actorFromUser(user) : null;
}

export async function revokeSession(db: Kysely<DB>, token: string): Promise<void> {
  await db
    .updateTable('sessions')
    .set({ revoked_at: new Date() })
    .where('token_hash', '=', hashToken(token))
    .execute();
}
