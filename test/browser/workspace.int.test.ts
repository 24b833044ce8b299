import type { FastifyInstance } from 'fastify';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { newId } from '../../src/lib/ids.ts';
import { registerClaim } from '../../src/modules/claims/register-claim.ts';
import { uploadDocument } from '../../src/modules/documents/index.ts';
import {
  answerInformationRequest,
  requestInformation,
} from '../../src/modules/information-requests/index.ts';
import { createUser, systemActor } from '../../src/modules/users/index.ts';
import { claimBody } from '../api/api-helpers.ts';
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

// The claim workspace in Chromium: a representative opens a claim in review and reads its
// assessment, policy and documents, uploads and views a document, requests information (the
// confirmation shows what the customer is asked), approves another claim (the confirmation shows
// the amount) and then sees the decision and its payment order; `?` lists the shortcuts; a run in
// Swedish decides by keyboard alone. axe-core finds nothing serious on the workspace.

const PASSWORD = 'correct horse battery staple';
let browser: Browser;
let server: { app: FastifyInstance; url: string };
let repEmail: string;
let supEmail: string;
const claims: string[] = [];

// A one-page PDF, small enough to write inline: the document store detects its type from the bytes.
const PDF = Buffer.from(
  '%PDF-1.4\n1 0 obj<</Type/Catalog/Pages 2 0 R>>endobj\n2 0 obj<</Type/Pages/Kids[3 0 R]/Count 1>>endobj\n' +
    '3 0 obj<</Type/Page/Parent 2 0 R/MediaBox[0 0 200 200]>>endobj\ntrailer<</Root 1 0 R>>\n%%EOF\n',
);

beforeAll(async () => {
  const { db } = await testDatabase();
  [browser, server] = await Promise.all([launchBrowser(), serveApp()]);
  const system = systemActor('test');
  repEmail = `rep-${newId()}@test.claimdesk.example`;
  supEmail = `sup-${newId()}@test.claimdesk.example`;
  const supId = await createUser({
    db,
    actor: system,
    user: {
      email: supEmail,
      displayName: 'Sara Super',
      role: 'supervisor',
      password: PASSWORD,
      customerId: null,
    },
  });
  const repId = await createUser({
    db,
    actor: system,
    user: {
      email: repEmail,
      displayName: 'Rita Rep',
      role: 'representative',
      password: PASSWORD,
      customerId: null,
    },
  });
  await db.updateTable('users').set({ manager_id: supId }).where('id', '=', repId).execute();
  // Above the straight-through limit (5 000 SEK) with the receipt received: each claim waits in
  // review, recommended for approval, within the representative's authority (9 000 SEK).
  const customer = await makeCustomer(db);
  const { product, version } = await makeProduct(db, { config: STRAIGHT_THROUGH_CONFIG });
  const policy = await makePolicy(db, { customerId: customer.id, productVersionId: version.id });
  await payPremiums(db, { policyId: policy.id, amountMinor: 12 * 19_900, paidOn: ['2026-01-01'] });
  await db
    .insertInto('authority_limits')
    .values({
      id: newId(),
      role: 'representative',
      user_id: null,
      product_code: product.code,
      currency: 'SEK',
      max_amount_minor: 900_000,
      own_registration_max_minor: 300_000,
      causes: null,
    })
    .execute();
  for (let i = 0; i < 4; i++) {
    const { claim } = await registerClaim({
      db,
      actor: system,
      input: claimBody(customer.id, policy.id, {
        cause: 'illness',
        documents: ['receipt'],
        description: `Hospital stay ${i + 1}`,
        incidentDate: `2026-02-1${i + 1}`,
        lines: [
          {
            benefitCode: 'MEDICAL_EXPENSES',
            description: 'Hospital stay',
            serviceDate: `2026-02-1${i + 1}`,
            amountMinor: 800_000,
            currency: 'SEK',
          },
        ],
      }) as never,
    });
    expect(claim.status).toBe('in_review');
    await db.updateTable('work_items').set({ owner_id: repId }).where('subject_id', '=', claim.id).execute();
    claims.push(claim.claimNumber);
  }
}, 90_000);

