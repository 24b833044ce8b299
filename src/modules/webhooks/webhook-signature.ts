import { createHmac, randomBytes, timingSafeEqual } from 'node:crypto';

// `Claimdesk-Signature: t=<unix seconds>,v1=<hex HMAC-SHA256(secret, "<t>.<body>")>` — the
// timestamp is signed with the body, so a captured request cannot be replayed later than the
// receiver's tolerance (docs/webhooks.md shows the receiver's side).

export const SIGNATURE_HEADER = 'claimdesk-signature';
export const EVENT_ID_HEADER = 'claimdesk-event-id';
export const EVENT_KIND_HEADER = 'claimdesk-event';
export const DELIVERY_ID_HEADER = 'claimdesk-delivery-id';

/** 32 random bytes, prefixed so a leaked one is recognisable in logs and scanners. */
export function generateWebhookSecret(): string {
  return `whsec_${randomBytes(32).toString('base64url')}`;
}

export function signatureOf(secret: string, unixSeconds: number, body: string): string {
  const mac = createHmac('sha256', secret).update(`${unixSeconds}.${body}`).digest('hex');
  return `t=${unixSeconds},v1=${mac}`;
}

export type SignatureVerdict = { ok: true } | { ok: false; reason: string };

/** The receiver's check: a v1 signature matches and the timestamp is within `toleranceSeconds`. */
export function verifySignature(opts: {
  header: string | undefined;
  secret: string;
  body: string;
  nowSeconds: number;
  toleranceSeconds?: number;
}): SignatureVerdict {
  if (!opts.header) return { ok: false, reason: 'no signature header' };
  const parts = opts.header.split(',').map((p) => p.trim().split('=', 2) as [string, string?]);
  const t = Number(parts.find(([k]) => k === 't')?.[1]);
  const signatures = parts.filter(([k]) => k === 'v1').map(([, v]) => v ?? '');
  if (!Number.isInteger(t) || signatures.length === 0) return { ok: false, reason: 'malformed header' };
  if (Math.abs(opts.nowSeconds - t) > (opts.toleranceSeconds ?? 300)) {
    return { ok: false, reason: 'timestamp outside the tolerance' };
  }
  const expected = Buffer.from(signatureOf(opts.secret, t, opts.body).split('v1=')[1] as string, 'hex');
  const match = signatures.some((s) => {
    const given = Buffer.from(s, 'hex');
    return given.length === expected.length && timingSafeEqual(given, expected);
  });
  return match ? { ok: true } : { ok: false, reason: 'signature mismatch' };
}
