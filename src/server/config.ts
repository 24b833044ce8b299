import os from 'node:os';
import path from 'node:path';
import { z } from 'zod';
import {
  DEFAULT_PAYMENT_SETTINGS,
  type PaymentSettings,
  PaymentSettingsSchema,
} from '../modules/payments/payment-settings.ts';

// Configuration is read from the environment exactly once, at start-up, into a typed object.
// A bad value stops start-up with *every* problem listed, so an operator fixes them in one go.

const booleanFlag = z
  .enum(['true', 'false', '1', '0', 'yes', 'no'])
  .transform((v) => v === 'true' || v === '1' || v === 'yes');

const envSchema = z.object({
  PORT: z.coerce.number().int().min(0).max(65535).default(3000),
  HOST: z.string().min(1).default('127.0.0.1'),
  DATABASE_URL: z
    .string()
    .regex(/^postgres(ql)?:\/\//, 'must be a postgres:// or postgresql:// URL')
    .optional(),
  CLAIMDESK_DATA_DIR: z.string().min(1).default('./data'),
  LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
  CLAIMDESK_SEED_DEMO: booleanFlag.default(true),
  CLAIMDESK_WORKER: booleanFlag.default(true),
  SESSION_TTL_HOURS: z.coerce
    .number()
    .int()
    .min(1)
    .max(24 * 30)
    .default(12),
  COOKIE_SECURE: booleanFlag.default(false),
  // A session unused for this long is refused (absolute lifetime: SESSION_TTL_HOURS).
  // Behind a reverse proxy, trust its X-Forwarded-For so the sign-in throttle sees each client's
  // address: 'true' trusts every hop, or list the proxies' addresses/CIDR ranges, comma-separated.
  CLAIMDESK_TRUST_PROXY: z
    .string()
    .transform((v) => (v === 'true' ? true : v === 'false' ? false : v.split(',').map((a) => a.trim())))
    .optional(),
  SESSION_IDLE_MINUTES: z.coerce
    .number()
    .int()
    .min(1)
    .max(24 * 60)
    .default(30),
  // Origins (scheme://host[:port]) other than our own allowed to call the API from a browser
  // (CORS) and to write with the session cookie; none by default.
  CORS_ORIGINS: z
    .string()
    .transform((v) =>
      v
        .split(',')
        .map((o) => o.trim())
        .filter((o) => o !== ''),
    )
    .pipe(z.array(z.url().regex(/^https?:\/\/[^/]+$/, 'must be scheme://host[:port] with no path')))
    .optional(),
  // The company complaints policy's answer time in Sweden (FFFS 2002:23 sets no number of days).
  // Italy's 45 days are law (IVASS) and not a setting.
  CLAIMDESK_SE_COMPLAINT_DAYS: z.coerce.number().int().min(1).max(90).default(14),
  // Documents (uploads, email attachments, scans, letters) are files in this directory.
  CLAIMDESK_DOCUMENTS_DIR: z.string().min(1).optional(),
  // Email in: the SMTP intake server. On by default except in production, where it must be asked for.
  CLAIMDESK_SMTP_INTAKE: booleanFlag.optional(),
  CLAIMDESK_SMTP_INTAKE_HOST: z.string().min(1).default('127.0.0.1'),
  CLAIMDESK_SMTP_INTAKE_PORT: z.coerce.number().int().min(0).max(65535).default(2525),
  CLAIMDESK_MAX_EMAIL_MB: z.coerce.number().int().min(1).max(100).default(25),
  // Email in from a real mailbox (imaps://user:password@host/INBOX), polled when set.
  CLAIMDESK_IMAP_URL: z
    .string()
    .regex(/^imaps?:\/\//, 'must be an imap:// or imaps:// URL')
    .optional(),
  // Email out: without it, messages wait in the local outbox (visible in the app).
  CLAIMDESK_SMTP_URL: z
    .string()
    .regex(/^smtps?:\/\//, 'must be an smtp:// or smtps:// URL')
    .optional(),
  CLAIMDESK_MAIL_FROM: z.string().min(3).default('Claimdesk <claims@claimdesk.example>'),
  // Payments: the insurer's own accounts, four-eyes limits, holds and delay days, as one JSON
  // document (docs/payments.md); the demo defaults apply when unset.
  CLAIMDESK_PAYMENTS: z
    .string()
    .transform((text, ctx) => {
      try {
        return JSON.parse(text) as unknown;
      } catch {
        ctx.addIssue({ code: 'custom', message: 'must be a JSON document' });
        return z.NEVER;
      }
    })
    .pipe(PaymentSettingsSchema)
    .optional(),
  NODE_ENV: z.enum(['development', 'production', 'test']).default('development'),
  // GET /metrics answers only `Authorization: Bearer <this>` (docs/operations.md); unset: off.
  CLAIMDESK_METRICS_TOKEN: z.string().min(16, 'must be at least 16 characters').optional(),
  // On SIGTERM/SIGINT: how long in-flight requests and the running job may take before exit 1.
  CLAIMDESK_SHUTDOWN_GRACE_SECONDS: z.coerce.number().int().min(1).max(600).default(10),
  // Webhook URLs may point at loopback/private/link-local addresses (SSRF guard off). Default:
  // true except in production, where it is false (docs/webhooks.md).
  WEBHOOKS_ALLOW_PRIVATE_TARGETS: booleanFlag.optional(),
  // Staff single sign-on with OpenID Connect (docs/decisions/0013-staff-single-sign-on.md): on
  // when issuer, client id and secret are all set. The redirect URI is derived from the request
  // (…/auth/oidc/callback) unless given; it must be registered at the provider either way.
  OIDC_ISSUER: z.url({ protocol: /^https?$/ }).optional(),
  OIDC_CLIENT_ID: z.string().min(1).optional(),
  OIDC_CLIENT_SECRET: z.string().min(1).optional(),
  OIDC_REDIRECT_URI: z.url({ protocol: /^https?$/ }).optional(),
  // Development and tests only: talk to an http:// issuer (refused with NODE_ENV=production).
  OIDC_ALLOW_HTTP: booleanFlag.default(false),
});

export type Config = {
  port: number;
  host: string;
  /** A PostgreSQL server when set; otherwise embedded PGlite in `dataDir`. */
  databaseUrl: string | undefined;
  /** Absolute path of the PGlite data directory; `memory://` keeps it in memory (tests). */
  dataDir: string;
  logLevel: z.infer<typeof envSchema>['LOG_LEVEL'];
  seedDemo: boolean;
  /** Run a job worker inside the server process (more run with `claimdesk worker`). */
  worker: boolean;
  sessionTtlHours: number;
  cookieSecure: boolean;
  /** Fastify's trustProxy: whose X-Forwarded-For to believe for the client address. */
  trustProxy: boolean | string[];
  /** Idle expiry of a session, in minutes. */
  sessionIdleMinutes: number;
  /** Browser origins besides our own allowed by CORS and the CSRF check. */
  corsOrigins: string[];
  /** Calendar days to answer a Swedish complaint (deadline policy se.complaint_answer). */
  seComplaintDays: number;
  /** Where document files are kept (absolute); for an in-memory database, a temp directory. */
  documentsDir: string;
  /** explicit: CLAIMDESK_SMTP_INTAKE=true was set (required to listen on a non-loopback host). */
  smtpIntake: { enabled: boolean; explicit: boolean; host: string; port: number; maxBytes: number };
  imapUrl: string | undefined;
  /** Outbound SMTP; undefined: email goes to the local outbox. */
  smtpUrl: string | undefined;
  mailFrom: string;
  payments: PaymentSettings;
  env: 'development' | 'production' | 'test';
  /** Bearer token for GET /metrics; undefined: /metrics is off. */
  metricsToken: string | undefined;
  shutdownGraceMs: number;
  /** Webhook target rules (SSRF): private targets allowed; https required (production). */
  webhooks: { allowPrivateTargets: boolean; httpsOnly: boolean };
  /** Staff single sign-on; undefined: off (only password sign-in). */
  oidc: OidcConfig | undefined;
};

export type OidcConfig = {
  issuer: string;
  clientId: string;
  clientSecret: string;
  /** Fixed callback URL; undefined: derived from each request's origin. */
  redirectUri: string | undefined;
  /** Allow an http:// issuer (development and tests). */
  allowHttp: boolean;
};

const OIDC_REQUIRED = ['OIDC_ISSUER', 'OIDC_CLIENT_ID', 'OIDC_CLIENT_SECRET'] as const;

/** Single sign-on is all or nothing: a half-configured provider stops start-up, not a sign-in. */
function checkOidc(e: z.infer<typeof envSchema>, ctx: z.RefinementCtx): void {
  const set = OIDC_REQUIRED.filter((name) => e[name] !== undefined);
  if (set.length > 0) {
    for (const name of OIDC_REQUIRED) {
      if (e[name] === undefined) {
        ctx.addIssue({ code: 'custom', path: [name], message: `required with ${set.join(', ')}` });
      }
    }
  }
  for (const name of ['OIDC_ISSUER', 'OIDC_REDIRECT_URI'] as const) {
    if (e[name]?.startsWith('http:') && !e.OIDC_ALLOW_HTTP) {
      ctx.addIssue({
        code: 'custom',
        path: [name],
        message: 'must be https:// (or set OIDC_ALLOW_HTTP in development)',
      });
    }
  }
  if (e.OIDC_ALLOW_HTTP && e.NODE_ENV === 'production') {
    ctx.addIssue({
      code: 'custom',
      path: ['OIDC_ALLOW_HTTP'],
      message: 'is not allowed with NODE_ENV=production',
    });
  }
}

export class ConfigError extends Error {
  readonly problems: string[];
  constructor(problems: string[]) {
    super(`Invalid configuration:\n${problems.map((p) => `  - ${p}`).join('\n')}`);
    this.name = 'ConfigError';
    this.problems = problems;
  }
}

export function loadConfig(env: NodeJS.ProcessEnv = process.env): Config {
  // Empty strings mean "not set": a shell `FOO=` should not fail validation for an optional value.
  const cleaned = Object.fromEntries(Object.entries(env).filter(([, v]) => v !== undefined && v !== ''));
  const parsed = envSchema.superRefine(checkOidc).safeParse(cleaned);
  if (!parsed.success) {
    const problems = parsed.error.issues.map((i) => {
      const name = i.path.join('.');
      // Echo the bad value to help the operator, except where it may hold a password.
      const secret = /URL|SECRET|PASSWORD|TOKEN/.test(name);
      const value = name in cleaned && !secret ? ` (got ${JSON.stringify(cleaned[name])})` : '';
      return `${name}: ${i.message}${value}`;
    });
    throw new ConfigError(problems);
  }
  const e = parsed.data;
  return {
    port: e.PORT,
    host: e.HOST,
    databaseUrl: e.DATABASE_URL,
    dataDir: e.CLAIMDESK_DATA_DIR.startsWith('memory://')
      ? e.CLAIMDESK_DATA_DIR
      : path.resolve(e.CLAIMDESK_DATA_DIR),
    logLevel: e.LOG_LEVEL,
    seedDemo: e.CLAIMDESK_SEED_DEMO,
    worker: e.CLAIMDESK_WORKER,
    sessionTtlHours: e.SESSION_TTL_HOURS,
    cookieSecure: e.COOKIE_SECURE,
    sessionIdleMinutes: e.SESSION_IDLE_MINUTES,
    trustProxy: e.CLAIMDESK_TRUST_PROXY ?? false,
    corsOrigins: e.CORS_ORIGINS ?? [],
    seComplaintDays: e.CLAIMDESK_SE_COMPLAINT_DAYS,
    documentsDir: e.CLAIMDESK_DOCUMENTS_DIR
      ? path.resolve(e.CLAIMDESK_DOCUMENTS_DIR)
      : e.CLAIMDESK_DATA_DIR.startsWith('memory://')
        ? path.join(os.tmpdir(), `claimdesk-documents-${process.pid}`)
        : path.join(path.resolve(e.CLAIMDESK_DATA_DIR), 'documents'),
    smtpIntake: {
      enabled: e.CLAIMDESK_SMTP_INTAKE ?? e.NODE_ENV !== 'production',
      explicit: e.CLAIMDESK_SMTP_INTAKE === true,
      host: e.CLAIMDESK_SMTP_INTAKE_HOST,
      port: e.CLAIMDESK_SMTP_INTAKE_PORT,
      maxBytes: e.CLAIMDESK_MAX_EMAIL_MB * 1024 * 1024,
    },
    imapUrl: e.CLAIMDESK_IMAP_URL,
    smtpUrl: e.CLAIMDESK_SMTP_URL,
    mailFrom: e.CLAIMDESK_MAIL_FROM,
    payments: e.CLAIMDESK_PAYMENTS ?? DEFAULT_PAYMENT_SETTINGS,
    env: e.NODE_ENV,
    metricsToken: e.CLAIMDESK_METRICS_TOKEN,
    shutdownGraceMs: e.CLAIMDESK_SHUTDOWN_GRACE_SECONDS * 1000,
    webhooks: {
      allowPrivateTargets: e.WEBHOOKS_ALLOW_PRIVATE_TARGETS ?? e.NODE_ENV !== 'production',
      httpsOnly: e.NODE_ENV === 'production',
    },
    oidc:
      e.OIDC_ISSUER && e.OIDC_CLIENT_ID && e.OIDC_CLIENT_SECRET
        ? {
            issuer: e.OIDC_ISSUER,
            clientId: e.OIDC_CLIENT_ID,
            clientSecret: e.OIDC_CLIENT_SECRET,
            redirectUri: e.OIDC_REDIRECT_URI,
            allowHttp: e.OIDC_ALLOW_HTTP,
          }
        : undefined,
  };
}

/** The configuration table in the README is generated from the same names; keep them in step. */
export const CONFIG_VARIABLES = Object.keys(envSchema.shape);
