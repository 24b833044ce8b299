import type { Kysely } from 'kysely';
import type { DB } from '../../db/schema.ts';
import { receiveEmail } from './receive-email.ts';

// The IMAP poller: for a real mailbox (CLAIMDESK_IMAP_URL), every minute it reads the unseen
// messages of the folder, feeds each through the same intake as the SMTP server (receiveEmail),
// and marks it \Seen only after the intake committed. A crash in between leaves it unseen, and
// the next poll delivers it again, which the Message-ID makes harmless. A message over the size
// limit is not downloaded: it is flagged (\Flagged, \Seen) for a person to look at in the mailbox.
//
// The mailbox is behind a small interface so the polling rules are tested without a server; the
// imapflow adapter below is the only code that talks IMAP (there is no IMAP server in CI).

export type ImapSettings = {
  secure: boolean;
  host: string;
  port: number;
  user: string;
  password: string;
  mailbox: string;
};

/** imaps://user:password@host[:port][/Folder] → settings (user and password URL-decoded). */
export function parseImapUrl(url: string): ImapSettings {
  const u = new URL(url);
  if (u.protocol !== 'imap:' && u.protocol !== 'imaps:')
    throw new Error('CLAIMDESK_IMAP_URL must be imap:// or imaps://');
  if (!u.hostname) throw new Error('CLAIMDESK_IMAP_URL has no host');
  if (!u.username) throw new Error('CLAIMDESK_IMAP_URL has no user name');
  const secure = u.protocol === 'imaps:';
  const mailbox = decodeURIComponent(u.pathname.replace(/^\/+/, '')) || 'INBOX';
  return {
    secure,
    host: u.hostname,
    port: u.port ? Number(u.port) : secure ? 993 : 143,
    user: decodeURIComponent(u.username),
    password: decodeURIComponent(u.password),
    mailbox,
  };
}

export type MailboxMessage = { uid: number; size: number };

/** What a poll needs from a mailbox (one session, the folder selected). */
export type Mailbox = {
  unseen(): Promise<MailboxMessage[]>;
  download(uid: number): Promise<Buffer>;
  markSeen(uid: number): Promise<void>;
  flagTooLarge(uid: number): Promise<void>;
};

export type PollResult = { received: number; duplicates: number; tooLarge: number; failed: number };

export type PollLog = { warn: (obj: object, msg: string) => void; error: (obj: object, msg: string) => void };

/**
 * One poll: each unseen message (oldest first, at most `batch`) through `ingest`, then \Seen. A
 * message whose intake fails stays unseen and is tried again at the next poll.
 */
export async function pollMailbox(opts: {
  mailbox: Mailbox;
  ingest: (raw: Buffer) => Promise<{ duplicate: boolean }>;
  maxBytes: number;
  batch?: number;
  log?: PollLog;
}): Promise<PollResult> {
  const result: PollResult = { received: 0, duplicates: 0, tooLarge: 0, failed: 0 };
  const unseen = (await opts.mailbox.unseen()).sort((a, b) => a.uid - b.uid).slice(0, opts.batch ?? 100);
  for (const m of unseen) {
    if (m.size > opts.maxBytes) {
      opts.log?.warn(
        { uid: m.uid, size: m.size, maxBytes: opts.maxBytes },
        'IMAP message over the size limit: flagged',
      );
      await opts.mailbox.flagTooLarge(m.uid);
      result.tooLarge++;
      continue;
    }
    try {
      const raw = await opts.mailbox.download(m.uid);
      const stored = await opts.ingest(raw);
      await opts.mailbox.markSeen(m.uid);
      if (stored.duplicate) result.duplicates++;
      else result.received++;
    } catch (err) {
      opts.log?.error({ err, uid: m.uid }, 'IMAP message intake failed; it stays unseen for the next poll');
      result.failed++;
    }
  }
  return result;
}

/** A Mailbox over an imapflow session with the folder locked. */
async function withImapMailbox<T>(
  settings: ImapSettings,
  work: (mailbox: Mailbox) => Promise<T>,
): Promise<T> {
  const { ImapFlow } = await import('imapflow');
  const client = new ImapFlow({
    host: settings.host,
    port: settings.port,
    secure: settings.secure,
    auth: { user: settings.user, pass: settings.password },
    logger: false,
  });
  await client.connect();
  try {
    const lock = await client.getMailboxLock(settings.mailbox);
    try {
      return await work({
        async unseen() {
          const found: MailboxMessage[] = [];
          // imapflow forbids other commands while a fetch is iterated: collect first, then act.
          for await (const msg of client.fetch({ seen: false }, { uid: true, size: true }, { uid: true })) {
            found.push({ uid: msg.uid, size: msg.size ?? 0 });
          }
          return found;
        },
        async download(uid) {
          const msg = await client.fetchOne(String(uid), { source: true }, { uid: true });
          const source = msg ? msg.source : undefined;
          if (!source) throw new Error(`IMAP message ${uid} has no source`);
          return source;
        },
        async markSeen(uid) {
          await client.messageFlagsAdd(String(uid), ['\\Seen'], { uid: true });
        },
        async flagTooLarge(uid) {
          await client.messageFlagsAdd(String(uid), ['\\Seen', '\\Flagged'], { uid: true });
        },
      });
    } finally {
      lock.release();
    }
  } finally {
    await client.logout().catch(() => undefined);
  }
}

export type ImapPoller = { pollNow: () => Promise<PollResult | null>; stop: () => Promise<void> };

/** Polls every `intervalMs` (default 60 s), never two polls at once; stop() waits for the current one. */
export function startImapPoller(opts: {
  db: Kysely<DB>;
  url: string;
  maxBytes: number;
  intervalMs?: number;
  log?: PollLog & { info: (obj: object, msg: string) => void };
}): ImapPoller {
  const settings = parseImapUrl(opts.url);
  let running: Promise<PollResult | null> | null = null;
  let stopped = false;
  const pollNow = (): Promise<PollResult | null> => {
    if (stopped) return Promise.resolve(null);
    running ??= withImapMailbox(settings, (mailbox) =>
      pollMailbox({
        mailbox,
        maxBytes: opts.maxBytes,
        ingest: (raw) => receiveEmail({ db: opts.db, raw, source: 'imap' }),
        ...(opts.log ? { log: opts.log } : {}),
      }),
    )
      .then((r) => {
        if (r.received + r.duplicates + r.tooLarge + r.failed > 0) opts.log?.info({ ...r }, 'IMAP poll');
        return r;
      })
      .catch((err: unknown) => {
        // The password never reaches the log: only host, user and folder.
        opts.log?.error(
          { err, host: settings.host, user: settings.user, mailbox: settings.mailbox },
          'IMAP poll failed',
        );
        return null;
      })
      .finally(() => {
        running = null;
      });
    return running;
  };
  const timer = setInterval(() => void pollNow(), opts.intervalMs ?? 60_000);
  timer.unref();
  setTimeout(() => void pollNow(), 1_000).unref();
  return {
    pollNow,
    async stop() {
      stopped = true;
      clearInterval(timer);
      await running;
    },
  };
}
