import { execFileSync, spawnSync } from 'node:child_process';
import { chmodSync, chownSync, existsSync, mkdtempSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';

// A throw-away PostgreSQL server for the end-to-end benchmark (and for running the integration
// tests against PostgreSQL by hand): a fresh cluster in a temp directory, listening on a free
// loopback port only, trust authentication, stopped and deleted on stop() or process exit.
//
// Durability is OFF (fsync=off, synchronous_commit=off, full_page_writes=off): this measures the
// work the database does for our rows, not the disk's flush latency, and the server's files are
// deleted afterwards anyway. Both sides of every comparison run on the same server and settings.

export const PG_BIN = process.env.CLAIMDESK_PG_BIN ?? '/usr/lib/postgresql/15/bin';

export type ThrowawayPostgres = {
  url: (database?: string) => string;
  port: number;
  dir: string;
  stop(): void;
};

/** initdb refuses to run as root: run the server binaries as the `postgres` user when we are root. */
function asPostgres(binary: string, args: string[]): [string, string[]] {
  const bin = path.join(PG_BIN, binary);
  return process.getuid?.() === 0 ? ['runuser', ['-u', 'postgres', '--', bin, ...args]] : [bin, args];
}

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.unref();
    server.on('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      server.close(() =>
        typeof address === 'object' && address ? resolve(address.port) : reject(new Error('no port')),
      );
    });
  });
}

export async function startThrowawayPostgres(
  opts: { sharedBuffers?: string; log?: (line: string) => void } = {},
): Promise<ThrowawayPostgres> {
  if (!existsSync(path.join(PG_BIN, 'initdb'))) {
    throw new Error(`PostgreSQL binaries not found in ${PG_BIN} (set CLAIMDESK_PG_BIN)`);
  }
  const dir = mkdtempSync(path.join(tmpdir(), 'claimdesk-pg-'));
  const data = path.join(dir, 'data');
  chmodSync(dir, 0o700);
  if (process.getuid?.() === 0) {
    const uid = Number(execFileSync('id', ['-u', 'postgres']).toString().trim());
    const gid = Number(execFileSync('id', ['-g', 'postgres']).toString().trim());
    chownSync(dir, uid, gid);
  }
  let stopped = false;
  const stop = () => {
    if (stopped) return;
    stopped = true;
    const [cmd, args] = asPostgres('pg_ctl', ['-D', data, '-m', 'immediate', '-w', 'stop']);
    spawnSync(cmd, args, { stdio: 'ignore' });
    rmSync(dir, { recursive: true, force: true });
  };
  // Whatever happens to this process, the server does not outlive it.
  process.once('exit', stop);
  for (const signal of ['SIGINT', 'SIGTERM'] as const) {
    process.once(signal, () => {
      stop();
      process.exit(130);
    });
  }
  try {
    const [initCmd, initArgs] = asPostgres('initdb', [
      '-D',
      data,
      '-U',
      'postgres',
      '-A',
      'trust',
      '-E',
      'UTF8',
      '--locale=C.UTF-8',
      '--no-sync',
    ]);
    execFileSync(initCmd, initArgs, { stdio: 'ignore' });
    const port = await freePort();
    const settings = [
      `-p ${port}`,
      '-c listen_addresses=127.0.0.1',
      `-c unix_socket_directories=${dir}`,
      '-c fsync=off',
      '-c synchronous_commit=off',
      '-c full_page_writes=off',
      `-c shared_buffers=${opts.sharedBuffers ?? '1GB'}`,
      '-c max_wal_size=8GB',
      '-c checkpoint_timeout=30min',
      '-c max_connections=50',
      '-c max_locks_per_transaction=256',
      ...(process.env.PG_EXTRA ? [process.env.PG_EXTRA] : []),
    ].join(' ');
    const [ctlCmd, ctlArgs] = asPostgres('pg_ctl', [
      '-D',
      data,
      '-o',
      settings,
      '-l',
      path.join(dir, 'server.log'),
      '-w',
      'start',
    ]);
    execFileSync(ctlCmd, ctlArgs, { stdio: 'ignore' });
    opts.log?.(`PostgreSQL 15 on 127.0.0.1:${port}, data in ${data} (fsync=off)`);
    return {
      port,
      dir,
      url: (database = 'postgres') => `postgres://postgres@127.0.0.1:${port}/${database}`,
      stop,
    };
  } catch (error) {
    stop();
    throw error;
  }
}

// `node bench/e2e-postgres.ts`: start one and keep it until Ctrl-C (to run the integration tests
// against PostgreSQL: DATABASE_URL=<printed url> npx vitest run --project integration).
if (import.meta.url === `file://${process.argv[1]}`) {
  const pg = await startThrowawayPostgres({ sharedBuffers: '256MB' });
  console.log(pg.url());
  setInterval(() => {}, 1 << 30);
}
