import path from 'node:path';
import AxeBuilder from '@axe-core/playwright';
import type { FastifyInstance } from 'fastify';
import { type Browser, chromium, type Page } from 'playwright-core';
import { buildApp } from '../../src/server/app.ts';
import { loadConfig } from '../../src/server/config.ts';
import { ensureWebBuild } from '../../src/server/web-build.ts';
import { testDatabase } from './test-database.ts';

// Browser tests drive Debian's Chromium (installed by .ci/run) with playwright-core against the
// real server, listening on 127.0.0.1 on a free port, serving the production build of the web app.

const CHROMIUM_FLAGS = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-background-networking',
  '--disable-component-update',
  '--no-first-run',
  // The app skips its transitions then: checks and clicks never meet a dialog still fading in.
  '--force-prefers-reduced-motion',
];

export async function launchBrowser(): Promise<Browser> {
  return chromium.launch({ executablePath: '/usr/bin/chromium', args: CHROMIUM_FLAGS, headless: true });
}

export async function serveApp(): Promise<{ app: FastifyInstance; url: string }> {
  await ensureWebBuild({ info: () => {} });
  const database = await testDatabase();
  const config = loadConfig({ LOG_LEVEL: 'silent', NODE_ENV: 'test', CLAIMDESK_DATA_DIR: 'memory://' });
  const app = await buildApp({ config, database });
  const address = await app.listen({ host: '127.0.0.1', port: 0 });
  return { app, url: address };
}

/** axe-core's serious and critical violations on the page as it is now (WCAG 2.1 A and AA rules). */
export async function seriousAccessibilityViolations(page: Page): Promise<string[]> {
  // Checked once nothing is moving: a dialog or notification half faded in has half its contrast.
  // (Endless animations — a spinner — never finish and are not waited for.)
  await page.waitForFunction(
    () =>
      document
        .getAnimations()
        .every(
          (a) => a.playState !== 'running' || a.effect?.getTiming().iterations === Number.POSITIVE_INFINITY,
        ),
    null,
    { timeout: 5_000 },
  );
  const result = await new AxeBuilder({ page })
    .withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'])
    .analyze();
  return result.violations
    .filter((v) => v.impact === 'serious' || v.impact === 'critical')
    .map((v) => `${v.id}: ${v.help} (${v.nodes.map((n) => n.target.join(' ')).join(', ')})`);
}

const SCREENSHOTS = path.resolve(import.meta.dirname, '../../docs/screenshots');

/**
 * Saves docs/screenshots/<name>.png when SCREENSHOTS=1 (`SCREENSHOTS=1 npx vitest run test/browser`
 * refreshes the pictures the docs show); otherwise does nothing, so a test run never changes
 * tracked files.
 */
export async function saveScreenshot(
  page: Page,
  name: string,
  opts: { fullPage?: boolean } = {},
): Promise<void> {
  if (process.env.SCREENSHOTS !== '1') return;
  await page.screenshot({ path: path.join(SCREENSHOTS, `${name}.png`), fullPage: opts.fullPage ?? false });
}
