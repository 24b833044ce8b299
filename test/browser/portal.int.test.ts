import type { FastifyInstance } from 'fastify';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  bearer,
  insuredCustomer,
  PORTAL_PASSWORD,
  portalClaimBody,
  portalUser,
} from '../api/portal-fixtures.ts';
import {
  launchBrowser,
  saveScreenshot,
  seriousAccessibilityViolations,
  serveApp,
} from '../support/browser.ts';
import { testDatabase } from '../support/test-database.ts';

// The customer portal on a phone-sized screen in Chromium: a customer files a claim with a
// receipt, answers a request for information with a document, opens a service case and a
// complaint and replies, asks to change their bank account and sees it pending (four eyes), changes
// their address in Swedish (a bad postal code refused at its field, the old address told), reads
// a decision letter, reads pages in Swedish and Italian, and is told "not found" for another
// customer's claim. axe-core finds no serious or critical violation on any page.

const PHONE = { width: 390, height: 844 };
const PDF = Buffer.from('%PDF-1.4\n1 0 obj <<>> endobj\ntrailer <<>>\n%%EOF\n');

let browser: Browser;
let server: { app: FastifyInstance; url: string };
let customer: { email: string; customerId: string };
let waitingClaim: string;
let decidedClaim: string;
let strangersClaim: string;

async function fileAs(headers: { authorization: string }, body: Record<string, unknown>) {
  const res = await server.app.inject({ method: 'POST', url: '/claims', headers, payload: body });
  expect(res.statusCode, res.body).toBe(201);
  return res.json() as { id: string; claimNumber: string; status: string; version: number };
}

beforeAll(async () => {
  [browser, server] = await Promise.all([launchBrowser(), serveApp()]);
  const ctx = await insuredCustomer('en');
  const user = await portalUser('customer', 'Emma Clarke', ctx.customer.id);
  customer = { email: user.email, customerId: ctx.customer.id };
  const headers = await bearer(server.app, user.email);
  // No receipt: the assessment asks the customer for it.
  const waiting = await fileAs(headers, portalClaimBody(ctx.customer.id, ctx.policy.id, ctx.currency, []));
  expect(waiting.status).toBe('awaiting_information');
  waitingClaim = waiting.claimNumber;
  const decided = await fileAs(headers, portalClaimBody(ctx.customer.id, ctx.policy.id, ctx.currency));
  decidedClaim = decided.claimNumber;
  const rep = await bearer(server.app, (await portalUser('representative', 'Rita Rep')).email);
  const decision = await server.app.inject({
    method: 'POST',
    url: `/claims/${decided.id}/decision`,
    headers: { ...rep, 'idempotency-key': crypto.randomUUID() },
    payload: { version: decided.version, outcome: 'approve' },
  });
  expect(decision.statusCode, decision.body).toBe(201);
  const other = await insuredCustomer('sv');
  strangersClaim = (
    await fileAs(rep, { ...portalClaimBody(other.customer.id, other.policy.id, other.currency) })
  ).claimNumber;
}, 90_000);

afterAll(async () => {
  await browser?.close();
  await server?.app.close();
});

async function signedIn(viewport = PHONE): Promise<{ context: BrowserContext; page: Page }> {
  const context = await browser.newContext({ locale: 'en-GB', viewport });
  const page = await context.newPage();
  await page.goto(`${server.url}/app/sign-in`);
  await page.getByLabel('Email').fill(customer.email);
  await page.locator('input[type="password"]').fill(PORTAL_PASSWORD);
  await page.getByRole('button', { name: 'Sign in' }).click();
  await page.getByRole('heading', { name: 'My claims' }).waitFor();
  return { context, page };
}

async function expectAccessibleAndFits(page: Page) {
  expect(await seriousAccessibilityViolations(page)).toEqual([]);
  // Nothing wider than the phone: no sideways scrolling of the page.
  const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
  expect(overflow).toBeLessThanOrEqual(0);
}

async function shot(page: Page, name: string) {
  await saveScreenshot(page, name);
}

