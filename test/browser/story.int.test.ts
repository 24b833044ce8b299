import { randomInt } from 'node:crypto';
import type { FastifyInstance } from 'fastify';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { newId } from '../../src/lib/ids.ts';
import { createUser, systemActor } from '../../src/modules/users/index.ts';
import {
  launchBrowser,
  saveScreenshot,
  seriousAccessibilityViolations,
  serveApp,
} from '../support/browser.ts';
import { makeCustomer, makePolicy, makeProduct, payPremiums, TRAVEL_CONFIG } from '../support/factories.ts';
import { testDatabase } from '../support/test-database.ts';

// The whole story of a claim across the desk and the portal, through the UI only (the set-up
// creates just the people, the product and the policy): a representative takes a call, registers
// the claim during it and reads the assessment; asks the customer for a medical certificate (the
// confirmation shows the question); the customer, on a phone and in Swedish, sends the
// certificate and an answer; the representative sees the claim back in review with the document
// and approves it (the confirmation shows the amount); the customer reads the decision and opens
// the letter. Then a second claim above the representative's authority escalates when they
// approve it, and their supervisor decides it from the escalations screen. axe on every page.

const PASSWORD = 'correct horse battery staple';
const PHONE = { width: 390, height: 844 };
const DESK = { width: 1280, height: 800 };
const PDF = Buffer.from(
  '%PDF-1.4\n1 0 obj<</Type/Catalog/Pages 2 0 R>>endobj\n2 0 obj<</Type/Pages/Kids[3 0 R]/Count 1>>endobj\n' +
    '3 0 obj<</Type/Page/Parent 2 0 R/MediaBox[0 0 200 200]>>endobj\ntrailer<</Root 1 0 R>>\n%%EOF\n',
);
// The same bytes twice on one claim are one document (the store deduplicates): a certificate of its own.
const CERTIFICATE = Buffer.concat([PDF, Buffer.from('% Läkarintyg, Hospital Costa del Sol\n')]);
const QUESTION = 'Vilket sjukhus vårdade dig, och hur många nätter?';
const ANSWER = 'Hospital Costa del Sol i Marbella, två nätter.';

let browser: Browser;
let server: { app: FastifyInstance; url: string };
let phoneDigits: string;
let customerName: string;
const emails = { rep: '', supervisor: '', customer: '' };

beforeAll(async () => {
  const { db } = await testDatabase();
  [browser, server] = await Promise.all([launchBrowser(), serveApp()]);
  const actor = systemActor('test');
  phoneDigits = String(randomInt(1_000_000, 9_999_999));
  const customer = await makeCustomer(db, {
    givenName: 'Sofia',
    familyName: `Story${newId().slice(-6)}`,
    phone: `+4670${phoneDigits}`,
  });
  customerName = `${customer.givenName} ${customer.familyName}`;
  // Clean claims up to 5 000 SEK are decided straight through; above it a person decides.
  const { product, version } = await makeProduct(db, {
    currency: 'SEK',
    config: { ...TRAVEL_CONFIG, straightThroughLimitMinor: 500_000 },
  });
  const policy = await makePolicy(db, { customerId: customer.id, productVersionId: version.id });
  await payPremiums(db, { policyId: policy.id, amountMinor: 12 * 19_900, paidOn: ['2026-01-01'] });

  const user = async (role: 'representative' | 'supervisor' | 'customer', displayName: string) => {
    const email = `${role}-${newId()}@test.claimdesk.example`;
    const id = await createUser({
      db,
      actor,
      user: {
        email,
        displayName,
        role,
        password: PASSWORD,
        customerId: role === 'customer' ? customer.id : null,
      },
    });
    return { email, id };
  };
  const supervisor = await user('supervisor', 'Stina Supervisor');
  const rep = await user('representative', 'Rolf Rep');
  const portal = await user('customer', customerName);
  emails.rep = rep.email;
  emails.supervisor = supervisor.email;
  emails.customer = portal.email;
  await db.updateTable('users').set({ manager_id: supervisor.id }).where('id', '=', rep.id).execute();
  // The representative decides up to 7 000 SEK, claims they registered themselves included; the
  // supervisor up to 50 000 SEK.
  await db
    .insertInto('authority_limits')
    .values([
      {
        id: newId(),
        role: null,
        user_id: rep.id,
        product_code: product.code,
        currency: 'SEK',
        max_amount_minor: 700_000,
        own_registration_max_minor: 700_000,
        causes: null,
      },
      {
        id: newId(),
        role: null,
        user_id: supervisor.id,
        product_code: product.code,
        currency: 'SEK',
        max_amount_minor: 5_000_000,
        own_registration_max_minor: 5_000_000,
        causes: null,
      },
    ])
    .execute();
}, 90_000);

