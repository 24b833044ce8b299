import { readFile } from 'node:fs/promises';
import type { FastifyInstance } from 'fastify';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { newId } from '../../src/lib/ids.ts';
import { registerClaim } from '../../src/modules/claims/register-claim.ts';
import { createUser, systemActor } from '../../src/modules/users/index.ts';
import { claimBody, uniqueSuffix } from '../api/api-helpers.ts';
import {
  launchBrowser,
  saveScreenshot,
  seriousAccessibilityViolations,
  serveApp,
} from '../support/browser.ts';
import {
  makeCustomer,
  makePolicy,
  makeProduct,
  payPremiums,
  STRAIGHT_THROUGH_CONFIG,
} from '../support/factories.ts';
import { testDatabase } from '../support/test-database.ts';

// The supervisor's screens in Chromium, on a team of this file's own: the escalations queue, the
// team workload and the deadlines dashboard, reassigning a claim, returning an escalation; the
// reports page with figures matching what the test created and its CSV; a representative kept
// out; the desk home's filters; the supervisor's page in Swedish. axe on each page.

const PASSWORD = 'correct horse battery staple';
let browser: Browser;
let server: { app: FastifyInstance; url: string };
let team: string;
let productCode: string;
const users = {
  sup: { email: '', id: '', name: 'Siri Supervisor' },
  anna: { email: '', id: '', name: 'Anna Andersson' },
  bo: { email: '', id: '', name: 'Bo Berg' },
};
const claims: string[] = [];
let escalated: string;

async function makeUser(role: 'supervisor' | 'representative', name: string) {
  const { db } = await testDatabase();
  const email = `${role}-${newId()}@test.claimdesk.example`;
  const id = await createUser({
    db,
    actor: systemActor('test'),
    user: { email, displayName: name, role, password: PASSWORD, customerId: null, team },
  });
  return { email, id, name };
}

beforeAll(async () => {
  const { db } = await testDatabase();
  [browser, server] = await Promise.all([launchBrowser(), serveApp()]);
  team = `W${uniqueSuffix().slice(-6)}`;
  users.sup = await makeUser('supervisor', users.sup.name);
  users.anna = await makeUser('representative', users.anna.name);
  users.bo = await makeUser('representative', users.bo.name);
  await db
    .updateTable('users')
    .set({ manager_id: users.sup.id })
    .where('id', 'in', [users.anna.id, users.bo.id])
    .execute();
  const customer = await makeCustomer(db);
  const { product, version } = await makeProduct(db, { config: STRAIGHT_THROUGH_CONFIG });
  productCode = product.code;
  const policy = await makePolicy(db, { customerId: customer.id, productVersionId: version.id });
  await payPremiums(db, { policyId: policy.id, amountMinor: 12 * 19_900, paidOn: ['2026-01-01'] });
  await db
    .insertInto('teams')
    .values({ code: team, name: 'Browser team', country: 'SE', product_codes: [product.code] })
    .execute();
  // Three claims for a person (above the straight-through limit) and one decided straight through.
  for (const amountMinor of [700_000, 800_000, 900_000, 100_000]) {
    const { claim } = await registerClaim({
      db,
      actor: systemActor('test'),
      input: claimBody(customer.id, policy.id, {
        documents: ['receipt'],
        lines: [
          {
            benefitCode: 'MEDICAL_EXPENSES',
            description: 'Clinic',
            serviceDate: '2026-02-15',
            amountMinor,
            currency: 'SEK',
          },
        ],
      }) as never,
    });
    claims.push(claim.claimNumber);
  }
  // All three open claims are Anna's; she escalates the first to her supervisor.
  await db.updateTable('work_items').set({ owner_id: users.anna.id }).where('team', '=', team).execute();
  const signIn = await server.app.inject({
    method: 'POST',
    url: '/auth/sign-in',
    payload: { email: users.anna.email, password: PASSWORD },
  });
  escalated = claims[0] as string;
  const headers = { authorization: `Bearer ${signIn.json().token}` };
  const read = await server.app.inject({ method: 'GET', url: `/claims/${escalated}`, headers });
  const res = await server.app.inject({
    method: 'POST',
    url: `/claims/${escalated}/escalation`,
    headers,
    payload: { reason: 'Unusual clinic invoice, please decide.', version: read.json().version },
  });
  expect(res.statusCode, res.body).toBe(201);
}, 90_000);

