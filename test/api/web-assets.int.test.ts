import { brotliDecompressSync, gunzipSync } from 'node:zlib';
import type { FastifyInstance } from 'fastify';
import { beforeAll, describe, expect, it } from 'vitest';
import { ensureWebBuild } from '../../src/server/web-build.ts';
import { testApp } from '../support/test-app.ts';

// The web app's files as the server sends them: the script and styles precompressed at build time
// (brotli when the browser accepts it, else gzip, else plain — the same bytes each way), varying on
// Accept-Encoding, hashed assets cached for a year as immutable, and index.html never cached (so a
// new build is picked up at once).

let app: FastifyInstance;
let script: string;
let styles: string;

beforeAll(async () => {
  await ensureWebBuild({ info: () => {} });
  app = await testApp();
  const html = (await app.inject({ method: 'GET', url: '/app/' })).body;
  script = html.match(/src="(\/app\/assets\/[^"]+\.js)"/)?.[1] as string;
  styles = html.match(/href="(\/app\/assets\/[^"]+\.css)"/)?.[1] as string;
  expect(script).toBeTruthy();
  expect(styles).toBeTruthy();
}, 120_000);

const get = (url: string, acceptEncoding?: string) =>
  app.inject({ method: 'GET', url, headers: acceptEncoding ? { 'accept-encoding': acceptEncoding } : {} });

describe('GET /app/assets/* and /app/', () => {
  it('sends brotli to a browser, gzip to a gzip-only client, plain to others: the same script', async () => {
    const plain = await get(script);
    expect(plain.statusCode).toBe(200);
    expect(plain.headers['content-encoding']).toBeUndefined();
    expect(plain.headers.vary).toMatch(/accept-encoding/i);
    expect(plain.headers['content-type']).toMatch(/javascript/);

    const br = await get(script, 'gzip, deflate, br, zstd');
    expect(br.statusCode).toBe(200);
    expect(br.headers['content-encoding']).toBe('br');
    expect(br.headers.vary).toMatch(/accept-encoding/i);
    expect(br.headers['content-type']).toMatch(/javascript/);
    expect(br.rawPayload.length).toBeLessThan(plain.rawPayload.length / 3);
    expect(brotliDecompressSync(br.rawPayload).equals(plain.rawPayload)).toBe(true);

    const gz = await get(script, 'gzip');
    expect(gz.headers['content-encoding']).toBe('gzip');
    expect(gz.headers.vary).toMatch(/accept-encoding/i);
    expect(gunzipSync(gz.rawPayload).equals(plain.rawPayload)).toBe(true);

    const css = await get(styles, 'br');
    expect(css.headers['content-encoding']).toBe('br');
    expect(css.headers['content-type']).toMatch(/text\/css/);
  });

  it('caches hashed assets for a year as immutable, compressed or not', async () => {
    for (const enc of [undefined, 'br', 'gzip']) {
      const res = await get(script, enc);
      expect(res.headers['cache-control']).toMatch(/max-age=31536000/);
      expect(res.headers['cache-control']).toMatch(/immutable/);
    }
  });

  it('never caches index.html, at /app/ or at any page of the app', async () => {
    for (const url of ['/app/', '/app/desk/claims/CLM-2026-000001', '/app/portal']) {
      const res = await get(url, 'br, gzip');
      expect(res.statusCode).toBe(200);
      expect(res.headers['content-type']).toMatch(/text\/html/);
      expect(res.headers['cache-control']).toBe('no-cache');
      expect(res.body).toContain('<div id="root">');
    }
  });
});
