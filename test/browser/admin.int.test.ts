import type { FastifyInstance } from 'fastify';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { newId } from '../../src/lib/ids.ts';
import { createUser, systemActor } from '../../src/modules/users/index.ts';
import {
  launchBrowser,
  saveScreenshot,
  seriousAccessibilityViolations,
  serveApp,
} from '../support/browser.ts';
import { makeProduct, makeProductVersion, TRAVEL_CONFIG } from '../support/factories.ts';
import { testDatabase } from '../support/test-database.ts';

// The administrator's configuration screens in Chromium: a product's versions and terms; a new
// version saved with an invalid configuration (the server's errors shown at their JSON paths),
// fixed, saved as a draft and activated; the deadline policies and Sweden's 2026 calendar (with
// midsommarafton closed), also in Italian; an authority limit edited; an auditor reads without
// the change buttons; a representative is kept out; a version retired (and the only version in
// force refused); a company deadline's clock changed and a closed day added and removed. axe on
// each page.

const PASSWORD = 'correct horse battery staple';
let browser: Browser;
let server: { app: FastifyInstance; url: string };
let productId: string;
let productCode: string;
let limitId: string;
const people = {
  admin: { email: '', name: 'Ada Admin' },
  auditor: { email: '', name: 'Aldo Auditor' },
  rep: { email: '', name: 'Rune Rep' },
  holder: { email: '', name: 'Hanna Holder' },
};

const CONFIG = {
  ...TRAVEL_CONFIG,
  covers: [
    {
      ...TRAVEL_CONFIG.covers[0],
      limits: { perClaimMinor: 2_000_000, perYearMinor: 5_000_000, per: 'insured_person', clause: '§4.3' },
      coPayment: { sharePermille: 100, clause: '§4.4' },
    },
    { ...TRAVEL_CONFIG.covers[1], waitingPeriod: { days: 14, clause: '§6.3' } },
  ],
  exclusions: [
    {
      code: 'extreme_sports',
      clause: '§9.1',
      text: {
        sv: 'Extremsporter omfattas inte.',
        it: 'Gli sport estremi sono esclusi.',
        en: 'Extreme sports are not covered.',
      },
      causes: ['extreme_sports'],
    },
  ],
  deductible: { amountMinor: 50_000, per: 'claim', clause: '§8.1' },
  straightThroughLimitMinor: 500_000,
};

async function makeUser(role: 'administrator' | 'auditor' | 'representative', name: string) {
  const { db } = await testDatabase();
  const email = `${role}-${newId()}@test.claimdesk.example`;
  const id = await createUser({
    db,
    actor: systemActor('test'),
    user: { email, displayName: name, role, password: PASSWORD, customerId: null },
  });
  return { email, id, name };
}

