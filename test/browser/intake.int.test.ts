import { randomInt } from 'node:crypto';
import type { FastifyInstance } from 'fastify';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { newId } from '../../src/lib/ids.ts';
import { openCase } from '../../src/modules/cases/index.ts';
import { registerClaim } from '../../src/modules/claims/register-claim.ts';
import { createDepartment } from '../../src/modules/departments/index.ts';
import { createUser, systemActor } from '../../src/modules/users/index.ts';
import { claimBody, countRows } from '../api/api-helpers.ts';
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

// The intake screens in Chromium: a representative finds a customer by personnummer and a claim by
// its number, answers an incoming call from a known number and logs it, registers a claim during
// that call through the guided flow (a validation error shows at its field, then the assessment
// shows at once), opens a service case and messages the customer after confirming the text, and
// reads the cases in Italian. Then the additions of issue 8: the live assessment preview while a
// claim is typed (nothing saved), a new service case opened by staff from the customer page and
// from the cases list (with its confirmation), and a referral called off by whoever made it.
// axe-core finds no serious or critical violation on any of them.

const PASSWORD = 'correct horse battery staple';
let browser: Browser;
let server: { app: FastifyInstance; url: string };
let repEmail: string;
let agentEmail: string;
let departmentName: string;
let customer: { id: string; nationalId: string; givenName: string; familyName: string };
let phoneDigits: string; // 7 digits after 070
let claimNumber: string;
let caseNumber: string;

beforeAll(async () => {
  const { db } = await testDatabase();
  [browser, server] = await Promise.all([launchBrowser(), serveApp()]);
  const actor = systemActor('test');
  // A number of its own, so that the screen-pop finds this customer only.
  phoneDigits = String(randomInt(1_000_000, 9_999_999));
  const c = await makeCustomer(db, {
    givenName: 'Ingrid',
    familyName: `Intake${newId().slice(-6)}`,
    phone: `+4670${phoneDigits}`,
  });
  customer = c;
  // Clean claims up to 5 000 SEK are decided straight through; the year's premium is paid.
  const { version } = await makeProduct(db, { currency: 'SEK', config: STRAIGHT_THROUGH_CONFIG });
  const policy = await makePolicy(db, { customerId: c.id, productVersionId: version.id });
  await payPremiums(db, { policyId: policy.id, amountMinor: 12 * 19_900, paidOn: ['2026-01-01'] });
  const { claim } = await registerClaim({ db, actor, input: claimBody(c.id, policy.id) as never });
  claimNumber = claim.claimNumber;
  const opened = await openCase({
    db,
    actor,
    input: {
      customerId: c.id,
      kind: 'general_inquiry',
      subject: 'Question about my cover abroad',
      description: 'Am I covered when skiing in Italy?',
    },
  });
  caseNumber = opened.body.caseNumber;
  repEmail = `rep-${newId()}@test.claimdesk.example`;
  await createUser({
    db,
    actor,
    user: {
      email: repEmail,
      displayName: 'Ivo Intake',
      role: 'representative',
      password: PASSWORD,
      customerId: null,
    },
  });
  // A department of this file's own, with an agent who answers its referrals.
  const code = `intake_${newId()
    .slice(-8)
    .toLowerCase()
    .replace(/[^a-z0-9]/g, 'x')}`;
  departmentName = `Medical desk ${code}`;
  await createDepartment({
    db,
    actor,
    input: { code, name: { sv: departmentName, it: departmentName, en: departmentName }, supervisorId: null },
  });
  agentEmail = `agent-${newId()}@test.claimdesk.example`;
  await createUser({
    db,
    actor,
    user: {
      email: agentEmail,
      displayName: 'Agnes Agent',
      role: 'department_agent',
      password: PASSWORD,
      customerId: null,
      department: code,
    },
  });
}, 60_000);

afterAll(async () => {
  await browser?.close();
  await server?.app.close();
});

async function signedIn(options: { email?: string } = {}): Promise<Page> {
  const context = await browser.newContext({
    locale: 'en-GB',
    viewport: { width: 1280, height: 800 },
  });
  const page = await context.newPage();
  await page.goto(`${server.url}/app/sign-in`);
  await page.getByLabel('Email').fill(options.email ?? repEmail);
  await page.locator('input[type="password"]').fill(PASSWORD);
  await page.getByRole('button', { name: 'Sign in' }).click();
  await page.waitForURL(/\/app\/desk\/?$/);
  return page;
}

