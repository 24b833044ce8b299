import type { FastifyInstance, FastifyRequest } from 'fastify';
import { AppError } from '../../lib/errors.ts';
import { SESSION_COOKIE } from '../../modules/users/sessions.ts';
import { bearerTokenOf } from './authenticate.ts';

// Cross-site request forgery (docs/decisions/0012-authentication.md): a write that rides on the
// session cookie must come from a page of our own origin (or one in CORS_ORIGINS). Browsers send
// `Origin` on every POST/PUT/PATCH/DELETE (our Referrer-Policy keeps it for same-origin
// requests); when it is missing we fall back to `Referer`; with neither, the write is refused.
// Bearer requests carry no ambient credential and are exempt. The session cookie is also
// SameSite=Lax, so most browsers do not even send it on a cross-site POST: this is the second lock.

const SAFE_METHODS = new Set(['GET', 'HEAD', 'OPTIONS']);

function originOf(value: string | undefined): URL | null {
  if (!value || value === 'null') return null;
  try {
    return new URL(value);
  } catch {
    return null;
  }
}

/** Whether the request's Origin (or Referer) is our own origin or an allowed one. */
export function isSameOrAllowedOrigin(
  request: FastifyRequest,
  opts: { allowedOrigins: readonly string[]; httpsOnly: boolean },
): boolean {
  const source = originOf(request.headers.origin) ?? originOf(request.headers.referer);
  if (!source) return false;
  if (opts.allowedOrigins.includes(source.origin)) return true;
  const host = request.headers.host;
  if (!host) return false;
  // Normalised through URL, so "localhost:80" and "http://localhost" compare equal.
  const own = originOf(`${source.protocol}//${host}`);
  if (!own || own.host !== source.host) return false;
  return source.protocol === 'https:' || (!opts.httpsOnly && source.protocol === 'http:');
}

export function registerCsrfProtection(
  app: FastifyInstance,
  opts: { allowedOrigins: readonly string[]; httpsOnly: boolean },
): void {
  app.addHook('onRequest', async (request) => {
    if (SAFE_METHODS.has(request.method)) return;
    if (bearerTokenOf(request) !== undefined) return;
    if (!request.cookies?.[SESSION_COOKIE]) return;
    if (!isSameOrAllowedOrigin(request, opts)) {
      throw new AppError(
        'csrf_rejected',
        'This write carries the session cookie but does not come from a Claimdesk page (Origin/Referer).',
      );
    }
  });
}