afterAll(async () => {
  await browser?.close();
  await server?.app.close();
});

async function signedIn(
  email: string,
  viewport: { width: number; height: number },
): Promise<{ context: BrowserContext; page: Page }> {
  const context = await browser.newContext({ locale: 'en-GB', viewport });
  const page = await context.newPage();
  await page.goto(`${server.url}/app/sign-in`);
  expect(await seriousAccessibilityViolations(page)).toEqual([]);
  await page.getByLabel('Email').fill(email);
  await page.locator('input[type="password"]').fill(PASSWORD);
  await page.getByRole('button', { name: 'Sign in' }).click();
  return { context, page };
}

/** axe on the page once the notifications have slid away (mid-animation colours fool it). */
async function expectAccessible(page: Page) {
  await page.locator('.mantine-Notification-root').first().waitFor({ state: 'detached' });
  expect(await seriousAccessibilityViolations(page)).toEqual([]);
}

/** The phone rings: the screen-pop, then a new claim for the caller; returns the claim number. */
async function registerDuringCall(page: Page, o: { amount: string; what: string }): Promise<string> {
  await page.goto(`${server.url}/app/desk/call?number=${encodeURIComponent(`070-${phoneDigits}`)}`);
  await page.getByRole('heading', { name: `Incoming call from +4670${phoneDigits}` }).waitFor();
  const card = page.getByRole('region', { name: customerName });
  await card.getByRole('button', { name: 'New claim for this customer' }).waitFor();
  await expectAccessible(page);
  await card.getByRole('button', { name: 'New claim for this customer' }).click();
  await page.getByRole('heading', { name: 'New claim', level: 2 }).waitFor();
  await page.getByText('Registered during the call').waitFor();
  await page.getByLabel('Date of loss').fill('2026-03-10');
  await page.getByRole('textbox', { name: 'What happened' }).fill(o.what);
  await page.getByRole('combobox', { name: 'Cause' }).click();
  await page.getByRole('option', { name: 'Illness' }).click();
  await page.getByLabel('Country where it happened').fill('ES');
  await page.getByRole('combobox', { name: 'Benefit' }).click();
  await page.getByRole('option', { name: /Medical expenses/ }).click();
  await page.getByRole('textbox', { name: 'Description' }).fill('Hospital stay in Marbella');
  await page.getByLabel('Amount (SEK)').fill(o.amount);
  await page
    .locator('input[type="file"]')
    .setInputFiles({ name: 'invoice.pdf', mimeType: 'application/pdf', buffer: PDF });
  await page.getByRole('combobox', { name: 'Kind of document: invoice.pdf' }).click();
  await page.getByRole('option', { name: 'Receipt' }).click();
  await expectAccessible(page);
  await page.getByRole('button', { name: 'Register the claim' }).click();
  const registered = page.getByText(/Claim CLM-\d{4}-\d+ is registered/);
  await registered.waitFor();
  const claimNumber = ((await registered.textContent()) ?? '').match(/CLM-\d{4}-\d+/)?.[0] as string;
  expect(claimNumber).toBeTruthy();
  return claimNumber;
}

