import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { Kysely } from 'kysely';
import type { DB } from '../../db/schema.ts';
import { AppError } from '../../lib/errors.ts';
import { isApiTokenShaped, resolveApiToken } from '../../modules/api-tokens/index.ts';
import type { Actor } from '../../modules/users/actor.ts';
import { resolveSession, SESSION_COOKIE } from '../../modules/users/sessions.ts';

declare module 'fastify' {
  interface FastifyRequest {
    actor: Actor | null;
  }
  interface FastifyContextConfig {
    /** Reachable without signing in (health, docs, sign-in itself). */
    public?: boolean;
  }
}

/** The bearer credential of `Authorization: Bearer …`, if any (API clients: session or cdk_ token). */
export function bearerTokenOf(request: FastifyRequest): string | undefined {
  const auth = request.headers.authorization;
  if (auth?.startsWith('Bearer ')) return auth.slice(7).trim() || undefined;
  return undefined;
}

/** The session token from an `Authorization: Bearer` header (API clients) or the cookie (browser). */
export function sessionTokenOf(request: FastifyRequest): string | undefined {
  return bearerTokenOf(request) ?? (request.cookies?.[SESSION_COOKIE] || undefined);
}

export function registerAuthentication(
  app: FastifyInstance,
  db: Kysely<DB>,
  opts: { sessionIdleMinutes: number } = { sessionIdleMinutes: 30 },
): void {
  app.decorateRequest('actor', null);
  app.addHook('onRequest', async (request) => {
    const token = sessionTokenOf(request);
    request.actor = !token
      ? null
      : isApiTokenShaped(token)
        ? await resolveApiToken(db, token)
        : await resolveSession(db, token, opts.sessionIdleMinutes);
    if (!request.actor && !request.routeOptions.config?.public && request.routeOptions.url) {
      throw new AppError(
        'unauthenticated',
        'Sign in first (POST /auth/sign-in), then send the session cookie or bearer token.',
      );
    }
  });
}

/** For handlers of non-public routes: the hook has already guaranteed an actor. */
export function actorOf(request: FastifyRequest): Actor {
  if (!request.actor) throw new AppError('unauthenticated', 'Sign in first.');
  return request.actor;
}