afterAll(async () => {
  await browser?.close();
  await server?.app.close();
});

async function signIn(page: Page, email: string) {
  await page.goto(`${server.url}/app/sign-in`);
  await page.getByLabel('Email').fill(email);
  await page.locator('input[type="password"]').fill(PASSWORD);
  await page.getByRole('button', { name: 'Sign in' }).click();
  await page.getByRole('heading', { name: 'Work queue' }).waitFor();
}

describe('the supervisor in Chromium', { timeout: 120_000 }, () => {
  it('sees the escalation, the workload and the deadlines, reassigns a claim and returns the escalation', async () => {
    const context = await browser.newContext({ locale: 'en-GB', viewport: { width: 1280, height: 800 } });
    const page = await context.newPage();
    await signIn(page, users.sup.email);
    await page.getByRole('link', { name: 'Supervisor' }).click();
    await page.getByRole('heading', { name: 'Supervisor', level: 2 }).waitFor();
    const escalations = page.getByRole('region', { name: 'Escalated to me' }).last();
    await escalations.getByRole('cell', { name: escalated, exact: true }).waitFor();
    // "Decide" opens the claim workspace, where the decision and its confirmation are.
    expect(await page.getByRole('link', { name: `Decide claim ${escalated}` }).getAttribute('href')).toBe(
      `/app/desk/claims/${escalated}`,
    );
    // Workload: Anna has the three open claims, Bo none.
    const workload = page.getByRole('region', { name: 'Team workload' }).last();
    await expect
      .poll(async () => workload.getByRole('row', { name: new RegExp(users.anna.name) }).textContent(), {
        timeout: 15_000,
      })
      .toContain('3');
    await workload.getByRole('row', { name: new RegExp(users.bo.name) }).waitFor();
    await page.getByRole('heading', { name: 'Deadlines' }).waitFor();
    await page.getByRole('img', { name: 'Deadline state by team' }).waitFor();
    await page.getByRole('region', { name: 'Deadline state by kind of work' }).waitFor();
    expect(await seriousAccessibilityViolations(page)).toEqual([]);
    await saveScreenshot(page, 'supervisor-dashboard-en', { fullPage: true });

    // Reassign the second claim from Anna to Bo.
    const moving = claims[1] as string;
    await page.getByRole('button', { name: `Reassign ${moving}` }).click();
    const dialog = page.getByRole('dialog');
    await dialog.getByLabel('Give it to').selectOption(users.bo.id);
    expect(await seriousAccessibilityViolations(page)).toEqual([]);
    await dialog.getByRole('button', { name: 'Reassign' }).click();
    await page.getByText(`${moving} is now with ${users.bo.name}.`).waitFor();
    const { db } = await testDatabase();
    const owner = await db
      .selectFrom('work_items')
      .select('owner_id')
      .where('reference', '=', moving)
      .executeTakeFirstOrThrow();
    expect(owner.owner_id).toBe(users.bo.id);

    // Return the escalation to Anna with a comment: it leaves the queue.
    await page.getByRole('button', { name: `Return claim ${escalated}` }).click();
    await page
      .getByRole('dialog')
      .getByLabel('Comment for the representative')
      .fill('Ask for the invoice first.');
    await page.getByRole('dialog').getByRole('button', { name: 'Return the claim' }).click();
    await page.getByText(`Claim ${escalated} returned.`).waitFor();
    await page.getByText('No open escalations.').waitFor();

    // The same page in Swedish.
    await page.getByRole('button', { name: 'SV', exact: true }).click();
    await page.getByRole('heading', { name: 'Arbetsledning', level: 2 }).waitFor();
    await page.getByRole('heading', { name: 'Teamets arbetsbelastning' }).waitFor();
    expect(await seriousAccessibilityViolations(page)).toEqual([]);
    await saveScreenshot(page, 'supervisor-dashboard-sv', { fullPage: true });
    await context.close();
  });

  it('the reports show the figures of what the test created, and the CSV downloads', async () => {
    const context = await browser.newContext({ locale: 'en-GB', viewport: { width: 1280, height: 800 } });
    const page = await context.newPage();
    await signIn(page, users.sup.email);
    await page.getByRole('link', { name: 'Reports' }).click();
    await page.getByRole('heading', { name: 'Reports', level: 2 }).waitFor();
    await page.getByLabel('Product code').fill(productCode);
    await page.getByRole('button', { name: 'Show' }).click();
    // Straight-through: 4 registered, 1 straight through, 3 undecided, 25 %.
    const straight = page.getByRole('region', { name: 'Straight-through rate', exact: true }).last();
    const row = straight.getByRole('row', { name: new RegExp(productCode) });
    await expect
      .poll(() => row.getByRole('cell').allTextContents(), { timeout: 15_000 })
      .toEqual([productCode, '1', '0', '3', '4', '25%']);
    // Outcomes: the one straight-through approval, so an approval rate of 100 %.
    const outcomes = page.getByRole('region', { name: 'Outcomes per product', exact: true }).last();
    await expect
      .poll(
        () =>
          outcomes
            .getByRole('row', { name: new RegExp(productCode) })
            .getByRole('cell')
            .allTextContents(),
        { timeout: 15_000 },
      )
      .toEqual([productCode, '1', '0', '0', expect.stringMatching(/^SEK\s?1,000\.00$/), '100%', '0%', '0%']);
    // Backlog: the three open claims, all younger than a week.
    const backlog = page.getByRole('region', { name: 'Backlog by age', exact: true }).last();
    await expect
      .poll(() => backlog.getByRole('row', { name: /Claim/ }).getByRole('cell').allTextContents(), {
        timeout: 15_000,
      })
      .toEqual(['Claim', '3', '0', '0', '0', '3']);
    expect(await seriousAccessibilityViolations(page)).toEqual([]);
    await saveScreenshot(page, 'supervisor-reports-en', { fullPage: true });

    const [download] = await Promise.all([
      page.waitForEvent('download'),
      page.getByRole('link', { name: 'Download Straight-through rate as CSV' }).click(),
    ]);
    expect(download.suggestedFilename()).toMatch(
      /^straight-through_\d{4}-\d{2}-\d{2}_\d{4}-\d{2}-\d{2}\.csv$/,
    );
    const csv = await readFile((await download.path()) as string, 'utf8');
    expect(csv).toBe(
      `\uFEFFproduct,registered,straightThrough,byPerson,undecided,straightThroughRate\r\n${productCode},4,1,0,3,0.25\r\n,4,1,0,3,0.25\r\n`,
    );
    await context.close();
  });

  it('a representative works the filtered queue and does not get the supervisor pages', async () => {
    const context = await browser.newContext({ locale: 'en-GB', viewport: { width: 1280, height: 800 } });
    const page = await context.newPage();
    await signIn(page, users.anna.email);
    // Anna has two claims left; sorted by amount, the larger first.
    await page.getByLabel('Sort by').selectOption('amount');
    const rows = page.getByRole('region', { name: 'Work queue' }).getByRole('row');
    await expect.poll(() => rows.nth(1).textContent(), { timeout: 15_000 }).toContain(claims[2]);
    expect(await rows.count()).toBe(3);
    await page.getByLabel('Kind').selectOption('referral');
    await page.getByText('Nothing in this queue.').waitFor();
    await page.getByLabel('Kind').selectOption('claim');
    await expect.poll(() => rows.count(), { timeout: 15_000 }).toBe(3);
    expect(await seriousAccessibilityViolations(page)).toEqual([]);
    await saveScreenshot(page, 'supervisor-desk-home-en', { fullPage: true });
    expect(await page.getByRole('link', { name: 'Supervisor' }).count()).toBe(0);
    expect(await page.getByRole('link', { name: 'Reports' }).count()).toBe(0);
    await page.goto(`${server.url}/app/desk/supervisor`);
    await page.waitForURL(/\/app\/desk$/);
    await page.getByRole('heading', { name: 'Work queue' }).waitFor();
    await page.goto(`${server.url}/app/desk/reports`);
    await page.waitForURL(/\/app\/desk$/);
    await context.close();
  });
});
