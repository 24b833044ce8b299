import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { ConfigError, loadConfig } from './config.ts';

describe('loadConfig', () => {
  it('has defaults that run the embedded database on loopback', () => {
    const c = loadConfig({});
    expect(c).toMatchObject({
      port: 3000,
      host: '127.0.0.1',
      databaseUrl: undefined,
      seedDemo: true,
      worker: true,
      logLevel: 'info',
    });
    expect(c.dataDir).toBe(path.resolve('./data'));
  });

  it('reads every variable', () => {
    const c = loadConfig({
      PORT: '8080',
      HOST: '0.0.0.0',
      DATABASE_URL: 'postgres://u@db/claimdesk',
      CLAIMDESK_DATA_DIR: 'memory://',
      CLAIMDESK_SEED_DEMO: 'false',
      CLAIMDESK_WORKER: 'no',
      LOG_LEVEL: 'warn',
      SESSION_TTL_HOURS: '8',
      COOKIE_SECURE: 'true',
      CLAIMDESK_SE_COMPLAINT_DAYS: '21',
      NODE_ENV: 'production',
    });
    expect(c).toMatchObject({
      port: 8080,
      host: '0.0.0.0',
      databaseUrl: 'postgres://u@db/claimdesk',
      dataDir: 'memory://',
      seedDemo: false,
      worker: false,
      logLevel: 'warn',
      sessionTtlHours: 8,
      cookieSecure: true,
      seComplaintDays: 21,
      env: 'production',
    });
  });

  it('lists every bad value at once, and never echoes a URL that may hold a password', () => {
    let error: unknown;
    try {
      loadConfig({
        PORT: 'eighty',
        LOG_LEVEL: 'loud',
        DATABASE_URL: 'mysql://root:secret@x/db',
        COOKIE_SECURE: 'maybe',
      });
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(ConfigError);
    const problems = (error as ConfigError).problems;
    expect(problems.map((p) => p.split(':')[0]).sort()).toEqual([
      'COOKIE_SECURE',
      'DATABASE_URL',
      'LOG_LEVEL',
      'PORT',
    ]);
    expect(problems.join('\n')).not.toContain('secret');
    expect(problems.find((p) => p.startsWith('PORT'))).toContain('"eighty"');
  });

  it('answers Swedish complaints in 14 days unless configured, within 1–90 whole days', () => {
    expect(loadConfig({}).seComplaintDays).toBe(14);
    for (const bad of ['0', '91', '7.5', 'two weeks']) {
      expect(() => loadConfig({ CLAIMDESK_SE_COMPLAINT_DAYS: bad })).toThrow(ConfigError);
    }
    try {
      loadConfig({ CLAIMDESK_SE_COMPLAINT_DAYS: '120', PORT: 'x' });
    } catch (e) {
      expect((e as ConfigError).problems.map((p) => p.split(':')[0]).sort()).toEqual([
        'CLAIMDESK_SE_COMPLAINT_DAYS',
        'PORT',
      ]);
    }
  });

  it('treats an empty variable as unset', () => {
    expect(loadConfig({ PORT: '', DATABASE_URL: '' })).toMatchObject({ port: 3000, databaseUrl: undefined });
  });

  it('reads the payment settings as one JSON document and names each bad field', () => {
    expect(loadConfig({}).payments.currencies.SEK?.debtor.iban).toBe('SE4550000000058398257466');
    const settings = {
      currencies: {
        SEK: {
          debtor: { name: 'Test AB', iban: 'SE4550000000058398257466', bic: null },
          singleApprovalLimitMinor: 1_000,
          batchApprovalLimitMinor: 5_000,
        },
      },
      accountChangeHoldDays: 10,
      delayWarningBankingDays: 1,
      delayCaseBankingDays: 3,
    };
    const loaded = loadConfig({ CLAIMDESK_PAYMENTS: JSON.stringify(settings) }).payments;
    expect(loaded).toEqual(settings);
    expect(() => loadConfig({ CLAIMDESK_PAYMENTS: '{not json' })).toThrow(
      /CLAIMDESK_PAYMENTS: must be a JSON document/,
    );
    const wrong = { ...settings, delayCaseBankingDays: 1, extra: true };
    const error = (() => {
      try {
        loadConfig({ CLAIMDESK_PAYMENTS: JSON.stringify(wrong) });
      } catch (e) {
        return e as ConfigError;
      }
      return null;
    })();
    expect(error).toBeInstanceOf(ConfigError);
    expect(error?.problems.join('\n')).toMatch(/CLAIMDESK_PAYMENTS/);
    expect(error?.problems.join('\n')).toMatch(/extra|delayCaseBankingDays/);
  });
});
