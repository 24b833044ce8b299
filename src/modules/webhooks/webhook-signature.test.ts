import { describe, expect, it } from 'vitest';
import { generateWebhookSecret, signatureOf, verifySignature } from './webhook-signature.ts';

describe('webhook signatures', () => {
  const secret = generateWebhookSecret();
  const body = '{"id":"e1","type":"claim.registered"}';
  const t = 1_790_000_000;

  it('signs "<t>.<body>" with HMAC-SHA256, hex', () => {
    // Known answer, computed independently: printf '1790000000.{}' | openssl dgst -sha256 -hmac k
    expect(signatureOf('k', t, '{}')).toBe(
      't=1790000000,v1=d60b033fc3709a5047203b501bd57fde2e3a2b8c29c7f98f9361b9fbc125835f',
    );
    expect(signatureOf(secret, t, body)).toMatch(/^t=1790000000,v1=[0-9a-f]{64}$/);
  });

  it('verifies its own signature and refuses a tampered body, another secret or an old timestamp', () => {
    const header = signatureOf(secret, t, body);
    expect(verifySignature({ header, secret, body, nowSeconds: t + 10 })).toEqual({ ok: true });
    expect(verifySignature({ header, secret, body: body.replace('e1', 'e2'), nowSeconds: t }).ok).toBe(false);
    expect(verifySignature({ header, secret: generateWebhookSecret(), body, nowSeconds: t }).ok).toBe(false);
    expect(verifySignature({ header, secret, body, nowSeconds: t + 3600 })).toEqual({
      ok: false,
      reason: 'timestamp outside the tolerance',
    });
    expect(verifySignature({ header: 'garbage', secret, body, nowSeconds: t }).ok).toBe(false);
    expect(verifySignature({ header: undefined, secret, body, nowSeconds: t }).ok).toBe(false);
  });
});