describe('search, the incoming call, the guided new claim and service cases', { timeout: 120_000 }, () => {
  it('finds a customer by personnummer (`/`) and a claim by its number (Ctrl+K)', async () => {
    const page = await signedIn();
    await page.keyboard.press('/');
    const dialog = page.getByRole('dialog', { name: 'Search' });
    await dialog.waitFor();
    await dialog.getByLabel(/Name, personnummer/).fill(customer.nationalId);
    const name = `${customer.givenName} ${customer.familyName}`;
    await dialog.getByRole('link', { name }).waitFor();
    expect(await seriousAccessibilityViolations(page)).toEqual([]);
    await dialog.getByRole('link', { name }).click();
    await page.getByRole('heading', { name, level: 2 }).waitFor();
    await page.getByRole('link', { name: claimNumber }).waitFor();
    await page.getByRole('link', { name: caseNumber }).waitFor();
    expect(await seriousAccessibilityViolations(page)).toEqual([]);
    await saveScreenshot(page, 'intake-customer-en');

    await page.keyboard.press('Control+k');
    await dialog.getByLabel(/Name, personnummer/).fill(claimNumber.toLowerCase());
    await dialog.getByRole('link', { name: `Open claim ${claimNumber}` }).waitFor();
    await dialog.getByLabel(/Name, personnummer/).press('Enter');
    await page.waitForURL(`**/app/desk/claims/${claimNumber}`);
    await page.context().close();
  });

  it('shows who is calling, logs the call and registers a claim during it, with its assessment', async () => {
    const page = await signedIn();
    // The number as people say it; the screen-pop reads it as Swedish.
    await page.goto(`${server.url}/app/desk/call?number=${encodeURIComponent(`070-${phoneDigits}`)}`);
    await page.getByRole('heading', { name: `Incoming call from +4670${phoneDigits}` }).waitFor();
    const card = page.getByRole('region', { name: `${customer.givenName} ${customer.familyName}` });
    await card.getByRole('link', { name: claimNumber }).waitFor();
    await card.getByRole('link', { name: caseNumber }).waitFor();
    expect(await seriousAccessibilityViolations(page)).toEqual([]);
    await saveScreenshot(page, 'intake-call-en');

    await card.getByRole('button', { name: 'Log this call' }).click();
    const logDialog = page.getByRole('dialog', { name: 'Log this call' });
    await logDialog.getByLabel('Notes').fill('Wants to claim for a clinic visit in Spain.');
    await logDialog.getByRole('button', { name: 'Save the call' }).click();
    await page.getByText('The call is logged.').waitFor();
    await card.getByRole('button', { name: 'Call logged' }).waitFor();

    await card.getByRole('button', { name: 'New claim for this customer' }).click();
    await page.getByRole('heading', { name: 'New claim', level: 2 }).waitFor();
    await page.getByText('Registered during the call').waitFor();
    await page.getByRole('button', { name: 'Register the claim' }).waitFor();

    // Nothing filled in: the server's field errors appear at their fields.
    await page.getByRole('button', { name: 'Register the claim' }).click();
    await page.getByRole('alert').first().waitFor();
    await page
      .getByRole('textbox', { name: 'What happened' })
      .and(page.locator('[aria-invalid="true"]'))
      .waitFor();
    await page.getByLabel('Date of loss').and(page.locator('[aria-invalid="true"]')).waitFor();

    await page.getByLabel('Date of loss').fill('2026-03-10');
    await page.getByRole('textbox', { name: 'What happened' }).fill('Fell ill on holiday and saw a doctor.');
    await page.getByRole('combobox', { name: 'Cause' }).click();
    await page.getByRole('option', { name: 'Illness' }).click();
    await page.getByLabel('Country where it happened').fill('ES');
    await page.getByRole('combobox', { name: 'Benefit' }).click();
    await page.getByRole('option', { name: /Medical expenses/ }).click();
    await page.getByRole('textbox', { name: 'Description' }).fill('Doctor in Malaga');
    await page.getByLabel('Amount (SEK)').fill('980');
    await page.locator('input[type="file"]').setInputFiles({
      name: 'receipt.txt',
      mimeType: 'text/plain',
      buffer: Buffer.from('Clinica Sol, Malaga. Consultation 1 250 SEK. Paid.\n'),
    });
    await page.getByRole('combobox', { name: 'Kind of document: receipt.txt' }).click();
    await page.getByRole('option', { name: 'Receipt' }).click();
    expect(await seriousAccessibilityViolations(page)).toEqual([]);
    await page.getByRole('button', { name: 'Register the claim' }).click();

    await page.getByText(/Claim CLM-\d{4}-\d+ is registered/).waitFor();
    await page.getByRole('heading', { name: 'Assessment' }).waitFor();
    await page.getByText('Recommendation', { exact: true }).waitFor();
    // A clean claim under the threshold, with its receipt: approved straight through.
    await page.getByText('Decided automatically').waitFor();
    await page.getByText(/Decision: Approved, SEK\s?980\.00/).waitFor();
    expect(await page.getByText('was not attached').count()).toBe(0);
    expect(await seriousAccessibilityViolations(page)).toEqual([]);
    await saveScreenshot(page, 'intake-new-claim-assessment-en', { fullPage: true });
    await page.context().close();
  });

  it('opens a case from the list, messages the customer after confirming the text, and reads it in Italian', async () => {
    const page = await signedIn();
    await page
      .getByRole('navigation', { name: 'Main navigation' })
      .getByRole('link', { name: 'Cases' })
      .click();
    await page.getByRole('heading', { name: 'Service cases' }).waitFor();
    await page.getByRole('combobox', { name: 'Kind' }).click();
    await page.getByRole('option', { name: 'General inquiry' }).click();
    await page.getByRole('link', { name: caseNumber }).waitFor();
    expect(await seriousAccessibilityViolations(page)).toEqual([]);
    await page.getByRole('link', { name: caseNumber }).click();
    await page.getByRole('heading', { name: `Case ${caseNumber}` }).waitFor();
    expect(await seriousAccessibilityViolations(page)).toEqual([]);

    const text = 'Yes: skiing on marked slopes is covered. Off-piste is not.';
    await page.getByLabel('Message to the customer').fill(text);
    await page.getByRole('button', { name: 'Send to the customer…' }).click();
    const confirm = page.getByRole('dialog', { name: 'Send this message?' });
    await confirm.getByText(text).waitFor();
    await confirm.getByRole('button', { name: 'Send', exact: true }).click();
    await page.getByText('The message is sent to the customer.').waitFor();
    await page.getByRole('listitem').filter({ hasText: text }).waitFor();

    await page.getByLabel('Internal note (staff only)').check();
    await page.getByRole('textbox', { name: /^Note/ }).fill('Checked the cover terms §4.1.');
    await page.getByRole('button', { name: 'Save the note' }).click();
    await page
      .getByRole('listitem')
      .filter({ hasText: 'internal note' })
      .filter({ hasText: '§4.1' })
      .waitFor();

    await page.getByRole('button', { name: 'IT', exact: true }).click();
    await page.getByRole('heading', { name: `Pratica ${caseNumber}` }).waitFor();
    await page.getByRole('heading', { name: 'Messaggi' }).waitFor();
    expect(await seriousAccessibilityViolations(page)).toEqual([]);
    await saveScreenshot(page, 'intake-case-it', { fullPage: true });
    await page.getByRole('link', { name: 'Pratiche di servizio' }).first().click();
    await page.getByRole('heading', { name: 'Pratiche di servizio', level: 2 }).waitFor();
    expect(await seriousAccessibilityViolations(page)).toEqual([]);
    await page.context().close();
  });

  it('refers a case to a department, whose agent takes the referral and answers it', async () => {
    const page = await signedIn();
    await page.goto(`${server.url}/app/desk/cases/${caseNumber}`);
    await page.getByRole('heading', { name: `Case ${caseNumber}` }).waitFor();
    await page.getByRole('combobox', { name: 'Department' }).click();
    await page.getByRole('option', { name: departmentName }).click();
    await page.getByRole('textbox', { name: 'Question' }).fill('Is off-piste skiing excluded under §7?');
    await page.getByRole('button', { name: 'Refer', exact: true }).click();
    const sent = page.getByText(/Referral RFR-\d{4}-\d+ is sent to the department\./);
    await sent.waitFor();
    const referralNumber = ((await sent.textContent()) ?? '').match(/RFR-\d{4}-\d+/)?.[0] as string;
    await page.getByRole('link', { name: referralNumber }).waitFor();
    await page.context().close();

    const agent = await signedIn({ email: agentEmail });
    await agent.keyboard.press('/');
    await agent
      .getByRole('dialog', { name: 'Search' })
      .getByLabel(/Name, personnummer/)
      .fill(referralNumber);
    await agent
      .getByRole('dialog', { name: 'Search' })
      .getByLabel(/Name, personnummer/)
      .press('Enter');
    await agent.getByRole('heading', { name: `Referral ${referralNumber}` }).waitFor();
    expect(await seriousAccessibilityViolations(agent)).toEqual([]);
    await agent.getByRole('button', { name: 'Take this referral' }).click();
    await agent.getByText('The referral is yours.').waitFor();
    await agent
      .getByRole('textbox', { name: 'Your answer' })
      .fill('Yes: off-piste is excluded unless with a guide.');
    await agent.getByRole('button', { name: 'Send the answer' }).click();
    await agent.getByText('The answer is on the case; its owner is told.').waitFor();
    await agent.getByRole('heading', { name: 'Answer' }).waitFor();
    await agent.context().close();
  });
});

