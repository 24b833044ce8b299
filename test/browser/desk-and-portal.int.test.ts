import type { FastifyInstance } from 'fastify';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { newId } from '../../src/lib/ids.ts';
import { registerClaim } from '../../src/modules/claims/register-claim.ts';
import { createUser, systemActor } from '../../src/modules/users/index.ts';
import { claimBody, customerWithPolicy } from '../api/api-helpers.ts';
import { launchBrowser, seriousAccessibilityViolations, serveApp } from '../support/browser.ts';
import { testDatabase } from '../support/test-database.ts';

// The web app in a real browser: a representative signs in, finds a claim in their queue, opens
// it and reads the assessment; the page switches language; a customer sees only their own claim in
// the portal. axe-core finds no serious or critical violations on any of these pages.

const PASSWORD = 'correct horse battery staple';
let browser: Browser;
let server: { app: FastifyInstance; url: string };
let rep: { email: string };
let customer: { email: string };
let claimNumber: string;

beforeAll(async () => {
  const { db } = await testDatabase();
  [browser, server] = await Promise.all([launchBrowser(), serveApp()]);
  const { customer: c, policy } = await customerWithPolicy();
  const { claim } = await registerClaim({
    db,
    actor: systemActor('test'),
    input: claimBody(c.id, policy.id) as never,
  });
  claimNumber = claim.claimNumber;
  rep = { email: `rep-${newId()}@test.claimdesk.example` };
  const repId = await createUser({
    db,
    actor: systemActor('test'),
    user: {
      email: rep.email,
      displayName: 'Rita Rep',
      role: 'representative',
      password: PASSWORD,
      customerId: null,
    },
  });
  // The claim is this representative's (the routing rules would give it to the country's team).
  await db.updateTable('work_items').set({ owner_id: repId }).where('subject_id', '=', claim.id).execute();
  customer = { email: `cust-${newId()}@test.claimdesk.example` };
  await createUser({
    db,
    actor: systemActor('test'),
    user: {
      email: customer.email,
      displayName: 'Carla Customer',
      role: 'customer',
      password: PASSWORD,
      customerId: c.id,
    },
  });
}, 60_000);

afterAll(async () => {
  await browser?.close();
  await server?.app.close();
});

async function signIn(page: Page, email: string) {
  await page.goto(`${server.url}/app/sign-in`);
  await page.getByLabel('Email').fill(email);
  await page.locator('input[type="password"]').fill(PASSWORD);
  await page.getByRole('button', { name: 'Sign in' }).click();
}

describe('the desk and the portal in Chromium', { timeout: 120_000 }, () => {
  it('a representative signs in, opens a claim from the queue and reads its assessment', async () => {
    const context = await browser.newContext({ locale: 'en-GB' });
    const page = await context.newPage();
    await page.goto(`${server.url}/app/`);
    await page.waitForURL('**/app/sign-in');
    expect(await seriousAccessibilityViolations(page)).toEqual([]);

    await page.getByLabel('Email').fill(rep.email);
    await page.locator('input[type="password"]').fill('wrong password');
    await page.getByRole('button', { name: 'Sign in' }).click();
    await page
      .getByRole('alert')
      .filter({ hasText: /email or password/i })
      .waitFor();

    await signIn(page, rep.email);
    await page.getByRole('heading', { name: 'Work queue' }).waitFor();
    await page.getByRole('link', { name: claimNumber }).waitFor();
    expect(await seriousAccessibilityViolations(page)).toEqual([]);

    await page.getByRole('link', { name: claimNumber }).click();
    await page.getByRole('heading', { name: `Claim ${claimNumber}` }).waitFor();
    await page.getByRole('heading', { name: 'Assessment' }).waitFor();
    expect(await page.getByText('Recommendation:').count()).toBe(1);
    expect(await seriousAccessibilityViolations(page)).toEqual([]);

    // Switch to Swedish: the same page in Swedish, money and dates in Swedish format.
    await page.getByRole('button', { name: 'SV', exact: true }).click();
    await page.getByRole('heading', { name: `Skadeärende ${claimNumber}` }).waitFor();
    expect(await page.locator('html').getAttribute('lang')).toBe('sv');
    expect(await page.getByText(/1\s250,00\s*kr/).count()).toBeGreaterThan(0);
    await page.getByRole('button', { name: 'IT', exact: true }).click();
    await page.getByRole('heading', { name: `Sinistro ${claimNumber}` }).waitFor();
    await context.close();
  });

  it('a customer sees their own claim in the portal, on a phone-sized screen', async () => {
    const context = await browser.newContext({ locale: 'en-GB', viewport: { width: 390, height: 844 } });
    const page = await context.newPage();
    await signIn(page, customer.email);
    await page.getByRole('heading', { name: 'My claims' }).waitFor();
    await page.getByRole('link', { name: claimNumber }).click();
    await page.getByRole('heading', { name: `Claim ${claimNumber}` }).waitFor();
    expect(await seriousAccessibilityViolations(page)).toEqual([]);
    // The desk is not for customers: they are sent back to the portal.
    await page.goto(`${server.url}/app/desk`);
    await page.getByRole('heading', { name: 'My claims' }).waitFor();
    await context.close();
  });
});
