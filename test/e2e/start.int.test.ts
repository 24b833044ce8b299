import { type ChildProcess, spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';

// The two-command promise: `npm start` on a machine with no database serves /health and a seeded
// demo within 60 s, and a second start reuses the data. This starts the real CLI as a child process
// on a fresh PGlite directory. It is about the embedded default, so it does not run in the
// PostgreSQL pass of CI (there it would seed into the shared test database).

type Server = { proc: ChildProcess; url: string; output: () => string; exited: Promise<number | null> };

function start(dataDir: string): Promise<Server> {
  const proc = spawn(process.execPath, ['src/cli/main.ts', 'serve'], {
    env: {
      ...process.env,
      PORT: '0',
      HOST: '127.0.0.1',
      CLAIMDESK_DATA_DIR: dataDir,
      DATABASE_URL: '',
      LOG_LEVEL: 'info',
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let out = '';
  const exited = new Promise<number | null>((resolve) => proc.on('exit', (code) => resolve(code)));
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`server did not listen within 60 s:\n${out}`)), 60_000);
    const onData = (chunk: Buffer) => {
      out += chunk.toString();
      const m = out.match(/Server listening at (http:\/\/127\.0\.0\.1:\d+)/);
      if (m?.[1]) {
        clearTimeout(timer);
        resolve({ proc, url: m[1], output: () => out, exited });
      }
    };
    proc.stdout?.on('data', onData);
    proc.stderr?.on('data', onData);
    proc.on('exit', (code) => reject(new Error(`server exited (${code}) before listening:\n${out}`)));
  });
}

async function stop(server: Server): Promise<number | null> {
  server.proc.kill('SIGTERM');
  return server.exited;
}

async function json(url: string, init?: RequestInit) {
  const res = await fetch(url, init);
  return { status: res.status, body: (await res.json()) as Record<string, unknown> };
}

describe.skipIf(!!process.env.DATABASE_URL)('npm start on embedded PGlite', () => {
  const dataDir = mkdtempSync(path.join(tmpdir(), 'claimdesk-start-'));
  afterAll(() => rmSync(dataDir, { recursive: true, force: true }));

  it('serves /health and a seeded demo within 60 s, stops gracefully, and reuses the data on restart', async () => {
    const started = Date.now();
    const first = await start(dataDir);
    expect((await json(`${first.url}/health`)).body).toEqual({ status: 'ok' });
    expect(Date.now() - started).toBeLessThan(60_000);
    expect(first.output()).toContain('demo data seeded');

    // The web app is served from a production build (made at start-up when dist/web is missing).
    const page = await fetch(`${first.url}/app/desk`);
    expect(page.status).toBe(200);
    const html = await page.text();
    expect(html).toContain('<div id="root">');
    const script = html.match(/src="(\/app\/assets\/[^"]+\.js)"/)?.[1];
    expect(script).toBeDefined();
    const asset = await fetch(`${first.url}${script}`);
    expect(asset.status).toBe(200);
    expect(asset.headers.get('cache-control')).toContain('immutable');
    expect((await fetch(`${first.url}/`, { redirect: 'manual' })).headers.get('location')).toBe('/app/');

    const signIn = await json(`${first.url}/auth/sign-in`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ email: 'rep.se@claimdesk.example', password: 'demo-password' }),
    });
    expect(signIn.status).toBe(200);
    const auth = { authorization: `Bearer ${signIn.body.token}` };
    const customers = await json(`${first.url}/customers?limit=1`, { headers: auth });
    const customerTotal = customers.body.total as number;
    expect(customerTotal).toBeGreaterThanOrEqual(900);
    const claims = await json(`${first.url}/claims?limit=1`, { headers: auth });
    expect(claims.body.total as number).toBeGreaterThanOrEqual(100);

    // Personal data in a URL never reaches the log: search by a personnummer and an email.
    const search = await json(`${first.url}/customers?q=19850709-9805&limit=1`, { headers: auth });
    expect(search.status).toBe(200);
    await json(`${first.url}/customers?q=anna.svensson%40example.se`, { headers: auth });
    expect(first.output()).toContain('/customers?q=[national-id]');
    expect(first.output()).not.toContain('19850709-9805');
    expect(first.output()).not.toMatch(/anna\.svensson(@|%40)example/);
    expect(first.output()).not.toContain(String(signIn.body.token));

    expect(await stop(first)).toBe(0);
    expect(first.output()).toContain('shutting down');

    const second = await start(dataDir);
    try {
      expect(second.output()).not.toContain('seeding the demo');
      const signIn2 = await json(`${second.url}/auth/sign-in`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ email: 'rep.se@claimdesk.example', password: 'demo-password' }),
      });
      const again = await json(`${second.url}/customers?limit=1`, {
        headers: { authorization: `Bearer ${signIn2.body.token}` },
      });
      expect(again.body.total).toBe(customerTotal);
    } finally {
      await stop(second);
    }
  }, 150_000);
});