beforeAll(async () => {
  const { db } = await testDatabase();
  [browser, server] = await Promise.all([launchBrowser(), serveApp()]);
  people.admin = await makeUser('administrator', people.admin.name);
  people.auditor = await makeUser('auditor', people.auditor.name);
  people.rep = await makeUser('representative', people.rep.name);
  const holder = await makeUser('representative', `Hanna Holder ${newId().slice(-6)}`);
  people.holder = holder;
  const { product } = await makeProduct(db, { config: CONFIG });
  productId = product.id;
  productCode = product.code;
  limitId = newId();
  await db
    .insertInto('authority_limits')
    .values({
      id: limitId,
      role: null,
      user_id: holder.id,
      product_code: productCode,
      currency: 'SEK',
      max_amount_minor: 1_000_000,
      own_registration_max_minor: 200_000,
      causes: ['illness'],
      may_deny: false,
    })
    .execute();
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
  await page.waitForURL('**/app/desk');
}

async function expectAccessible(page: Page) {
  expect(await seriousAccessibilityViolations(page)).toEqual([]);
}

describe('the administrator’s configuration screens in Chromium', { timeout: 120_000 }, () => {
  it('views a product, saves an invalid version, fixes it, saves a draft and activates it', async () => {
    const context = await browser.newContext({ locale: 'en-GB', viewport: { width: 1280, height: 800 } });
    const page = await context.newPage();
    await signIn(page, people.admin.email);
    await page
      .getByRole('navigation', { name: 'Main navigation' })
      .getByRole('link', { name: 'Configuration' })
      .click();
    await page.getByRole('heading', { name: 'Products and programmes', level: 2 }).waitFor();
    await expectAccessible(page);

    await page.getByRole('link', { name: productCode }).click();
    await page.getByRole('heading', { name: new RegExp(`^${productCode} — `) }).waitFor();
    await page.getByRole('heading', { name: 'Terms of version 1' }).waitFor();
    const clauses = page.getByRole('region', { name: 'Clauses and their texts' });
    await clauses.getByRole('cell', { name: 'Extreme sports are not covered.' }).waitFor();
    await clauses.getByRole('cell', { name: 'Gli sport estremi sono esclusi.' }).waitFor();
    await page.getByText('Straight-through up to').waitFor();
    await expectAccessible(page);
    await saveScreenshot(page, 'admin-product-en');

    // A new version starts from the current terms; break two of them.
    await page.getByRole('button', { name: 'New version' }).click();
    const editor = page.getByLabel('Configuration (JSON)');
    const started = JSON.parse(await editor.inputValue()) as typeof CONFIG;
    expect(started.straightThroughLimitMinor).toBe(500_000);
    const broken = {
      ...started,
      covers: [{ ...started.covers[0], clause: '4.1' }, started.covers[1]],
      premiumTerms: { graceDays: 90, lapseAfterDays: 60 },
    };
    await editor.fill(JSON.stringify(broken, null, 2));
    await page.getByLabel('In force from').fill('2027-01-01');
    await page.getByRole('button', { name: 'Save as draft' }).click();
    const alert = page.getByRole('alert').filter({ hasText: 'config.covers.0.clause' });
    await alert.waitFor();
    await alert.getByText('config.premiumTerms.graceDays').waitFor();
    await page.getByText(/found 2 error/).waitFor();
    await expectAccessible(page);
    await page.getByRole('button', { name: 'Save as draft' }).scrollIntoViewIfNeeded();
    await saveScreenshot(page, 'admin-product-errors-en');

    const fixed = { ...started, straightThroughLimitMinor: 300_000 };
    await editor.fill(JSON.stringify(fixed, null, 2));
    await page.getByRole('button', { name: 'Save as draft' }).click();
    await page.getByText('Draft version 2 saved.').waitFor();
    await page.getByRole('heading', { name: 'Terms of version 2' }).waitFor();

    await page.getByRole('button', { name: 'Activate version 2' }).click();
    const dialog = page.getByRole('dialog', { name: `Activate version 2 of ${productCode}?` });
    await dialog.getByText(/assessed on version 2/).waitFor();
    await expectAccessible(page);
    await dialog.getByRole('button', { name: 'Activate', exact: true }).click();
    await page.getByText('Version 2 is active.').waitFor();
    await page.getByRole('button', { name: 'Activate version 2' }).waitFor({ state: 'detached' });
    const { db } = await testDatabase();
    const versions = await db
      .selectFrom('product_versions')
      .select(['version', 'status', 'effective_from'])
      .where('product_id', '=', productId)
      .orderBy('version')
      .execute();
    expect(versions.map((v) => [v.version, v.status])).toEqual([
      [1, 'active'],
      [2, 'active'],
    ]);
    expect(versions[1]?.effective_from).toBe('2027-01-01');
    await context.close();
  });

  it('shows the deadline policies and Sweden’s 2026 calendar, and the page in Italian', async () => {
    const context = await browser.newContext({ locale: 'en-GB', viewport: { width: 1280, height: 800 } });
    const page = await context.newPage();
    await signIn(page, people.admin.email);
    await page.goto(`${server.url}/app/desk/admin/deadlines`);
    await page.getByRole('heading', { name: 'Deadline policies in force' }).waitFor();
    await page.getByRole('cell', { name: /Claim payment \(one month\)/ }).waitFor();
    await page.getByText(/Försäkringsavtalslagen \(2005:104\) 7 kap\. 8 §/).waitFor();
    await page.getByLabel('Country').selectOption('SE');
    await page.getByLabel('Year').selectOption('2026');
    const closed = page.getByRole('region', { name: 'Holidays and closed days in 2026' });
    const midsummerEve = closed.getByRole('row').filter({ hasText: 'Midsummer Eve' });
    await midsummerEve.waitFor();
    expect(await midsummerEve.textContent()).toMatch(/19 Jun 2026.*Friday.*Office closed/);
    await expectAccessible(page);
    await saveScreenshot(page, 'admin-deadlines-en');

    await page.getByRole('button', { name: 'IT', exact: true }).click();
    await page.getByRole('heading', { name: 'Scadenze e calendari' }).waitFor();
    await page.getByRole('cell', { name: /Pagamento dell’indennizzo \(un mese\)/ }).waitFor();
    await page
      .getByRole('region', { name: 'Festività e giorni di chiusura nel 2026' })
      .getByRole('row')
      .filter({ hasText: 'midsommarafton' })
      .getByText('Ufficio chiuso')
      .waitFor();
    await expectAccessible(page);
    // The picture shows the calendar (below the policies), clear of the fixed header.
    await page.getByRole('heading', { name: 'Calendario lavorativo' }).evaluate((el) => {
      el.scrollIntoView();
      window.scrollBy(0, -72);
    });
    await saveScreenshot(page, 'admin-deadlines-it');
    await context.close();
  });

  it('edits an authority limit with its version; an auditor reads it without the change buttons', async () => {
    const context = await browser.newContext({ locale: 'en-GB', viewport: { width: 1280, height: 800 } });
    const page = await context.newPage();
    await signIn(page, people.admin.email);
    await page.goto(`${server.url}/app/desk/admin/authority`);
    await page.getByRole('heading', { name: 'Authority limits', level: 2 }).waitFor();
    await expectAccessible(page);

    await page
      .getByRole('button', { name: `Edit limit: ${people.holder.name}, ${productCode}, SEK` })
      .click();
    const dialog = page.getByRole('dialog', { name: `Authority limit: ${people.holder.name}` });
    await dialog.getByLabel('Maximum amount (SEK)').fill('15000');
    await dialog.getByLabel('Causes').fill('illness, accident');
    await dialog.getByLabel('May deny claims').check();
    await expectAccessible(page);
    await dialog.getByRole('button', { name: 'Save limit' }).click();
    await page.getByText('Authority limit saved.').waitFor();
    const row = page.getByRole('row').filter({ hasText: people.holder.name });
    await row.getByText('illness, accident').waitFor();
    const { db } = await testDatabase();
    const stored = await db
      .selectFrom('authority_limits')
      .select(['max_amount_minor', 'causes', 'may_deny'])
      .where('id', '=', limitId)
      .executeTakeFirstOrThrow();
    expect({ ...stored, max_amount_minor: Number(stored.max_amount_minor) }).toEqual({
      max_amount_minor: 1_500_000,
      causes: ['illness', 'accident'],
      may_deny: true,
    });
    await dialog.waitFor({ state: 'hidden' });
    await saveScreenshot(page, 'admin-authority-en');
    await context.close();

    const auditorContext = await browser.newContext({ locale: 'en-GB' });
    const auditorPage = await auditorContext.newPage();
    await signIn(auditorPage, people.auditor.email);
    await auditorPage.goto(`${server.url}/app/desk/admin/authority`);
    await auditorPage.getByRole('row').filter({ hasText: people.holder.name }).waitFor();
    expect(await auditorPage.getByRole('button', { name: /^Edit limit/ }).count()).toBe(0);
    await auditorPage.goto(`${server.url}/app/desk/admin/products/${productId}`);
    await auditorPage.getByRole('heading', { name: 'Versions' }).waitFor();
    expect(await auditorPage.getByRole('button', { name: 'New version' }).count()).toBe(0);
    await auditorContext.close();
  });

  it('retires a version with a successor in force; the only version in force is refused', async () => {
    const { db } = await testDatabase();
    const { product } = await makeProduct(db, { config: CONFIG });
    await makeProductVersion(db, {
      productId: product.id,
      config: CONFIG,
      effectiveFrom: '2021-01-01',
      status: 'active',
    });
    // The dialog proposes the browser's own day and the server refuses a day before the product's
    // (Swedish) calendar day. A Swedish administrator's browser runs on Stockholm time; Chromium on
    // a CI machine runs on UTC, whose day is still yesterday just after midnight in Stockholm (from
    // 23:00 UTC in winter, 22:00 UTC in summer).
    const context = await browser.newContext({
      locale: 'en-GB',
      timezoneId: 'Europe/Stockholm',
      viewport: { width: 1280, height: 800 },
    });
    const page = await context.newPage();
    await signIn(page, people.admin.email);
    await page.goto(`${server.url}/app/desk/admin/products/${product.id}`);
    await page.getByRole('heading', { name: 'Versions' }).waitFor();

    await page.getByRole('button', { name: 'Retire version 2' }).click();
    const dialog = page.getByRole('dialog', { name: `Retire version 2 of ${product.code}?` });
    await dialog.getByText(/no longer assessed on version 2/).waitFor();
    await dialog.getByLabel('Reason (kept in the audit trail)').fill('Replaced by the 2020 terms');
    await expectAccessible(page);
    await saveScreenshot(page, 'admin-product-retire-en');
    await dialog.getByRole('button', { name: 'Retire', exact: true }).click();
    await page.getByText('Version 2 is retired.').waitFor();
    await page.getByRole('button', { name: 'Retire version 2' }).waitFor({ state: 'detached' });
    const row = page.getByRole('row').filter({ has: page.getByRole('button', { name: 'Show version 2' }) });
    await row.getByText('Retired').waitFor();

    // Version 1 is now the only one in force: the server refuses, and its problem shows as it came.
    await page.getByRole('button', { name: 'Retire version 1' }).click();
    const last = page.getByRole('dialog', { name: `Retire version 1 of ${product.code}?` });
    await last.getByRole('button', { name: 'Retire', exact: true }).click();
    await last
      .getByRole('alert')
      .getByText(/only version in force/)
      .waitFor();
    await expectAccessible(page);
    const versions = await db
      .selectFrom('product_versions')
      .select(['version', 'status'])
      .where('product_id', '=', product.id)
      .orderBy('version')
      .execute();
    expect(versions.map((v) => [v.version, v.status])).toEqual([
      [1, 'active'],
      [2, 'retired'],
    ]);
    await context.close();
  });

  it('changes a company deadline and closes the office on a day, then puts both back', async () => {
    const context = await browser.newContext({ locale: 'en-GB', viewport: { width: 1280, height: 800 } });
    const page = await context.newPage();
    await signIn(page, people.admin.email);
    await page.goto(`${server.url}/app/desk/admin/deadlines`);
    await page.getByRole('heading', { name: 'Deadline policies in force' }).waitFor();
    // The law's deadlines have no edit button.
    expect(await page.getByRole('button', { name: /^Edit Claim payment/ }).count()).toBe(0);

    const label = 'Answer a referral within three business days';
    const edit = async (days: string) => {
      await page.getByRole('button', { name: `Edit ${label}` }).click();
      const dialog = page.getByRole('dialog', { name: `Time allowed: ${label}` });
      await dialog.getByRole('textbox', { name: 'Time allowed' }).fill(days);
      await expectAccessible(page);
      await dialog.getByRole('button', { name: 'Save' }).click();
      await page
        .getByText(/^Saved\. Due dates moved: \d+\.$/)
        .first()
        .waitFor();
      await dialog.waitFor({ state: 'hidden' });
    };
    await edit('4');
    const policyRow = page.getByRole('row').filter({ hasText: label });
    await policyRow.getByText('4 business day(s)').waitFor();
    await policyRow.getByText('Configured').waitFor();

    await page.getByLabel('Country').selectOption('SE');
    await page.getByLabel('Year').selectOption('2028');
    const add = page.getByRole('form', { name: 'Close the office on a working day (Sweden)' });
    await add.getByLabel('Date').fill('2028-03-15');
    await add.getByLabel('Why (shown beside the day)').fill('Office move');
    await add.getByRole('button', { name: 'Close this day' }).click();
    await page.getByText(/^The day is closed\./).waitFor();
    const closed = page.getByRole('region', { name: 'Holidays and closed days in 2028' });
    const day = closed.getByRole('row').filter({ hasText: 'Office move' });
    await day.waitFor();
    expect(await day.textContent()).toMatch(/15 Mar 2028.*Wednesday.*Office move.*Office closed/);
    await expectAccessible(page);
    await saveScreenshot(page, 'admin-deadlines-edit-en');

    await day.getByRole('button', { name: 'Open again: 15 Mar 2028' }).click();
    await page.getByText(/^The office is open that day again\./).waitFor();
    await day.waitFor({ state: 'detached' });
    await edit('3');
    await policyRow.getByText('3 business day(s)').waitFor();
    await context.close();
  });

  it('keeps a representative out of the configuration pages', async () => {
    const context = await browser.newContext({ locale: 'en-GB' });
    const page = await context.newPage();
    await signIn(page, people.rep.email);
    expect(await page.getByRole('link', { name: 'Configuration' }).count()).toBe(0);
    await page.goto(`${server.url}/app/desk/admin/authority`);
    await page.getByRole('heading', { name: 'Work queue' }).waitFor();
    expect(new URL(page.url()).pathname).toBe('/app/desk');
    await context.close();
  });
});
