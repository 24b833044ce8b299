import { createHash } from 'node:crypto';
import { type AddressObject, simpleParser } from 'mailparser';
import type { AttachmentIn } from './attachment-policy.ts';
import { canonicalMessageId } from './match-message.ts';
import { headerSection, headerValue, mimeProblem } from './mime-problems.ts';

// A raw RFC 5322 message → what the intake needs, with mailparser (MIME structure, transfer
// encodings, RFC 2047 encoded words such as =?UTF-8?Q?Skadeanm=C3=A4lan?=, charsets). Every
// message gets a Message-ID: its own, or one derived from the SHA-256 of its bytes (the same
// bytes delivered twice are then still one message).

export type ParsedEmail = {
  messageId: string;
  messageIdDerived: boolean;
  from: string | null;
  to: string[];
  subject: string | null;
  text: string | null;
  inReplyTo: string | null;
  references: string[];
  attachments: AttachmentIn[];
};

export type MalformedEmail = {
  messageId: string;
  messageIdDerived: boolean;
  reason: string;
  from: string | null;
  subject: string | null;
  /** The first KB of the message as text, for a person to see what it was. */
  preview: string;
};

export type ParseOutcome = { ok: true; email: ParsedEmail } | { ok: false; malformed: MalformedEmail };

/** Longest body text stored on the message; the full original is what the sender keeps. */
export const MAX_BODY_CHARS = 100_000;
const PREVIEW_BYTES = 1024;

export function derivedMessageId(raw: Uint8Array): string {
  return `<${createHash('sha256').update(raw).digest('hex')}@sha256.claimdesk.invalid>`;
}

export async function parseEmail(raw: Buffer): Promise<ParseOutcome> {
  const binary = raw.toString('latin1');
  const headers = headerSection(binary);
  const ownId = canonicalMessageId(headerValue(headers, 'message-id'));
  const messageId = ownId ?? derivedMessageId(raw);
  const problem = mimeProblem(binary);
  if (problem) return { ok: false, malformed: malformed(raw, headers, messageId, !ownId, problem) };
  let parsed: Awaited<ReturnType<typeof simpleParser>>;
  try {
    parsed = await simpleParser(raw, { skipHtmlToText: false, skipTextToHtml: true, skipImageLinks: true });
  } catch (err) {
    const reason = `The message could not be parsed: ${err instanceof Error ? err.message : String(err)}`;
    return { ok: false, malformed: malformed(raw, headers, messageId, !ownId, reason) };
  }
  const text = parsed.text ?? (typeof parsed.html === 'string' ? stripTags(parsed.html) : null);
  return {
    ok: true,
    email: {
      messageId,
      messageIdDerived: !ownId,
      from: firstAddress(parsed.from),
      to: addresses(parsed.to),
      // PostgreSQL text cannot hold NUL, which a hostile or broken message may contain.
      subject: parsed.subject?.replace(/\0/g, '').trim().slice(0, 1000) || null,
      text: text ? text.replace(/\0/g, '').slice(0, MAX_BODY_CHARS) : null,
      inReplyTo: canonicalMessageId(parsed.inReplyTo),
      references: (Array.isArray(parsed.references)
        ? parsed.references
        : parsed.references
          ? [parsed.references]
          : []
      )
        .flatMap((r) => r.split(/\s+/))
        .map(canonicalMessageId)
        .filter((r): r is string => r !== null),
      attachments: parsed.attachments.map((a) => ({
        filename: a.filename ?? null,
        contentType: a.contentType ?? null,
        content: new Uint8Array(a.content.buffer, a.content.byteOffset, a.content.byteLength),
      })),
    },
  };
}

function malformed(
  raw: Buffer,
  headers: string,
  messageId: string,
  derived: boolean,
  reason: string,
): MalformedEmail {
  const from = headerValue(headers, 'from');
  return {
    messageId,
    messageIdDerived: derived,
    reason,
    from: from ? (/<([^>]+)>/.exec(from)?.[1] ?? from).trim().slice(0, 320) : null,
    subject: headerValue(headers, 'subject')?.slice(0, 500) ?? null,
    preview: new TextDecoder('utf-8', { fatal: false })
      .decode(raw.subarray(0, PREVIEW_BYTES))
      .replace(/\0/g, ''),
  };
}

function addresses(field: AddressObject | AddressObject[] | undefined): string[] {
  const list = Array.isArray(field) ? field : field ? [field] : [];
  const out: string[] = [];
  const walk = (entries: AddressObject['value']) => {
    for (const e of entries) {
      if (e.address) out.push(e.address.toLowerCase());
      if (e.group) walk(e.group);
    }
  };
  for (const f of list) walk(f.value);
  return [...new Set(out)];
}

function firstAddress(field: AddressObject | AddressObject[] | undefined): string | null {
  return addresses(field)[0] ?? null;
}

function stripTags(html: string): string {
  return html
    .replace(/<(script|style)[\s\S]*?<\/\1>/gi, ' ')
    .replace(/<[^>]+>/g, ' ')
    .replace(/&nbsp;/g, ' ')
    .replace(/\s+/g, ' ')
    .trim();
}
