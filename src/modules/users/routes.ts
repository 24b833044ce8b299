import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { actorOf, sessionTokenOf } from '../../server/plugins/authenticate.ts';
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
        body: z
          .object({ email: z.string().trim().min(3).max(254), password: z.string().min(1).max(200) })
          .strict(),
        response: { 200: z.object({ token: z.string(), expiresAt: z.string(), user: MeSchema }) },
      },
    },
    async (req, reply) => {
      const s = await signIn({
        db,
        email: req.body.email,
        password: req.body.password,
        ttlHours: config.sessionTtlHours,
      });
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
