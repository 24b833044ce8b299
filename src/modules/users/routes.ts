import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { AppError } from '../../lib/errors.ts';
import { actorOf, sessionTokenOf } from '../../server/plugins/authenticate.ts';
import { ProblemSchema } from '../../server/problem.ts';
import type { ModuleDeps } from '../deps.ts';
import type { Actor } from './actor.ts';
import { revokeSession, SESSION_COOKIE } from './sessions.ts';
import { signIn } from './sign-in.ts';

const MeSchema = z
  .object({
    userId: z.uuid(),
    role: z.enum([
      'customer',
      'representative',
      'supervisor',
      'department_agent',
      'administrator',
      'auditor',
    ]),
    displayName: z.string(),
    customerId: z.uuid().nullable(),
    team: z.string().nullable(),
    department: z.string().nullable(),
    locale: z.enum(['sv', 'it', 'en']),
  })
  .meta({ id: 'Me' });

function me(actor: Actor) {
  if (actor.kind !== 'user') throw new Error('system actors have no web session');
  const { kind: _kind, ...rest } = actor;
  return rest;
}

export function userRoutes(app: FastifyInstance, { db, config }: ModuleDeps): void {
  const r = app.withTypeProvider<ZodTypeProvider>();
  const tags = ['auth'];

  r.post(
    '/auth/sign-in',
    {
      config: { public: true },
      schema: {
        tags,
        summary: 'Sign in; sets an httpOnly session cookie and also returns the token for API clients',
        description:
          'Always opens a new session (a session the client held is ended). Five wrong passwords lock the account for 15 minutes, doubling with each lock; the answer is the same whether or not the account exists.',
        body: z
          .object({ email: z.string().trim().min(3).max(254), password: z.string().min(1).max(200) })
          .strict(),
        response: {
          200: z.object({ token: z.string(), expiresAt: z.string(), user: MeSchema }),
          429: {
            description: 'Too many failed sign-ins for this account or address (Retry-After says how long)',
            content: { 'application/problem+json': { schema: ProblemSchema } },
          },
        },
      },
    },
    async (req, reply) => {
      const s = await signIn({
        db,
        email: req.body.email,
        password: req.body.password,
        ttlHours: config.sessionTtlHours,
        address: req.ip,
        replacedToken: sessionTokenOf(req),
      }).catch((error: unknown) => {
        if (error instanceof AppError && error.code === 'too_many_attempts') {
          reply.header('retry-after', String(error.extra.retryAfterSeconds));
        }
        throw error;
      });
      // SameSite=Lax, not Strict: a link from an email to a document download still arrives signed
      // in, and Lax already keeps the cookie off cross-site POSTs (CSRF has its own check too).
      reply.setCookie(SESSION_COOKIE, s.token, {
        httpOnly: true,
        sameSite: 'lax',
        secure: config.cookieSecure,
        path: '/',
        expires: s.expiresAt,
      });
      return { token: s.token, expiresAt: s.expiresAt.toISOString(), user: me(s.actor) };
    },
  );

  r.post(
    '/auth/sign-out',
    { schema: { tags, summary: 'End the current session', response: { 204: z.null() } } },
    async (req, reply) => {
      const token = sessionTokenOf(req);
      if (token) await revokeSession(db, token);
      reply.clearCookie(SESSION_COOKIE, { path: '/' });
      return reply.status(204).send(null);
    },
  );

  r.get('/auth/me', { schema: { tags, summary: 'Who am I', response: { 200: MeSchema } } }, async (req) =>
    me(actorOf(req)),
  );
}
