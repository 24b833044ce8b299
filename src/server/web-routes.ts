import { stat } from 'node:fs/promises';
import path from 'node:path';
import fastifyStatic from '@fastify/static';
import type { FastifyInstance, FastifyReply } from 'fastify';
import { WEB_ROOT, webBuildExists } from './web-build.ts';

// The web app (src/web, built into dist/web) under /app/: a file that exists is served as it is
// (hashed assets cached for a year, immutable); any other path under /app/ is a page of the single-page app
// and gets index.html (never cached, so a new build is picked up). `/` leads to the app.
// Without a build (API tests, `claimdesk serve` before `npm run build:web`) /app/ says so.
// The build writes brotli and gzip copies beside each text asset (vite.config.ts): `preCompressed`
// sends the best one the request accepts, with Content-Encoding and Vary: Accept-Encoding, and the
// plain file to a client that accepts neither (the 1.5 MB script is about 0.35 MB in brotli).

const ASSET = /^assets\/[\w.-]+$/;

export async function registerWebRoutes(app: FastifyInstance): Promise<void> {
  await app.register(fastifyStatic, { root: WEB_ROOT, serve: false, preCompressed: true });
  const hidden = { config: { public: true }, schema: { hide: true } } as const;
  app.get('/', hidden, async (_req, reply) => reply.redirect('/app/'));
  // (The router ignores trailing slashes: /app/ is /app, which the wildcard does not match.)
  app.get('/app', hidden, async (_req, reply) => sendPage(reply));
  app.get('/app/*', hidden, async (req, reply) => {
    const file = (req.params as { '*': string })['*'];
    if (ASSET.test(file) && (await isFile(path.join(WEB_ROOT, file)))) {
      return reply.sendFile(file, { maxAge: 31_536_000_000, immutable: true });
    }
    return sendPage(reply);
  });
  app.get('/openapi.json', hidden, async () => app.swagger());
}

function sendPage(reply: FastifyReply) {
  if (!webBuildExists()) {
    return reply
      .status(503)
      .type('text/plain; charset=utf-8')
      .send('The web app is not built: run `npm run build:web` (npm start does it when missing).');
  }
  return reply
    .header('cache-control', 'no-cache')
    .type('text/html; charset=utf-8')
    .sendFile('index.html', { cacheControl: false });
}

async function isFile(p: string): Promise<boolean> {
  try {
    return (await stat(p)).isFile();
  } catch {
    return false;
  }
}