describe('the story across the desk and the portal', { timeout: 120_000 }, () => {
  it('a claim registered during a call, information asked and answered, approved, letter read', async () => {
    // 1. The representative registers the claim during the call and sees the assessment.
    const rep = await signedIn(emails.rep, DESK);
    await rep.page.getByRole('heading', { name: 'Work queue' }).waitFor();
    await expectAccessible(rep.page);
    const claimNumber = await registerDuringCall(rep.page, {
      amount: '6000',
      what: 'Fell ill on holiday and stayed in hospital.',
    });
    await rep.page.getByRole('heading', { name: 'Assessment' }).waitFor();
    await rep.page.getByText('Recommendation', { exact: true }).waitFor();
    // Above the straight-through limit: nothing decided yet, a person decides.
    expect(await rep.page.getByText('Decided automatically').count()).toBe(0);
    await expectAccessible(rep.page);
    await saveScreenshot(rep.page, 'story-new-claim-assessment-en', { fullPage: true });

    // 2. It opens in the workspace; the representative asks for a medical certificate.
    await rep.page.getByRole('link', { name: `Open claim ${claimNumber}` }).click();
    await rep.page.getByRole('heading', { name: `Claim ${claimNumber}` }).waitFor();
    await rep.page.getByRole('heading', { name: 'Assessment' }).waitFor();
    await expectAccessible(rep.page);
    await rep.page.getByRole('button', { name: /Request information/ }).click();
    const ask = rep.page.getByRole('dialog', { name: 'Request information from the customer' });
    await ask.getByLabel('Medical certificate').check();
    await ask.getByLabel('Question to the customer (optional)').fill(QUESTION);
    await ask.getByRole('button', { name: 'Review' }).click();
    await ask.getByText('The customer will receive').waitFor();
    await ask.getByText(`“${QUESTION}”`).waitFor();
    expect(await ask.getByText('Medical certificate').count()).toBeGreaterThan(0);
    expect(await seriousAccessibilityViolations(rep.page)).toEqual([]);
    await ask.getByRole('button', { name: 'Send the request' }).click();
    await rep.page.getByText('Awaiting information', { exact: true }).waitFor();

    // 3. The customer, on a phone and in Swedish, sends the certificate and answers the question.
    const customer = await signedIn(emails.customer, PHONE);
    const { page: phone } = customer;
    await phone.getByRole('heading', { name: 'My claims' }).waitFor();
    await phone.getByRole('button', { name: 'SV', exact: true }).click();
    await phone.getByRole('heading', { name: 'Mina skadeärenden' }).waitFor();
    await phone.getByText('Vi behöver något från dig').first().waitFor();
    await expectAccessible(phone);
    await phone.getByRole('link', { name: claimNumber }).click();
    await phone.getByRole('heading', { name: `Skadeärende ${claimNumber}` }).waitFor();
    await phone.getByRole('heading', { name: 'Det här behöver vi från dig' }).waitFor();
    await phone.getByText('Läkarintyg').first().waitFor();
    await phone.getByText(QUESTION, { exact: true }).waitFor();
    await expectAccessible(phone);
    await saveScreenshot(phone, 'story-portal-request-sv');
    await phone
      .locator('input[type="file"]')
      .setInputFiles({ name: 'lakarintyg.pdf', mimeType: 'application/pdf', buffer: CERTIFICATE });
    // The kind starts as the document asked for.
    expect(await phone.getByLabel('Vad är lakarintyg.pdf?').inputValue()).toBe('medical_certificate');
    await phone.getByLabel('Ditt svar (valfritt)').fill(ANSWER);
    await expectAccessible(phone);
    await phone.getByRole('button', { name: 'Skicka svaret' }).click();
    await phone.getByText('ditt svar är skickat').waitFor();
    await phone.getByText('Handläggs').first().waitFor();
    expect(await phone.getByRole('heading', { name: 'Det här behöver vi från dig' }).count()).toBe(0);
    const overflow = await phone.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
    expect(overflow).toBeLessThanOrEqual(0);

    // 4. The representative sees the answer: back in review, the certificate among the documents,
    // the request answered on the customer's timeline; then approves with the amount shown.
    await rep.page.reload();
    await rep.page.getByRole('heading', { name: `Claim ${claimNumber}` }).waitFor();
    await rep.page.getByText('In review', { exact: true }).first().waitFor();
    await rep.page.getByRole('button', { name: 'View lakarintyg.pdf' }).waitFor();
    await rep.page.getByRole('tab', { name: 'Customer timeline' }).click();
    // The request's items in words (the document kind, then the question as written), and its status.
    await rep.page
      .getByText(/^Medical certificate; /)
      .first()
      .waitFor();
    await rep.page
      .getByText(/^Answered( · |$)/)
      .first()
      .waitFor();
    await expectAccessible(rep.page);
    await rep.page.getByRole('button', { name: 'Approve', exact: true }).click();
    const approve = rep.page.getByRole('dialog', { name: 'Approve the claim' });
    await approve.getByRole('button', { name: 'Review' }).click();
    await approve.getByText(/We will pay\s+SEK\s*6,000\.00/).waitFor();
    expect(await seriousAccessibilityViolations(rep.page)).toEqual([]);
    await saveScreenshot(rep.page, 'story-approve-confirmation-en');
    await approve.getByRole('button', { name: 'Approve', exact: true }).click();
    await rep.page.getByText('Decided', { exact: true }).first().waitFor();
    await rep.page.getByRole('heading', { name: 'Payments' }).waitFor();
    await expectAccessible(rep.page);

    // 5. The customer sees the decision (still in Swedish) and opens the decision letter.
    await phone.reload();
    await phone.getByRole('heading', { name: 'Beslut' }).waitFor();
    await phone.getByText('Godkänd').first().waitFor();
    const letter = phone.getByRole('link', { name: 'Läs beslutsbrevet (PDF)' });
    await expectAccessible(phone);
    await saveScreenshot(phone, 'story-portal-decision-sv');
    const href = (await letter.getAttribute('href')) as string;
    expect(href).toContain(claimNumber);
    // The link opens the letter in a new tab; its bytes are the PDF, read with the customer's session.
    const [opened] = await Promise.all([customer.context.waitForEvent('page'), letter.click()]);
    await opened.waitForURL(`${server.url}${href}`, { waitUntil: 'commit' });
    await opened.close();
    const pdf = await customer.context.request.get(`${server.url}${href}`);
    expect(pdf.status()).toBe(200);
    expect(pdf.headers()['content-type']).toMatch(/^application\/pdf/);
    expect((await pdf.body()).subarray(0, 5).toString()).toBe('%PDF-');
    await customer.context.close();
    await rep.context.close();
  });

  it("escalates a claim above the representative's authority; the supervisor decides it", async () => {
    // 6. A second claim, above the representative's authority: approving it escalates it.
    const rep = await signedIn(emails.rep, DESK);
    await rep.page.getByRole('heading', { name: 'Work queue' }).waitFor();
    const big = await registerDuringCall(rep.page, {
      amount: '8000',
      what: 'Back in hospital after the holiday.',
    });
    await rep.page.getByRole('link', { name: `Open claim ${big}` }).click();
    await rep.page.getByRole('heading', { name: `Claim ${big}` }).waitFor();
    await rep.page.getByRole('button', { name: 'Approve', exact: true }).click();
    const proposal = rep.page.getByRole('dialog', { name: 'Approve the claim' });
    await proposal.getByRole('button', { name: 'Review' }).click();
    await proposal.getByText(/We will pay\s+SEK\s*8,000\.00/).waitFor();
    await proposal.getByRole('button', { name: 'Approve', exact: true }).click();
    await rep.page.getByText('Escalated, not decided').waitFor();
    await rep.page.getByText('Escalated', { exact: true }).first().waitFor();
    await expectAccessible(rep.page);
    await rep.context.close();

    // 7. The supervisor decides it from the escalations screen.
    const sup = await signedIn(emails.supervisor, DESK);
    await sup.page.getByRole('heading', { name: 'Work queue' }).waitFor();
    await sup.page.getByRole('link', { name: 'Supervisor' }).click();
    await sup.page.getByRole('heading', { name: 'Supervisor', level: 2 }).waitFor();
    const escalations = sup.page.getByRole('region', { name: 'Escalated to me' }).last();
    await escalations.getByRole('cell', { name: big, exact: true }).waitFor();
    await expectAccessible(sup.page);
    await saveScreenshot(sup.page, 'story-supervisor-escalations-en', { fullPage: true });
    await sup.page.getByRole('link', { name: `Decide claim ${big}` }).click();
    await sup.page.getByRole('heading', { name: `Claim ${big}` }).waitFor();
    await expectAccessible(sup.page);
    await sup.page.getByRole('button', { name: 'Approve', exact: true }).click();
    const decide = sup.page.getByRole('dialog', { name: 'Approve the claim' });
    await decide.getByRole('button', { name: 'Review' }).click();
    await decide.getByText(/We will pay\s+SEK\s*8,000\.00/).waitFor();
    await decide.getByRole('button', { name: 'Approve', exact: true }).click();
    await sup.page.getByText('Decided', { exact: true }).first().waitFor();
    await expectAccessible(sup.page);
    // Decided: it has left the escalations queue.
    await sup.page.getByRole('link', { name: 'Supervisor' }).click();
    await sup.page.getByText('No open escalations.').waitFor();
    await sup.context.close();
  });
});
