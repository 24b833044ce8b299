import type { Kysely } from 'kysely';
import { describe, expect, it } from 'vitest';
import type { DB } from '../../db/schema.ts';
import { isLoopbackHost, startSmtpIntake } from './smtp-intake.ts';

describe('the SMTP intake listens on loopback unless asked otherwise', () => {
  it.each([
    ['127.0.0.1', true],
    ['127.1.2.3', true],
    ['localhost', true],
    ['::1', true],
    ['[::1]', true],
    ['0.0.0.0', false],
    ['::', false],
    ['192.168.1.10', false],
    ['mail.example.se', false],
  ])('%s is loopback: %s', (host, loopback) => {
    expect(isLoopbackHost(host)).toBe(loopback);
  });

  it('refuses a non-loopback address without the explicit setting, before listening', async () => {
    // No database is touched: the refusal comes first.
    const db = {} as Kysely<DB>;
    await expect(startSmtpIntake({ db, host: '0.0.0.0', port: 0, maxBytes: 1024 })).rejects.toThrow(
      /CLAIMDESK_SMTP_INTAKE=true/,
    );
  });
});