describe('the customer portal in Chromium, phone-sized', { timeout: 120_000 }, () => {
  it('files a claim with a receipt and sees it received for review', async () => {
    const { context, page } = await signedIn();
    await expectAccessibleAndFits(page);
    await page
      .getByRole('navigation', { name: 'Portal pages' })
      .getByRole('link', { name: 'New claim' })
      .click();
    await page.getByRole('heading', { name: 'File a claim' }).waitFor();
    await page.getByLabel('When did it happen?').fill('2026-02-15');
    await page.getByLabel('What happened?').fill('Fell ill in Rome and saw a doctor.');
    await page.getByLabel('Item 1: what it was').fill('Doctor visit');
    await page.getByLabel('Item 1: date').fill('2026-02-15');
    await page.getByLabel('Item 1: amount (SEK)').fill('1250');
    await page
      .locator('input[type="file"]')
      .setInputFiles({ name: 'receipt.pdf', mimeType: 'application/pdf', buffer: PDF });
    await page.getByLabel('What is receipt.pdf?').waitFor();
    await expectAccessibleAndFits(page);
    await page.getByRole('button', { name: 'Review and send' }).click();
    await page
      .getByRole('dialog')
      .getByText(/You are claiming/)
      .waitFor();
    await page.getByRole('button', { name: 'Send the claim' }).click();
    await page.getByRole('heading', { name: /Claim CLM-\d{4}-\d{6} is received/ }).waitFor();
    await page.getByText('Being reviewed').waitFor();
    await page.getByRole('link', { name: 'Open the claim' }).click();
    await page.getByRole('heading', { name: /^Claim CLM-/ }).waitFor();
    await expectAccessibleAndFits(page);
    await context.close();
  });

  it('answers a request for information with a document, and the claim continues', async () => {
    const { context, page } = await signedIn();
    await page.getByText('We need something from you').first().waitFor();
    await page.getByRole('link', { name: waitingClaim }).click();
    await page.getByRole('heading', { name: 'We need this from you' }).waitFor();
    await page.getByText('Waiting for you').first().waitFor();
    await expectAccessibleAndFits(page);
    await shot(page, 'portal-claim-request-en');
    await page
      .locator('input[type="file"]')
      .setInputFiles({ name: 'kvitto.pdf', mimeType: 'application/pdf', buffer: PDF });
    await page.getByRole('button', { name: 'Send the answer' }).click();
    await page.getByText('your answer is sent').waitFor();
    await page.getByText('Being reviewed').first().waitFor();
    expect(await page.getByRole('heading', { name: 'We need this from you' }).count()).toBe(0);
    await context.close();
  });

  it('opens a service case and a complaint, and replies on the case', async () => {
    const { context, page } = await signedIn();
    await page
      .getByRole('navigation', { name: 'Portal pages' })
      .getByRole('link', { name: 'Messages' })
      .click();
    await page.getByRole('heading', { name: 'Messages and cases' }).waitFor();
    await page.getByRole('link', { name: 'Ask a question' }).click();
    await page.getByLabel('Subject').fill('When will I be paid?');
    await page.getByLabel('Your message').fill('I am waiting for my payment.');
    await expectAccessibleAndFits(page);
    await page.getByRole('button', { name: 'Send', exact: true }).click();
    await page.getByRole('heading', { name: /^Case CASE-/ }).waitFor();
    await page.getByText('Question: When will I be paid?').waitFor();
    await page.getByLabel('Your reply').fill('The claim is the one from Rome.');
    await page.getByRole('button', { name: 'Send the reply' }).click();
    await page.getByText('The claim is the one from Rome.').last().waitFor();
    await expectAccessibleAndFits(page);

    await page.getByRole('link', { name: 'Messages and cases' }).click();
    await page.getByRole('link', { name: 'Make a complaint' }).click();
    await page.getByLabel('What is the complaint about?').selectOption('delay');
    await page.getByLabel('What went wrong?').fill('It takes too long.');
    await page.getByLabel('What do you ask of us?').fill('Please hurry.');
    await page.getByRole('button', { name: 'Send the complaint' }).click();
    await page.getByRole('heading', { name: /^Case CASE-/ }).waitFor();
    await page.getByText(/We answer by/).waitFor();
    await expectAccessibleAndFits(page);
    await page.getByRole('link', { name: 'Messages and cases' }).click();
    await page.getByText(/^Complaint:/).waitFor();
    expect(await page.getByText(/^Complaint:/).count()).toBe(1);
    expect(await page.getByText('Question: When will I be paid?').count()).toBe(1);
    await context.close();
  });

  it('asks to change the bank account and sees it pending the two-person check', async () => {
    const { context, page } = await signedIn();
    await page
      .getByRole('navigation', { name: 'Portal pages' })
      .getByRole('link', { name: 'Profile' })
      .click();
    await page.getByRole('heading', { name: 'Profile' }).waitFor();
    await page.getByText('Checked by two people', { exact: true }).waitFor();
    await page.getByLabel('IBAN').fill('SE45 5000 0000 0583 9825 7466');
    await page.getByLabel('Account holder').fill('Emma Clarke');
    await expectAccessibleAndFits(page);
    await page.getByRole('button', { name: 'Ask to change the bank account' }).click();
    await page
      .getByRole('dialog')
      .getByText(/checked by two people/)
      .waitFor();
    await page.getByRole('dialog').getByRole('button', { name: 'Ask to change the bank account' }).click();
    await page.getByText(/Bank account: Pending/).waitFor();
    await expectAccessibleAndFits(page);
    await shot(page, 'portal-profile-en');
    await context.close();
  });

  it('changes the address in Swedish on the phone; a bad postal code is refused at its field', async () => {
    const { db } = await testDatabase();
    const oldAddress = { street: 'Gamla gatan 1', postalCode: '111 22', city: 'Stockholm', country: 'SE' };
    await db
      .updateTable('customers')
      .set({ address: JSON.stringify(oldAddress) })
      .where('id', '=', customer.customerId)
      .execute();
    const { context, page } = await signedIn();
    await page.getByRole('button', { name: 'SV', exact: true }).click();
    await page
      .getByRole('navigation', { name: 'Portalens sidor' })
      .getByRole('link', { name: 'Profil' })
      .click();
    const form = page.getByRole('form', { name: 'Adress' });
    await form.getByText('Nuvarande adress: Gamla gatan 1, 111 22 Stockholm, SE').waitFor();
    await form.getByLabel('Gatuadress').fill('Vasagatan 7');
    await form.getByLabel('Postnummer').fill('4112');
    await form.getByLabel('Ort').fill('Göteborg');
    await form.getByRole('button', { name: 'Ändra adress' }).click();
    const confirm = page.getByRole('dialog', { name: 'Ändra din adress?' });
    await confirm.getByText(/brev till din tidigare adress, Gamla gatan 1, 111 22 Stockholm, SE/).waitFor();
    await expectAccessibleAndFits(page);
    await shot(page, 'portal-profile-address-confirm-sv');
    await confirm.getByRole('button', { name: 'Ändra adress' }).click();
    await form.getByText('A postal code in SE is five digits, e.g. 411 24.').waitFor();
    await expectAccessibleAndFits(page);

    await form.getByLabel('Postnummer').fill('41124');
    await form.getByRole('button', { name: 'Ändra adress' }).click();
    await page
      .getByRole('dialog', { name: 'Ändra din adress?' })
      .getByRole('button', { name: 'Ändra adress' })
      .click();
    await page.getByText('Din adress är ändrad. Ett brev om det går till din tidigare adress.').waitFor();
    await form.getByText('Nuvarande adress: Vasagatan 7, 411 24 Göteborg, SE').waitFor();
    await expectAccessibleAndFits(page);
    await shot(page, 'portal-profile-address-sv');
    const letters = await db
      .selectFrom('notifications')
      .select(['channel', 'recipient'])
      .where('customer_id', '=', customer.customerId)
      .where('kind', '=', 'account_change.address_changed')
      .execute();
    expect(letters.map((n) => [n.channel, n.recipient])).toEqual([['letter', { address: oldAddress }]]);
    await page.getByRole('button', { name: 'EN', exact: true }).click();
    await context.close();
  });

  it('reads the decision letter of a decided claim', async () => {
    const { context, page } = await signedIn();
    await page.getByRole('link', { name: decidedClaim }).click();
    await page.getByRole('heading', { name: 'Decision' }).waitFor();
    await page.getByText('Approved').first().waitFor();
    const letter = page.getByRole('link', { name: 'Read the decision letter (PDF)' });
    const href = await letter.getAttribute('href');
    const pdf = await page.request.get(`${server.url}${href}`);
    expect(pdf.status()).toBe(200);
    expect(pdf.headers()['content-type']).toMatch(/^application\/pdf/);
    expect((await pdf.body()).subarray(0, 5).toString()).toBe('%PDF-');
    await expectAccessibleAndFits(page);
    await shot(page, 'portal-claim-en');
    await context.close();
  });

  it('shows pages in Swedish and Italian', async () => {
    const { context, page } = await signedIn();
    await page.getByRole('button', { name: 'SV', exact: true }).click();
    await page.getByRole('link', { name: decidedClaim }).click();
    await page.getByRole('heading', { name: `Skadeärende ${decidedClaim}` }).waitFor();
    await page.getByText('Läs beslutsbrevet (PDF)').waitFor();
    await expectAccessibleAndFits(page);
    await shot(page, 'portal-claim-sv');
    await page
      .getByRole('navigation', { name: 'Portalens sidor' })
      .getByRole('link', { name: 'Ny skadeanmälan' })
      .click();
    await page.getByRole('heading', { name: 'Anmäl en skada' }).waitFor();
    await expectAccessibleAndFits(page);
    await page.getByRole('button', { name: 'IT', exact: true }).click();
    await page.getByRole('heading', { name: 'Denuncia un sinistro' }).waitFor();
    await expectAccessibleAndFits(page);
    await shot(page, 'portal-new-claim-it');
    await context.close();
    // The desk-sized screen: the header carries the links.
    const wide = await signedIn({ width: 1280, height: 800 });
    await wide.page.getByRole('button', { name: 'IT', exact: true }).click();
    await wide.page.getByRole('navigation', { name: /./ }).first().waitFor();
    await wide.page.goto(`${server.url}/app/portal/cases`);
    await wide.page.getByRole('heading', { name: 'Messaggi e pratiche' }).waitFor();
    expect(await seriousAccessibilityViolations(wide.page)).toEqual([]);
    await shot(wide.page, 'portal-cases-it-desktop');
    await wide.context.close();
  });

  it("tells a customer that another customer's claim does not exist", async () => {
    const { context, page } = await signedIn();
    await page.goto(`${server.url}/app/portal/claims/${strangersClaim}`);
    await page.getByRole('alert').filter({ hasText: 'No such claim.' }).waitFor();
    expect(await page.getByText(strangersClaim).count()).toBe(0);
    await expectAccessibleAndFits(page);
    await context.close();
  });
});
