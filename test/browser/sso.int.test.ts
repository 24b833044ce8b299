import type { FastifyInstance } from 'fastify';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createUser, systemActor } from '../../src/modules/users/index.ts';
import { buildApp } from '../../src/server/app.ts';
import { loadConfig } from '../../src/server/config.ts';
import { ensureWebBuild } from '../../src/server/web-build.ts';
import { uniqueLetters } from '../api/api-helpers.ts';
import { launchBrowser, saveScreenshot, seriousAccessibilityViolations } from '../support/browser.ts';
import { oidcEnv, startTestProvider, type TestProvider } from '../support/oidc-provider.ts';
import { testDatabase } from '../support/test-database.ts';

// Staff single sign-on in Chromium: the sign-in page offers the button because GET /auth/config
// says so; the button leads through the real provider's login form back to the desk; a refused
// sign-in comes back to the sign-in page with the reason in words. axe on the sign-in page.

let browser: Browser;
let idp: TestProvider;
let app: FastifyInstance;
let url: string;

beforeAll(async () => {
  await ensureWebBuild({ info: () => {} });
  idp = await startTestProvider();
  const config = loadConfig({
    LOG_LEVEL: 'silent',
    NODE_ENV: 'test',
    CLAIMDESK_DATA_DIR: 'memory://',
    ...oidcEnv(idp),
  });
  app = await buildApp({ config, database: await testDatabase() });
  [browser, url] = await Promise.all([launchBrowser(), app.listen({ host: '127.0.0.1', port: 0 })]);
  idp.register(`${url}/auth/oidc/callback`);
}, 90_000);

afterAll(async () => {
  await browser?.close();
  await app?.close();
  await idp?.close();
});

async function signInAtProvider(page: import('playwright-core').Page, subject: string) {
  await page.goto(`${url}/app/sign-in`);
  await page.getByRole('link', { name: 'Sign in with single sign-on' }).click();
  await page.waitForURL(`${idp.issuer}/**`);
  await page.locator('input[name="login"]').fill(subject);
  await page.locator('input[name="password"]').fill('any password');
  await page.locator('button[type="submit"]').click();
  // The provider's consent form for the first sign-in of this subject.
  await page.waitForURL(/\/interaction\/|\/app\//);
  if (page.url().includes('/interaction/')) await page.locator('button[type="submit"]').click();
}

describe('single sign-on in the browser', () => {
  it('a staff member signs in with the provider and lands on the desk', async () => {
    const { db } = await testDatabase();
    const email = `sso-browser-${uniqueLetters()}@test.claimdesk.example`;
    await createUser({
      db,
      actor: systemActor('test'),
      user: { email, displayName: 'Sigrid Single', role: 'representative', passwordHash: 'x' },
    });
    const subject = `sub-${uniqueLetters()}`;
    idp.directory.set(subject, { email, email_verified: true });
    const context = await browser.newContext();
    const page = await context.newPage();
    await page.goto(`${url}/app/sign-in`);
    await page.getByRole('link', { name: 'Sign in with single sign-on' }).waitFor();
    expect(await seriousAccessibilityViolations(page)).toEqual([]);
    await saveScreenshot(page, 'sign-in-sso');
    await signInAtProvider(page, subject);
    await page.getByRole('heading', { name: 'Work queue' }).waitFor();
    expect(new URL(page.url()).pathname).toMatch(/^\/app\/desk/);
    await context.close();
  }, 60_000);

  it('an identity without a staff login comes back to the sign-in page with the reason', async () => {
    const subject = `sub-${uniqueLetters()}`;
    idp.directory.set(subject, {
      email: `nobody-${uniqueLetters()}@test.claimdesk.example`,
      email_verified: true,
    });
    const context = await browser.newContext();
    const page = await context.newPage();
    await signInAtProvider(page, subject);
    await page.waitForURL(/\/app\/sign-in\?sso_error=sso_unknown_user/);
    await page
      .getByRole('alert')
      .getByText('No active Claimdesk staff login belongs to this account', { exact: false })
      .waitFor();
    await context.close();
  }, 60_000);
});
