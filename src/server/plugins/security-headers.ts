import cors from '@fastify/cors';
import helmet from '@fastify/helmet';
import type { FastifyInstance } from 'fastify';

// Security headers (helmet) and CORS, decided in docs/decisions/0012-authentication.md.
//
// The CSP fits what we serve: the Vite build of the web app (module scripts and CSS files from
// /app/assets, no inline script) and Swagger UI under /docs (its own script files). Mantine
// writes <style> elements for its CSS variables, so styles allow 'unsafe-inline'; scripts never
// do. PDFs and images are shown from blob: URLs in frames (the document and letter viewers).

export async function registerSecurityHeaders(
  app: FastifyInstance,
  opts: { https: boolean; corsOrigins: readonly string[] },
): Promise<void> {
  await app.register(helmet, {
    contentSecurityPolicy: {
      useDefaults: false,
      directives: {
        'default-src': ["'self'"],
        'base-uri': ["'self'"],
        'connect-src': ["'self'"],
        'font-src': ["'self'", 'data:'],
        'form-action': ["'self'"],
        'frame-ancestors': ["'self'"],
        'frame-src': ["'self'", 'blob:'],
        'img-src': ["'self'", 'data:', 'blob:'],
        // Chromium's PDF viewer inside a blob: frame counts as an embedded object.
        'object-src': ["'self'", 'blob:'],
        'script-src': ["'self'"],
        'script-src-attr': ["'none'"],
        'style-src': ["'self'", "'unsafe-inline'"],
        'worker-src': ["'self'", 'blob:'],
        // Only behind HTTPS: on plain http (tests, a laptop) it would break every asset.
        ...(opts.https ? { 'upgrade-insecure-requests': [] } : {}),
      },
    },
    // HSTS only when served over HTTPS: on http it is ignored at best and misleading at worst.
    strictTransportSecurity: opts.https ? { maxAge: 31_536_000, includeSubDomains: true } : false,
    // Keeps Origin on same-origin writes (the CSRF check needs it) and sends no URL to other sites:
    // our URLs carry claim and customer ids.
    referrerPolicy: { policy: 'same-origin' },
  });
  // No cross-origin access unless an origin is listed: without Access-Control-Allow-Origin a
  // browser keeps other sites from reading our responses, and preflights get no approval.
  await app.register(cors, {
    origin: opts.corsOrigins.length > 0 ? [...opts.corsOrigins] : false,
    credentials: true,
    methods: ['GET', 'HEAD', 'POST', 'PUT', 'PATCH', 'DELETE'],
    exposedHeaders: ['x-request-id', 'retry-after', 'location'],
    maxAge: 600,
  });
}
