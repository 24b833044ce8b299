import { describe, expect, it } from 'vitest';
import { type Mailbox, parseImapUrl, pollMailbox } from './imap-poller.ts';

// The polling rules without an IMAP server (there is none in CI): an in-memory mailbox that
// records what the poller did. The imapflow adapter itself is not exercised here.

function memoryMailbox(messages: { uid: number; raw: string; size?: number }[]) {
  const seen = new Set<number>();
  const flagged = new Set<number>();
  const mailbox: Mailbox = {
    unseen: async () =>
      messages.filter((m) => !seen.has(m.uid)).map((m) => ({ uid: m.uid, size: m.size ?? m.raw.length })),
    download: async (uid) => Buffer.from(messages.find((m) => m.uid === uid)?.raw ?? ''),
    markSeen: async (uid) => {
      seen.add(uid);
    },
    flagTooLarge: async (uid) => {
      seen.add(uid);
      flagged.add(uid);
    },
  };
  return { mailbox, seen, flagged };
}

describe('pollMailbox', () => {
  it('ingests unseen messages oldest first and marks each seen only after the intake succeeded', async () => {
    const { mailbox, seen } = memoryMailbox([
      { uid: 7, raw: 'seven' },
      { uid: 3, raw: 'three' },
      { uid: 5, raw: 'boom' },
    ]);
    const ingested: string[] = [];
    const result = await pollMailbox({
      mailbox,
      maxBytes: 1000,
      ingest: async (raw) => {
        ingested.push(raw.toString());
        if (raw.toString() === 'boom') throw new Error('database down');
        return { duplicate: raw.toString() === 'seven' };
      },
    });
    expect(ingested).toEqual(['three', 'boom', 'seven']);
    expect(result).toEqual({ received: 1, duplicates: 1, tooLarge: 0, failed: 1 });
    expect([...seen].sort()).toEqual([3, 7]);

    // The failed one is still unseen, so the next poll delivers it again.
    const again = await pollMailbox({ mailbox, maxBytes: 1000, ingest: async () => ({ duplicate: false }) });
    expect(again).toEqual({ received: 1, duplicates: 0, tooLarge: 0, failed: 0 });
    expect([...seen].sort()).toEqual([3, 5, 7]);
  });

  it('does not download a message over the size limit: it is flagged for a person', async () => {
    const { mailbox, flagged } = memoryMailbox([{ uid: 1, raw: 'x', size: 5_000 }]);
    let calls = 0;
    const result = await pollMailbox({
      mailbox,
      maxBytes: 1_000,
      ingest: async () => {
        calls++;
        return { duplicate: false };
      },
    });
    expect(calls).toBe(0);
    expect(result.tooLarge).toBe(1);
    expect([...flagged]).toEqual([1]);
  });

  it('takes at most a batch per poll', async () => {
    const { mailbox } = memoryMailbox(Array.from({ length: 5 }, (_, i) => ({ uid: i + 1, raw: `m${i}` })));
    const result = await pollMailbox({
      mailbox,
      maxBytes: 100,
      batch: 2,
      ingest: async () => ({ duplicate: false }),
    });
    expect(result.received).toBe(2);
  });
});

describe('parseImapUrl', () => {
  it('reads host, port, folder and URL-encoded credentials', () => {
    expect(parseImapUrl('imaps://claims%40example.se:p%40ss%2Fword@imap.example.se/Skador%2F2026')).toEqual({
      secure: true,
      host: 'imap.example.se',
      port: 993,
      user: 'claims@example.se',
      password: 'p@ss/word',
      mailbox: 'Skador/2026',
    });
    expect(parseImapUrl('imap://u:p@localhost:1143')).toMatchObject({
      secure: false,
      port: 1143,
      mailbox: 'INBOX',
    });
  });

  it('refuses URLs without a user or of another scheme', () => {
    expect(() => parseImapUrl('imaps://imap.example.se/INBOX')).toThrow(/user/);
    expect(() => parseImapUrl('https://u:p@x')).toThrow(/imap/);
  });
});
