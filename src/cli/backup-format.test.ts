import { describe, expect, it } from 'vitest';
import { detectBackupFormat, newestFirst, splitPassword } from './backup-format.ts';

describe('detectBackupFormat', () => {
  it('knows a pg_dump custom-format file and a gzip archive by their first bytes', () => {
    expect(detectBackupFormat(new TextEncoder().encode('PGDMP\x01\x0e'))).toBe('postgres');
    expect(detectBackupFormat(new Uint8Array([0x1f, 0x8b, 8, 0]))).toBe('pglite');
  });

  it('refuses anything else, including empty and one-byte files', () => {
    expect(detectBackupFormat(new TextEncoder().encode('-- PostgreSQL database dump'))).toBeUndefined();
    expect(detectBackupFormat(new Uint8Array([]))).toBeUndefined();
    expect(detectBackupFormat(new Uint8Array([0x1f]))).toBeUndefined();
  });
});

describe('newestFirst', () => {
  it('orders PostgreSQL major versions numerically, not as text', () => {
    expect(newestFirst(['9.6', '15', '17', '10'])).toEqual(['17', '15', '10', '9.6']);
  });
});

describe('splitPassword', () => {
  it('takes the password out of the URL (it goes to PGPASSWORD, never the command line)', () => {
    expect(splitPassword('postgres://app:s%40cret@db:5432/claimdesk?sslmode=require')).toEqual({
      url: 'postgres://app@db:5432/claimdesk?sslmode=require',
      password: 's@cret',
    });
    expect(splitPassword('postgres://postgres@127.0.0.1:55432/x')).toEqual({
      url: 'postgres://postgres@127.0.0.1:55432/x',
      password: undefined,
    });
  });
});