describe('the live assessment preview, new service cases and cancelling a referral', {
  timeout: 120_000,
}, () => {
  it('previews the assessment while the claim is typed, saving nothing', async () => {
    const before = await countRows('claims', { column: 'customer_id', value: customer.id });
    const page = await signedIn();
    await page.goto(`${server.url}/app/desk/new-claim?customerId=${customer.id}`);
    await page.getByRole('heading', { name: 'New claim', level: 2 }).waitFor();
    const preview = page.getByRole('region', { name: 'Assessment preview' });
    await preview.getByText(/appears here as soon as/).waitFor();

    await page.getByLabel('Date of loss').fill('2026-04-02');
    await page.getByRole('textbox', { name: 'What happened' }).fill('Stomach bug in Lisbon; saw a doctor.');
    await page.getByRole('combobox', { name: 'Benefit' }).click();
    await page.getByRole('option', { name: /Medical expenses/ }).click();
    await page.getByRole('textbox', { name: 'Description' }).fill('Doctor in Lisbon');
    await page.getByLabel('Amount (SEK)').fill('420');
    // Complete enough to parse: the preview comes, labelled as not saved, with the receipt missing.
    await preview.getByText('Preview — not saved').waitFor();
    await preview.getByText('Request information').waitFor();
    await preview.getByRole('heading', { name: 'Missing documents' }).waitFor();
    await preview.getByRole('listitem').filter({ hasText: 'Receipt' }).first().waitFor();
    expect(await seriousAccessibilityViolations(page)).toEqual([]);

    // The receipt attached: the preview follows (no registration needed).
    await page.locator('input[type="file"]').setInputFiles({
      name: 'lisbon.txt',
      mimeType: 'text/plain',
      buffer: Buffer.from('Clinica Lisboa. Consulta 420 SEK. Pago.\n'),
    });
    await page.getByRole('combobox', { name: 'Kind of document: lisbon.txt' }).click();
    await page.getByRole('option', { name: 'Receipt' }).click();
    await preview.getByText('Would be decided automatically').waitFor();
    await preview.getByText('Approve', { exact: true }).waitFor();
    await preview.scrollIntoViewIfNeeded();
    await saveScreenshot(page, 'intake-new-claim-preview-en');

    await page.getByRole('button', { name: 'SV', exact: true }).click();
    const förhands = page.getByRole('region', { name: 'Förhandsbedömning' });
    await förhands.getByText('Förhandsvisning – inte sparad').waitFor();
    await förhands.getByText('Skulle avgöras automatiskt').waitFor();
    expect(await seriousAccessibilityViolations(page)).toEqual([]);
    await förhands.scrollIntoViewIfNeeded();
    await saveScreenshot(page, 'intake-new-claim-preview-sv');
    await page.getByRole('button', { name: 'EN', exact: true }).click();
    expect(await countRows('claims', { column: 'customer_id', value: customer.id })).toBe(before);
    await page.context().close();
  });

  it('opens a service case from the customer page after confirming what the customer receives', async () => {
    const page = await signedIn();
    await page.goto(`${server.url}/app/desk/customers/${customer.id}`);
    const name = `${customer.givenName} ${customer.familyName}`;
    await page.getByRole('heading', { name, level: 2 }).waitFor();
    await page.getByRole('button', { name: 'New service case' }).click();
    const dialog = page.getByRole('dialog', { name: 'Open a service case' });
    await dialog.getByText(`For ${name}`).waitFor();
    const subject = `Card blocked abroad ${newId().slice(-4)}`;
    await dialog.getByRole('textbox', { name: 'Subject' }).fill(subject);
    await dialog
      .getByRole('textbox', { name: 'What the customer needs' })
      .fill('Asks whether cover continues.');
    expect(await seriousAccessibilityViolations(page)).toEqual([]);
    await dialog.getByRole('button', { name: 'Review…' }).click();
    await dialog.getByText(`Thank you for contacting us about "${subject}"`).waitFor();
    expect(await seriousAccessibilityViolations(page)).toEqual([]);
    await saveScreenshot(page, 'intake-new-case-confirm-en');
    await dialog.getByRole('button', { name: 'Open the case' }).click();
    await page.waitForURL(/\/app\/desk\/cases\/CASE-\d{4}-\d+$/);
    const number = page.url().match(/CASE-\d{4}-\d+/)?.[0] as string;
    await page.getByRole('heading', { name: `Case ${number}` }).waitFor();
    await page.getByText(`Case ${number} is opened; the customer is told.`).waitFor();
    await page.getByText(subject).first().waitFor();
    await page.context().close();
  });

  it('opens a service case from the cases list, finding the customer there', async () => {
    const page = await signedIn();
    await page.goto(`${server.url}/app/desk/cases`);
    await page.getByRole('heading', { name: 'Service cases', level: 2 }).waitFor();
    await page.getByRole('button', { name: 'New service case' }).click();
    const dialog = page.getByRole('dialog', { name: 'Open a service case' });
    await dialog.getByRole('combobox', { name: 'Customer', exact: true }).fill(customer.nationalId);
    await page.getByRole('option', { name: new RegExp(customer.familyName) }).click();
    await dialog.getByRole('textbox', { name: 'Subject' }).fill('Travel certificate for a visa');
    await dialog
      .getByRole('textbox', { name: 'What the customer needs' })
      .fill('Needs a certificate of cover in English.');
    expect(await seriousAccessibilityViolations(page)).toEqual([]);
    await dialog.getByRole('button', { name: 'Review…' }).click();
    await dialog.getByRole('button', { name: 'Open the case' }).click();
    await page.waitForURL(/\/app\/desk\/cases\/CASE-\d{4}-\d+$/);
    await page.getByRole('heading', { name: /^Case CASE-/ }).waitFor();
    await page.getByText('Travel certificate for a visa').first().waitFor();
    await page.context().close();
  });

  it('lets whoever referred a question call it off, with a reason and a confirmation', async () => {
    const { db } = await testDatabase();
    const opened = await openCase({
      db,
      actor: systemActor('test'),
      input: {
        customerId: customer.id,
        kind: 'general_inquiry',
        subject: 'Does my cover include dental care abroad?',
        description: 'Broke a tooth in Italy.',
      },
    });
    const number = opened.body.caseNumber;
    const page = await signedIn();
    await page.goto(`${server.url}/app/desk/cases/${number}`);
    await page.getByRole('heading', { name: `Case ${number}` }).waitFor();
    await page.getByRole('combobox', { name: 'Department' }).click();
    await page.getByRole('option', { name: departmentName }).click();
    await page.getByRole('textbox', { name: 'Question' }).fill('Is emergency dental care covered under §4?');
    await page.getByRole('button', { name: 'Refer', exact: true }).click();
    const sent = page.getByText(/Referral RFR-\d{4}-\d+ is sent to the department\./);
    await sent.waitFor();
    const referralNumber = ((await sent.textContent()) ?? '').match(/RFR-\d{4}-\d+/)?.[0] as string;
    await page.getByRole('link', { name: referralNumber }).click();
    await page.getByRole('heading', { name: `Referral ${referralNumber}` }).waitFor();
    // The representative is not the department: no taking or answering, only calling it off.
    expect(await page.getByRole('button', { name: 'Take this referral' }).count()).toBe(0);

    await page.getByRole('button', { name: 'IT', exact: true }).click();
    await page.getByRole('button', { name: 'Annulla la richiesta…' }).click();
    const dialog = page.getByRole('dialog', { name: `Annullare la richiesta ${referralNumber}?` });
    await dialog.getByText(/Il cliente non viene informato/).waitFor();
    await dialog
      .getByRole('textbox', { name: 'Perché non serve più' })
      .fill('Il cliente ha trovato la risposta.');
    expect(await seriousAccessibilityViolations(page)).toEqual([]);
    await saveScreenshot(page, 'intake-referral-cancel-it');
    await dialog.getByRole('button', { name: 'Annulla la richiesta', exact: true }).click();
    await page.getByText('La richiesta è annullata; il reparto è stato informato.').waitFor();
    await page.getByRole('heading', { name: 'Annullata' }).waitFor();
    await page.getByText('Il cliente ha trovato la risposta.').waitFor();
    expect(await page.getByRole('button', { name: 'Annulla la richiesta…' }).count()).toBe(0);
    expect(await seriousAccessibilityViolations(page)).toEqual([]);
    await page.getByRole('button', { name: 'EN', exact: true }).click();
    await page.context().close();
  });
});
