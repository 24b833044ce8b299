import type { AddressInfo } from 'node:net';
import type { Kysely } from 'kysely';
import { SMTPServer, type SMTPServerDataStream, type SMTPServerSession } from 'smtp-server';
import type { DB } from '../../db/schema.ts';
import { type ReceivedEmail, receiveEmail } from './receive-email.ts';

// The SMTP intake: a small SMTP server (smtp-server) that takes mail for the claims desk and
// hands each message to receiveEmail. It answers 250 only after the message is committed; any
// failure before that is a 451 (temporary), so the sending server keeps the message and retries,
// and a retry of a committed message is recognised by its Message-ID. Messages over the size
// limit are refused with 552 both when announced (MAIL FROM … SIZE=) and while streaming (what
// was read is dropped, nothing is stored).
//
// No authentication and no TLS: it is meant to listen on loopback behind the organisation's mail
// server (which does spam and virus filtering, TLS and authentication) or to be fed by a local
// relay. Listening on another interface must be asked for explicitly (CLAIMDESK_SMTP_INTAKE=true).

export type SmtpIntakeLog = {
  info: (obj: object, msg: string) => void;
  warn: (obj: object, msg: string) => void;
  error: (obj: object, msg: string) => void;
};

export type SmtpIntake = { host: string; port: number; close: () => Promise<void> };

export type SmtpIntakeOptions = {
  db: Kysely<DB>;
  host: string;
  /** 0: any free port (tests); the chosen one is in the result. */
  port: number;
  maxBytes: number;
  /** Listening on a non-loopback address without this is refused (no auth, no TLS). */
  allowNonLoopback?: boolean;
  log?: SmtpIntakeLog;
  /** Called after each message is committed (tests, benchmarks). */
  onReceived?: (result: ReceivedEmail) => void;
  maxClients?: number;
};

export function isLoopbackHost(host: string): boolean {
  const h = host
    .trim()
    .toLowerCase()
    .replace(/^\[|\]$/g, '');
  return h === 'localhost' || h === '::1' || /^127(?:\.\d{1,3}){3}$/.test(h);
}

type SmtpError = Error & { responseCode?: number };

function smtpError(code: number, message: string): SmtpError {
  const err: SmtpError = new Error(message);
  err.responseCode = code;
  return err;
}

const SILENT: SmtpIntakeLog = { info: () => {}, warn: () => {}, error: () => {} };

export async function startSmtpIntake(opts: SmtpIntakeOptions): Promise<SmtpIntake> {
  if (!isLoopbackHost(opts.host) && !opts.allowNonLoopback) {
    throw new Error(
      `The SMTP intake has no authentication and no TLS: it listens on loopback only. To listen on ${opts.host}, ` +
        'set CLAIMDESK_SMTP_INTAKE=true explicitly (and put it behind a mail server that filters and authenticates).',
    );
  }
  const log = opts.log ?? SILENT;
  const server = new SMTPServer({
    name: 'claimdesk-intake',
    banner: 'Claimdesk email intake',
    authOptional: true,
    disabledCommands: ['AUTH', 'STARTTLS'],
    size: opts.maxBytes,
    maxClients: opts.maxClients ?? 50,
    logger: false,
    onData(
      stream: SMTPServerDataStream,
      session: SMTPServerSession,
      callback: (err?: Error | null, message?: string) => void,
    ) {
      const chunks: Buffer[] = [];
      let bytes = 0;
      stream.on('data', (chunk: Buffer) => {
        bytes += chunk.length;
        // Past the limit, keep reading (the client must finish DATA) but keep nothing.
        if (bytes <= opts.maxBytes) chunks.push(chunk);
      });
      stream.on('error', (err: Error) =>
        callback(smtpError(451, `Error reading the message: ${err.message}`)),
      );
      stream.on('end', () => {
        if (stream.sizeExceeded || bytes > opts.maxBytes) {
          log.warn({ bytes, maxBytes: opts.maxBytes }, 'email refused: over the size limit');
          callback(smtpError(552, `Message exceeds the maximum size of ${opts.maxBytes} bytes`));
          return;
        }
        const envelope = {
          mailFrom: session.envelope.mailFrom ? session.envelope.mailFrom.address.toLowerCase() : null,
          rcptTo: session.envelope.rcptTo.map((r) => r.address.toLowerCase()),
          remoteAddress: session.remoteAddress ?? null,
        };
        receiveEmail({ db: opts.db, raw: Buffer.concat(chunks), envelope, source: 'smtp' }).then(
          (result) => {
            log.info(
              {
                inboundMessageId: result.id,
                status: result.status,
                duplicate: result.duplicate,
                rule: result.matchRule,
              },
              'email received',
            );
            opts.onReceived?.(result);
            callback(null, `Stored as ${result.id}${result.duplicate ? ' (already received)' : ''}`);
          },
          (err: unknown) => {
            log.error({ err }, 'email intake failed; the sender will retry');
            callback(smtpError(451, 'Temporary failure storing the message; please retry'));
          },
        );
      });
    },
  });
  server.on('error', (err: Error) => log.error({ err }, 'SMTP intake error'));
  await new Promise<void>((resolve, reject) => {
    server.server.once('error', reject);
    server.listen(opts.port, opts.host, () => {
      server.server.off('error', reject);
      resolve();
    });
  });
  const address = server.server.address() as AddressInfo;
  log.info({ host: opts.host, port: address.port, maxBytes: opts.maxBytes }, 'SMTP intake listening');
  return {
    host: opts.host,
    port: address.port,
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}
