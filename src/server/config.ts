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
};

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
  const parsed = envSchema.safeParse(cleaned);
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
  };
}

/** The configuration table in the README is generated from the same names; keep them in step. */
export const CONFIG_VARIABLES = Object.keys(envSchema.shape);
