import nodemailer, { type Transporter } from 'nodemailer';

// Email out through SMTP (nodemailer). One transport per SMTP URL for the life of the process.
// The timeouts are short because a send runs inside the delivery job's transaction: a mail server
// that does not answer must not hold a database session (on PGlite, the only one) for minutes.

export type MailSettings = {
  /** smtp:// or smtps:// URL; undefined: email waits in the local outbox. */
  smtpUrl: string | undefined;
  /** The From address, e.g. 'Claimdesk <claims@claimdesk.example>'. */
  mailFrom: string;
};

export type OutgoingEmail = {
  messageId: string;
  to: { name: string; address: string };
  subject: string;
  text: string;
  headers: Record<string, string>;
  attachments: { filename: string; content: Uint8Array; contentType: string }[];
};

const transports = new Map<string, Transporter>();

function transportFor(smtpUrl: string): Transporter {
  let transport = transports.get(smtpUrl);
  if (!transport) {
    transport = nodemailer.createTransport(smtpUrl, {}) as Transporter;
    transport.set('connectionTimeout', 10_000);
    transports.set(smtpUrl, transport);
  }
  return transport;
}

/** Sends one message; throws when the server refuses it or cannot be reached. */
export async function sendEmail(
  settings: MailSettings & { smtpUrl: string },
  email: OutgoingEmail,
): Promise<void> {
  const transport = transportFor(settings.smtpUrl);
  await transport.sendMail({
    from: settings.mailFrom,
    to: { name: email.to.name, address: email.to.address },
    subject: email.subject,
    text: email.text,
    // Ours, not the server's: replies carry it in In-Reply-To, and the intake threads them by it.
    messageId: email.messageId,
    headers: email.headers,
    attachments: email.attachments.map((a) => ({
      filename: a.filename,
      content: Buffer.from(a.content.buffer, a.content.byteOffset, a.content.byteLength),
      contentType: a.contentType,
    })),
  });
}

/** Message-ID for a delivery: stable, so a resend after a crash carries the same one. */
export function messageIdFor(deliveryId: string, mailFrom: string): string {
  const domain = /@([^>\s]+)>?\s*$/.exec(mailFrom)?.[1] ?? 'claimdesk.invalid';
  return `<delivery.${deliveryId}@${domain}>`;
}
