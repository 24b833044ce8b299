import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { sessionTokenOf } from '../../server/plugins/authenticate.ts';
import type { ModuleDeps } from '../deps.ts';
import { SESSION_COOKIE, sessionCookieOptions } from '../users/index.ts';
import { signInPageWithError } from './callback-url.ts';
import { completeOidcSignIn } from './complete-oidc-sign-in.ts';
import { createOidcClient } from './oidc-client.ts';
import { FLOW_TTL_MS } from './oidc-sign-in-flows.ts';
import { classifyOidcError, SsoFailure } from './sso-failure.ts';
import { startOidcSignIn } from './start-oidc-sign-in.ts';

/** The browser's handle to its sign-in in progress; sent only to /auth/oidc/*. */
export const FLOW_COOKIE = 'claimdesk_oidc';
const FLOW_COOKIE_PATH = '/auth/oidc';
export const START_PATH = '/auth/oidc/start';
const CALLBACK_PATH = '/auth/oidc/callback';
/** Where a signed-in browser lands: the app's root sends each person to their home. */
const AFTER_SIGN_IN = '/app/';

const AuthConfigSchema = z
  .object({
    sso: z.object({
      enabled: z.boolean(),
      /** Where the sign-in page's single sign-on button leads (a browser navigation, not an API call). */
      startUrl: z.string().nullable(),
    }),
  })
  .meta({ id: 'AuthConfig' });

/**
 * Staff single sign-on (docs/decisions/0013-staff-single-sign-on.md). The start and callback are
 * browser redirects, not API operations, so they are left out of the OpenAPI document; every
 * failure is a redirect to the sign-in page with `?sso_error=<code>`, logged with its reason.
 */
export function ssoRoutes(app: FastifyInstance, { db, config }: ModuleDeps): void {
  const r = app.withTypeProvider<ZodTypeProvider>();
  const oidc = config.oidc ? createOidcClient(config.oidc) : undefined;
  const browserRoute = { config: { public: true }, schema: { hide: true } } as const;

  r.get(
    '/auth/config',
    {
      config: { public: true },
      schema: {
        tags: ['auth'],
        summary: 'How staff may sign in (for the sign-in page): whether single sign-on is on',
        response: { 200: AuthConfigSchema },
      },
    },
    async () => ({ sso: { enabled: oidc !== undefined, startUrl: oidc ? START_PATH : null } }),
  );

  app.get(START_PATH, browserRoute, async (req, reply) => {
    reply.header('cache-control', 'no-store');
    if (!oidc) return fail(req, reply, offFailure());
    try {
      const redirectUri = oidc.settings.redirectUri ?? `${req.protocol}://${req.host}${CALLBACK_PATH}`;
      const { authorizationUrl, handle } = await startOidcSignIn({ db, oidc, redirectUri });
      reply.setCookie(FLOW_COOKIE, handle, {
        httpOnly: true,
        // Lax: the provider's redirect back is a top-level GET navigation, which carries it.
        sameSite: 'lax',
        secure: config.cookieSecure,
        path: FLOW_COOKIE_PATH,
        maxAge: FLOW_TTL_MS / 1000,
      });
      return reply.redirect(authorizationUrl.href, 303);
    } catch (error) {
      return fail(req, reply, classifyOidcError(error));
    }
  });

  app.get(CALLBACK_PATH, browserRoute, async (req, reply) => {
    reply.header('cache-control', 'no-store');
    // The handle is good for one attempt whatever happens next.
    reply.clearCookie(FLOW_COOKIE, { path: FLOW_COOKIE_PATH });
    if (!oidc) return fail(req, reply, offFailure());
    try {
      const session = await completeOidcSignIn({
        db,
        oidc,
        handle: req.cookies[FLOW_COOKIE] || undefined,
        rawUrl: req.url,
        ttlHours: config.sessionTtlHours,
        replacedToken: sessionTokenOf(req),
      });
      req.log.info(
        { userId: session.actor.kind === 'user' ? session.actor.userId : null, linked: session.linked },
        'single sign-on: signed in',
      );
      reply.setCookie(
        SESSION_COOKIE,
        session.token,
        sessionCookieOptions({ secure: config.cookieSecure, expiresAt: session.expiresAt }),
      );
      return reply.redirect(AFTER_SIGN_IN, 303);
    } catch (error) {
      return fail(req, reply, classifyOidcError(error));
    }
  });
}

function offFailure(): SsoFailure {
  return new SsoFailure('sso_off', 'single sign-on is not configured (OIDC_ISSUER is not set)');
}

function fail(req: FastifyRequest, reply: FastifyReply, failure: SsoFailure) {
  // The person sees a code on the sign-in page; the operator reads why here (never a token).
  const level = failure.code === 'sso_failed' ? 'error' : 'warn';
  req.log[level](
    {
      ssoError: failure.code,
      reason: failure.message,
      ...failure.logData,
      ...(level === 'error' ? { err: failure.cause } : {}),
    },
    'single sign-on refused',
  );
  return reply.redirect(signInPageWithError(failure.code), 303);
}
