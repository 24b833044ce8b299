import type { FastifyInstance } from 'fastify';
import type { Role } from '../../src/db/schema.ts';
import { newId } from '../../src/lib/ids.ts';
import { createUser, systemActor } from '../../src/modules/users/index.ts';
import { buildApp } from '../../src/server/app.ts';
import { loadConfig } from '../../src/server/config.ts';
import { testDatabase } from './test-database.ts';

let shared: Promise<FastifyInstance> | undefined;

/** The real application (all plugins, routes, error handling) on the worker's test database. */
export function testApp(): Promise<FastifyInstance> {
  shared ??= (async () => {
    const database = await testDatabase();
    const config = loadConfig({
      // TEST_LOG_LEVEL=error shows what a 500 in a test was (the body only carries a request id).
      LOG_LEVEL: process.env.TEST_LOG_LEVEL ?? 'silent',
      NODE_ENV: 'test',
      CLAIMDESK_DATA_DIR: 'memory://',
    });
    const app = await buildApp({ config, database });
    await app.ready();
    return app;
  })();
  return shared;
}

export type Session = { headers: { authorization: string }; userId: string; email: string };

const PASSWORD = 'correct horse battery staple';

/** Creates a user with the role and signs in through the real endpoint. */
export async function signInAs(
  role: Role,
  opts: { customerId?: string; department?: string; team?: string } = {},
): Promise<Session> {
  const app = await testApp();
  const { db } = await testDatabase();
  const email = `${role}-${newId()}@test.claimdesk.example`;
  const userId = await createUser({
    db,
    actor: systemActor('test'),
    user: {
      email,
      displayName: `Test ${role}`,
      role,
      password: PASSWORD,
      customerId: opts.customerId ?? null,
      department: opts.department ?? null,
      team: opts.team ?? null,
    },
  });
  const res = await app.inject({
    method: 'POST',
    url: '/auth/sign-in',
    payload: { email, password: PASSWORD },
  });
  if (res.statusCode !== 200) throw new Error(`sign-in failed: ${res.body}`);
  return { headers: { authorization: `Bearer ${res.json().token}` }, userId, email };
}

export { PASSWORD as TEST_PASSWORD };
