import { type ChildProcess, spawn } from 'node:child_process';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

// `claimdesk worker` as a child process (PostgreSQL only: a worker process needs a database server
// it can share with the web servers).

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');

export type WorkerProcess = { proc: ChildProcess; output: () => string; stop: () => Promise<number | null> };

export function startWorkerProcess(env: Record<string, string>, id: string): WorkerProcess {
  const proc = spawn(process.execPath, ['src/cli/main.ts', 'worker', '--id', id], {
    cwd: ROOT,
    env: { ...process.env, LOG_LEVEL: 'info', ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let out = '';
  const append = (chunk: Buffer) => {
    out += chunk.toString();
    if (out.length > 200_000) out = out.slice(-100_000);
  };
  proc.stdout?.on('data', append);
  proc.stderr?.on('data', append);
  const exited = new Promise<number | null>((resolve) => proc.on('exit', (code) => resolve(code)));
  return {
    proc,
    output: () => out,
    stop: async () => {
      proc.kill('SIGTERM');
      return exited;
    },
  };
}
