import type { FastifyRequest } from 'fastify';
import type { LoggerOptions } from 'pino';
import { newId } from '../lib/ids.ts';
import { maskPersonalData } from '../lib/mask-personal-data.ts';

// pino JSON logs. Credentials are removed outright; free text that may hold personal data
// (the URL with its query, error messages) is masked. Bodies are never logged.

export function loggerOptions(level: string): LoggerOptions {
  return {
    level,
    redact: {
      paths: [
        'req.headers.authorization',
        'req.headers.cookie',
        'res.headers["set-cookie"]',
        '*.password',
        '*.token',
      ],
      censor: '[redacted]',
    },
    serializers: {
      req(req: FastifyRequest) {
        return {
          method: req.method,
          url: maskPersonalData(decodeForMasking(withoutOidcCode(req.url))),
          route: req.routeOptions?.url,
          remoteAddress: req.ip,
        };
      },
      err(err: Error & { code?: string }) {
        return {
          type: err.name,
          code: err.code,
          message: maskPersonalData(err.message),
          stack: err.stack ? maskPersonalData(err.stack) : undefined,
        };
      },
    },
  };
}

/** The single sign-on callback's authorization code and state are credentials for a moment: not logged. */
export function withoutOidcCode(url: string): string {
  if (!url.startsWith('/auth/oidc/callback')) return url;
  return url.replace(/([?&](?:code|state)=)[^&]*/g, '$1[redacted]');
}

/** Query strings arrive percent-encoded (`anna%40example.se`); decode so the patterns see them. */
function decodeForMasking(url: string): string {
  try {
    return decodeURIComponent(url.replaceAll('+', ' '));
  } catch {
    return url; // malformed escapes: mask what we can see
  }
}

const SAFE_REQUEST_ID = /^[A-Za-z0-9._-]{1,64}$/;

/** Keep a caller's X-Request-Id when it is well-formed, so a trace spans systems; else make one. */
export function requestIdFrom(req: { headers: Record<string, string | string[] | undefined> }): string {
  const incoming = req.headers['x-request-id'];
  return typeof incoming === 'string' && SAFE_REQUEST_ID.test(incoming) ? incoming : newId();
}
