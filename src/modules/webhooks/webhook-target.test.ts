import { describe, expect, it } from 'vitest';
import { checkWebhookUrl, isForbiddenAddress } from './webhook-target.ts';

const PROD = { allowPrivateTargets: false, httpsOnly: true };
const DEV = { allowPrivateTargets: true, httpsOnly: false };

describe('isForbiddenAddress', () => {
  it.each([
    '127.0.0.1',
    '127.1.2.3',
    '0.0.0.0',
    '10.1.2.3',
    '172.16.0.1',
    '172.31.255.255',
    '192.168.1.1',
    '169.254.169.254',
    '100.64.0.1',
    '::1',
    '::',
    'fe80::1',
    'fc00::1',
    'fd00:ec2::254',
    '::ffff:127.0.0.1',
    '::ffff:7f00:1',
    '::ffff:a9fe:a9fe',
    '[::1]',
    'fe80::1%eth0',
    'not-an-ip',
  ])('refuses %s', (address) => {
    expect(isForbiddenAddress(address)).toBe(true);
  });

  it.each(['93.184.215.14', '8.8.8.8', '172.32.0.1', '2606:4700::1111', '::ffff:8.8.8.8'])(
    'allows the public address %s',
    (address) => {
      expect(isForbiddenAddress(address)).toBe(false);
    },
  );
});

describe('checkWebhookUrl', () => {
  it('under production rules refuses http, credentials, private literals and internal names', () => {
    expect(checkWebhookUrl('http://hooks.example.com/x', PROD)?.code).toBe('https_required');
    expect(checkWebhookUrl('https://u:p@hooks.example.com/x', PROD)?.code).toBe('credentials_in_url');
    expect(checkWebhookUrl('https://127.0.0.1/x', PROD)?.code).toBe('private_target');
    expect(checkWebhookUrl('https://[::1]:8443/x', PROD)?.code).toBe('private_target');
    expect(checkWebhookUrl('https://169.254.169.254/latest/meta-data', PROD)?.code).toBe('private_target');
    expect(checkWebhookUrl('https://localhost/x', PROD)?.code).toBe('private_target');
    expect(checkWebhookUrl('https://metadata.google.internal/x', PROD)?.code).toBe('private_target');
    expect(checkWebhookUrl('https://intranet/x', PROD)?.code).toBe('private_target');
    expect(checkWebhookUrl('ftp://hooks.example.com/x', PROD)?.code).toBe('scheme_not_allowed');
    expect(checkWebhookUrl('nonsense', PROD)?.code).toBe('invalid_url');
  });

  it('allows public https targets in production and loopback http in development', () => {
    expect(checkWebhookUrl('https://hooks.example.com/claimdesk', PROD)).toBeNull();
    expect(checkWebhookUrl('https://93.184.215.14/hook', PROD)).toBeNull();
    expect(checkWebhookUrl('http://127.0.0.1:4000/hook', DEV)).toBeNull();
  });
});