afterAll(async () => {
  await browser?.close();
  await server?.app.close();
});

async function signIn(page: Page, email = repEmail) {
  await page.goto(`${server.url}/app/sign-in`);
  await page.locator('input[type="email"], input[name="email"]').first().fill(email);
  await page.locator('input[type="password"]').fill(PASSWORD);
  await page.locator('button[type="submit"]').click();
  await page.waitForURL('**/app/desk**');
}

describe('the claim workspace in Chromium', { timeout: 120_000 }, () => {
  it('shows the assessment and documents, requests information and approves with confirmations', async () => {
    const context = await browser.newContext({ locale: 'en-GB', viewport: { width: 1280, height: 800 } });
    const page = await context.newPage();
    await signIn(page);
    const [first, second] = claims as [string, string];

    await page.goto(`${server.url}/app/desk/claims/${first}`);
    await page.getByRole('heading', { name: `Claim ${first}` }).waitFor();
    await page.getByRole('heading', { name: 'Assessment' }).waitFor();
    await page.getByRole('region', { name: 'Amounts per line' }).waitFor();
    await page.getByRole('heading', { name: 'Policy and product' }).waitFor();
    await page.getByText('Version in force on the date of loss').waitFor();
    await page.getByRole('heading', { name: 'Checklist' }).waitFor();

    // Upload a PDF and view it.
    await page
      .locator('input[type="file"]')
      .setInputFiles({ name: 'receipt.pdf', mimeType: 'application/pdf', buffer: PDF });
    await page.getByRole('button', { name: 'Upload', exact: true }).click();
    await page.getByRole('button', { name: 'View receipt.pdf' }).click();
    await page.locator('iframe[title="receipt.pdf"]').waitFor();
    // Notifications slide in and out: axe reads their colours mid-animation, so let them go first.
    await page.locator('.mantine-Notification-root').first().waitFor({ state: 'detached' });
    expect(await seriousAccessibilityViolations(page)).toEqual([]);
    await page.evaluate(() => window.scrollTo(0, 0));
    await saveScreenshot(page, 'workspace-claim-en');

    // Request information: the confirmation shows what the customer is asked for.
    await page.getByRole('button', { name: /Request information/ }).click();
    const ask = page.getByRole('dialog', { name: 'Request information from the customer' });
    await ask.getByLabel('Medical certificate').check();
    await ask.getByLabel('Question to the customer (optional)').fill('Which hospital treated you?');
    await ask.getByRole('button', { name: 'Review' }).click();
    await ask.getByText('The customer will receive').waitFor();
    await ask.getByText('“Which hospital treated you?”').waitFor();
    expect(await ask.getByText('Medical certificate').count()).toBeGreaterThan(0);
    expect(await seriousAccessibilityViolations(page)).toEqual([]);
    await ask.getByRole('button', { name: 'Send the request' }).click();
    await page.getByText('Information requested').waitFor();
    await page.getByText('Awaiting information', { exact: true }).waitFor();

    // Approve the second claim: the confirmation shows the amount, then the decision and payment.
    await page.goto(`${server.url}/app/desk/claims/${second}`);
    await page.getByRole('heading', { name: `Claim ${second}` }).waitFor();
    await page.getByRole('button', { name: 'Approve', exact: true }).click();
    const approve = page.getByRole('dialog', { name: 'Approve the claim' });
    await approve.getByRole('button', { name: 'Review' }).click();
    await approve.getByText(/We will pay\s+SEK\s*8,000\.00|We will pay 8,000\.00/).waitFor();
    await saveScreenshot(page, 'workspace-approve-confirmation-en');
    await approve.getByRole('button', { name: 'Approve', exact: true }).click();
    await page.getByText('Decided', { exact: true }).first().waitFor();
    await page.getByRole('heading', { name: 'Payments' }).waitFor();
    await page.getByRole('cell', { name: /^PAY-/ }).first().waitFor();
    await page.getByRole('heading', { name: 'Ledger' }).waitFor();
    await page.locator('.mantine-Notification-root').first().waitFor({ state: 'detached' });
    expect(await seriousAccessibilityViolations(page)).toEqual([]);
    await context.close();
  });

  it('works in Swedish by keyboard: ? lists the shortcuts, a approves with the amount shown', async () => {
    const context = await browser.newContext({ locale: 'sv-SE', viewport: { width: 1280, height: 800 } });
    const page = await context.newPage();
    await signIn(page);
    const third = claims[2] as string;
    await page.goto(`${server.url}/app/desk/claims/${third}`);
    // The user's own language (English) was chosen at sign-in; the switch makes it Swedish.
    await page.getByRole('button', { name: 'SV', exact: true }).click();
    await page.getByRole('heading', { name: `Skadeärende ${third}` }).waitFor();
    await page.getByRole('heading', { name: 'Försäkring och produkt' }).waitFor();

    await page.keyboard.press('?');
    const help = page.getByRole('dialog', { name: 'Kortkommandon' });
    await help.getByRole('cell', { name: 'Godkänn', exact: true }).waitFor();
    await help.getByRole('cell', { name: 'Begär komplettering' }).waitFor();
    expect(await seriousAccessibilityViolations(page)).toEqual([]);
    await saveScreenshot(page, 'workspace-shortcuts-sv');
    await page.keyboard.press('Escape');
    await help.waitFor({ state: 'hidden' });

    await saveScreenshot(page, 'workspace-claim-sv');
    await page.keyboard.press('a');
    const approve = page.getByRole('dialog', { name: 'Godkänn ärendet' });
    await approve.getByRole('button', { name: 'Granska' }).click();
    await approve.getByText(/Vi betalar ut 8\s000,00\s*kr/).waitFor();
    await approve.getByRole('button', { name: 'Godkänn', exact: true }).click();
    await page.getByText('Beslutat', { exact: true }).first().waitFor();
    await page.getByText('Godkänd', { exact: true }).first().waitFor();
    await context.close();
  });
  it('shows the customer’s answer next to the request, the timeline in words, and an identical upload as already on file', async () => {
    const { db } = await testDatabase();
    const system = systemActor('test');
    const fourth = claims[3] as string;
    // The representative asked; the customer sent a certificate and wrote an answer.
    const asked = await requestInformation({
      db,
      actor: system,
      ref: fourth,
      input: {
        version: (
          await db
            .selectFrom('claims')
            .select('version')
            .where('claim_number', '=', fourth)
            .executeTakeFirstOrThrow()
        ).version,
        items: [
          { kind: 'document', document: 'medical_certificate' },
          { kind: 'question', text: 'Which hospital treated you?' },
        ],
      },
    });
    await uploadDocument({
      db,
      actor: system,
      target: { entityType: 'claim', entityId: asked.id },
      filename: 'intyg.pdf',
      declaredType: 'application/pdf',
      content: PDF,
      kind: 'medical_certificate',
    });
    await answerInformationRequest({
      db,
      actor: system,
      ref: fourth,
      input: {
        channel: 'portal',
        documents: ['medical_certificate'],
        answers: ['Södersjukhuset in Stockholm, 14–16 February.'],
      },
    });

    const context = await browser.newContext({ locale: 'en-GB', viewport: { width: 1280, height: 800 } });
    const page = await context.newPage();
    await signIn(page);
    await page.goto(`${server.url}/app/desk/claims/${fourth}`);
    await page.getByRole('heading', { name: `Claim ${fourth}` }).waitFor();
    const requests = page.getByRole('region', { name: 'Requests for information' });
    await requests.getByText('Södersjukhuset in Stockholm, 14–16 February.').waitFor();
    await requests.getByText(/^Answered .* by Portal$/).waitFor();
    await requests.getByText('“Which hospital treated you?”').waitFor();
    await requests.getByText(/^intyg\.pdf \(Medical certificate\), /).waitFor();
    expect(await requests.getByText('Says they sent').count()).toBe(1);

    // The timeline: kinds, statuses and notices in words, no stored code left raw.
    await page.getByRole('tab', { name: 'Customer timeline' }).click();
    // One panel is mounted at a time (the others are not kept in the page).
    const timeline = page.getByRole('tabpanel');
    await timeline.getByText('Medical certificate; Which hospital treated you?').first().waitFor();
    await timeline
      .getByText(/^Answered · Email$/)
      .first()
      .waitFor();
    await timeline
      .getByText(/^Request for information · /)
      .first()
      .waitFor();
    const text = (await timeline.textContent()) ?? '';
    expect(text).not.toMatch(/information\.requested|claim\.acknowledged|in_review|application\/pdf/);
    expect(text).not.toMatch(/\b[a-z]+_[a-z_]+\b/);
    expect(await seriousAccessibilityViolations(page)).toEqual([]);

    // The same bytes again, said to be a receipt: the form says it is already on the claim.
    await page.getByRole('tab', { name: 'Documents' }).click();
    await page
      .locator('input[type="file"]')
      .setInputFiles({ name: 'scan-0042.pdf', mimeType: 'application/pdf', buffer: PDF });
    await page.getByRole('combobox', { name: 'Kind' }).click();
    await page.getByRole('option', { name: 'Receipt' }).click();
    await page.getByRole('button', { name: 'Upload', exact: true }).click();
    const already = page.getByRole('status').filter({ hasText: 'Already on the claim' });
    await already.getByText(/^This file is already on the claim as intyg\.pdf, received /).waitFor();
    await already.getByText('It is filed as Medical certificate, not as Receipt.').waitFor();
    expect(await page.getByRole('button', { name: 'View scan-0042.pdf' }).count()).toBe(0);
    await page.locator('.mantine-Notification-root').first().waitFor({ state: 'detached' });
    expect(await seriousAccessibilityViolations(page)).toEqual([]);

    // The same in Italian.
    await page.getByRole('button', { name: 'IT', exact: true }).click();
    await page.getByRole('heading', { name: `Sinistro ${fourth}` }).waitFor();
    await page
      .getByRole('region', { name: 'Richieste di informazioni' })
      .getByText('Risposta ricevuta')
      .first()
      .waitFor();
    await page.getByText('Già presente sulla pratica').first().waitFor();
    await page.getByRole('region', { name: 'Richieste di informazioni' }).scrollIntoViewIfNeeded();
    await saveScreenshot(page, 'workspace-answer-it');
    await context.close();
  });

  it('names the deadline rules in the compliance report, in the reader’s language', async () => {
    const context = await browser.newContext({ locale: 'sv-SE', viewport: { width: 1280, height: 800 } });
    const page = await context.newPage();
    await signIn(page, supEmail);
    await page.goto(`${server.url}/app/desk/reports`);
    // The section and its table of numbers share the report's name; the table comes last.
    const table = page.getByRole('region', { name: 'Deadline compliance', exact: true }).last();
    await table.locator('tbody tr').first().waitFor();
    const names = () => table.locator('tbody tr td:first-child').allInnerTexts();
    // The names come from the deadline policies in force, in the reader's language.
    await expect
      .poll(async () => (await names()).filter((n) => n.startsWith('Deadline rule')).length)
      .toBe(0);
    for (const name of await names()) expect(name).not.toMatch(/^(se|it|internal)\.[a-z0-9_.]+$/);
    expect(await seriousAccessibilityViolations(page)).toEqual([]);
    await page.getByRole('button', { name: 'SV', exact: true }).click();
    const sv = page.getByRole('region', { name: 'Efterlevnad av tidsfrister', exact: true }).last();
    await sv.locator('tbody tr').first().waitFor();
    const svNames = await sv.locator('tbody tr td:first-child').allInnerTexts();
    expect(svNames.some((n) => /[åäö]|Beslut|Svar|Första/.test(n))).toBe(true);
    await page.getByRole('heading', { name: 'Efterlevnad av tidsfrister' }).evaluate((h) => {
      // Below the sticky header, which would cover the heading.
      h.scrollIntoView({ block: 'start' });
      window.scrollBy(0, -72);
    });
    await saveScreenshot(page, 'workspace-report-rules-sv');
    await context.close();
  });
});
