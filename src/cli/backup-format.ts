// What kind of backup a file is, from its first bytes (no I/O here): `claimdesk restore` must
// refuse a wrong or foreign file before it touches the target database.

export type BackupFormat = 'postgres' | 'pglite';

/** pg_dump --format=custom files start with "PGDMP". */
const PG_CUSTOM_MAGIC = [0x50, 0x47, 0x44, 0x4d, 0x50];
/** PGlite's dumpDataDir('gzip') is a gzip-compressed tar of the data directory. */
const GZIP_MAGIC = [0x1f, 0x8b];

export function detectBackupFormat(head: Uint8Array): BackupFormat | undefined {
  const startsWith = (magic: number[]) => magic.every((b, i) => head[i] === b);
  if (startsWith(PG_CUSTOM_MAGIC)) return 'postgres';
  if (startsWith(GZIP_MAGIC)) return 'pglite';
  return undefined;
}

export const FORMAT_NAMES: Record<BackupFormat, string> = {
  postgres: 'a PostgreSQL backup (pg_dump custom format)',
  pglite: 'an embedded-database (PGlite) backup',
};

/** Newest major version first: a newer pg_dump reads older servers, never the reverse. */
export function newestFirst(versionDirs: readonly string[]): string[] {
  return [...versionDirs].sort((a, b) => Number.parseFloat(b) - Number.parseFloat(a));
}

/** The URL without its password (which goes to the child in PGPASSWORD, not its command line). */
export function splitPassword(url: string): { url: string; password: string | undefined } {
  const u = new URL(url);
  const password = u.password ? decodeURIComponent(u.password) : undefined;
  u.password = '';
  return { url: u.toString(), password };
}
