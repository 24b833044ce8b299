import { readFileSync } from 'node:fs';
import type { FastifyInstance } from 'fastify';

// Until the React desk (see the web UI issue) is built, `/` serves a static page that points to
// the API docs, so a newcomer who opens the URL after `npm start` sees where to go.
const INDEX = readFileSync(new URL('../web/index.html', import.meta.url), 'utf8');

export function registerWebRoutes(app: FastifyInstance): void {
  app.get('/', { config: { public: true }, schema: { hide: true } }, async (_req, reply) =>
    reply.type('text/html').send(INDEX),
  );
  app.get('/openapi.json', { config: { public: true }, schema: { hide: true } }, async () => app.swagger());
}
