import { type ChildProcess, spawn } from 'node:child_process';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

// The real `claimdesk serve` (or `claimdesk worker`) as a child process on 127.0.0.1 with a random
// port, for tests that kill, stop or multiply processes. The caller gives the database environment
// (see scratch-database.ts) and anything else it needs.

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');

export type ServerProcess = {
  proc: ChildProcess;
  port: number;
  url: string;
  output: () => string;
  exited: Promise<number | null>;
  /** kill -9: no shutdown hooks, no flushing, like a power cut. */
  crash: () => Promise<void>;
  stop: () => Promise<number | null>;
};

export function startServerProcess(env: Record<string, string>, timeoutMs = 60_000): Promise<ServerProcess> {
  const proc = spawn(process.execPath, ['src/cli/main.ts', 'serve'], {
    cwd: ROOT,
    env: {
      ...process.env,
      PORT: '0',
      HOST: '127.0.0.1',
      LOG_LEVEL: 'info',
      CLAIMDESK_SEED_DEMO: 'false',
      CLAIMDESK_SMTP_INTAKE: 'false',
      ...env,
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let out = '';
  let listening = false;
  const exited = new Promise<number | null>((resolve) => proc.on('exit', (code) => resolve(code)));
  const crash = async () => {
    proc.kill('SIGKILL');
    await exited;
  };
  const stop = async () => {
    proc.kill('SIGTERM');
    return exited;
  };
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => {
      proc.kill('SIGKILL');
      reject(new Error(`server did not listen within ${timeoutMs} ms:\n${out.slice(-4000)}`));
    }, timeoutMs);
    const onData = (chunk: Buffer) => {
      out += chunk.toString();
      if (out.length > 1_000_000) out = out.slice(-200_000); // a long run logs every request
      const port = out.match(/listening at http:\/\/127\.0\.0\.1:(\d+)/)?.[1];
      if (port && !listening) {
        listening = true;
        clearTimeout(timer);
        resolve({
          proc,
          port: Number(port),
          url: `http://127.0.0.1:${port}`,
          output: () => out,
          exited,
          crash,
          stop,
        });
      }
    };
    proc.stdout?.on('data', onData);
    proc.stderr?.on('data', onData);
    proc.on('exit', (code) => {
      clearTimeout(timer);
      if (listening) return;
      reject(new Error(`server exited (${code}) before listening:\n${out.slice(-4000)}`));
    });
  });
}

/** Signs in through the real endpoint and returns the bearer header. */
export async function bearerFor(
  url: string,
  email: string,
  password: string,
): Promise<Record<string, string>> {
  const res = await fetch(`${url}/auth/sign-in`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ email, password }),
  });
  if (res.status !== 200) throw new Error(`sign-in failed: ${res.status} ${await res.text()}`);
  const body = (await res.json()) as { token: string };
  return { authorization: `Bearer ${body.token}` };
}
