import type { FastifyInstance } from 'fastify';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Role } from '../../src/db/schema.ts';
import { newId } from '../../src/lib/ids.ts';
import { openCase } from '../../src/modules/cases/index.ts';
import { registerClaim } from '../../src/modules/claims/register-claim.ts';
import { createDepartment } from '../../src/modules/departments/index.ts';
import { referCase } from '../../src/modules/referrals/index.ts';
import { createUser, systemActor } from '../../src/modules/users/index.ts';
import { claimBody } from '../api/api-helpers.ts';
import {
  launchBrowser,
  saveScreenshot,
  seriousAccessibilityViolations,
  serveApp,
} from '../support/browser.ts';
import { makeCustomer, makePolicy, makeProduct, payPremiums } from '../support/factories.ts';
import { testDatabase } from '../support/test-database.ts';

// Keyboard-only use (WCAG 2.1.1, 2.1.2, 2.4.1, 2.4.7): every main page of the desk and the portal is
// walked with Tab alone, as someone without a mouse would. Each step records the focused element;
// the walk fails when an interactive element is never reached, when the focused element shows no
// focus indicator (neither an outline nor a box-shadow), or when Tab never leaves the page (a trap
// outside a dialog). The skip link moves focus to the content. Dialogs keep focus inside while
// open, and Escape closes them and gives focus back to what opened them. Finally a representative
// signs in, opens a claim from the queue with Enter and adds a note, by keyboard only.

const PASSWORD = 'correct horse battery staple';
const DESK = { width: 1280, height: 800 };
const PHONE = { width: 390, height: 844 };
/** More Tab presses than any page has stops; reaching it means focus never left the page. */
const MAX_STEPS = 400;

let browser: Browser;
let server: { app: FastifyInstance; url: string };
const emails: Partial<Record<'rep' | 'supervisor' | 'admin' | 'customer', string>> = {};
let claimNumber: string;
let caseNumber: string;
let referralNumber: string;
let productId: string;

beforeAll(async () => {
  const { db } = await testDatabase();
  [browser, server] = await Promise.all([launchBrowser(), serveApp()]);
  const actor = systemActor('test');
  const customer = await makeCustomer(db, { givenName: 'Karl', familyName: `Keys${newId().slice(-6)}` });
  const { product, version } = await makeProduct(db, { currency: 'SEK' });
  productId = product.id;
  const policy = await makePolicy(db, { customerId: customer.id, productVersionId: version.id });
  await payPremiums(db, { policyId: policy.id, amountMinor: 12 * 19_900, paidOn: ['2026-01-01'] });
  const { claim } = await registerClaim({ db, actor, input: claimBody(customer.id, policy.id) as never });
  claimNumber = claim.claimNumber;
  const opened = await openCase({
    db,
    actor,
    input: {
      customerId: customer.id,
      kind: 'general_inquiry',
      subject: 'Cover when skiing',
      description: 'Am I covered off-piste?',
    },
  });
  caseNumber = opened.body.caseNumber;
  const caseId = opened.body.id;

  const users: [keyof typeof emails, Role, string | null][] = [
    ['rep', 'representative', null],
    ['supervisor', 'supervisor', null],
    ['admin', 'administrator', null],
    ['customer', 'customer', customer.id],
  ];
  for (const [key, role, customerId] of users) {
    const email = `kbd-${key}-${newId()}@test.claimdesk.example`;
    const id = await createUser({
      db,
      actor,
      user: { email, displayName: `Kim ${key}`, role, password: PASSWORD, customerId },
    });
    emails[key] = email;
    if (key === 'rep') {
      // The claim and the case are this representative's (a referral is made by the case's owner).
      await db
        .updateTable('work_items')
        .set({ owner_id: id })
        .where('subject_id', 'in', [claim.id, caseId])
        .execute();
    }
  }
  // A department of this file's own (staffed, so it takes referrals) and one referral to it.
  const code = `kbd_${newId()
    .slice(-8)
    .toLowerCase()
    .replace(/[^a-z0-9]/g, 'x')}`;
  const name = `Keyboard desk ${code}`;
  await createDepartment({
    db,
    actor,
    input: { code, name: { sv: name, it: name, en: name }, supervisorId: null },
  });
  await createUser({
    db,
    actor,
    user: {
      email: `kbd-agent-${newId()}@test.claimdesk.example`,
      displayName: 'Kim agent',
      role: 'department_agent',
      password: PASSWORD,
      customerId: null,
      department: code,
    },
  });
  const referral = await referCase({
    db,
    actor,
    caseRef: caseNumber,
    input: { department: code, question: 'Is off-piste skiing excluded?' },
  });
  referralNumber = referral.body.referralNumber;
}, 90_000);

afterAll(async () => {
  await browser?.close();
  await server?.app.close();
});

/**
 * A fresh browser context whose pages know `__kbdName(el)`: an element's name as a screen reader
 * would roughly give it (aria-label, its label, else its text without aria-hidden parts such as
 * the shortcut key shown on a button).
 */
async function newContext(viewport = DESK): Promise<BrowserContext> {
  const context = await browser.newContext({ locale: 'en-GB', viewport });
  await context.addInitScript(() => {
    (window as unknown as { __kbdName: (el: Element | null) => string }).__kbdName = (el) => {
      if (!el) return '';
      const label =
        el.getAttribute('aria-label') ??
        (el.id ? document.querySelector(`label[for="${CSS.escape(el.id)}"]`)?.textContent : null);
      if (label) return label.trim();
      const copy = el.cloneNode(true) as Element;
      for (const hidden of copy.querySelectorAll('[aria-hidden="true"]')) hidden.remove();
      return (copy.textContent ?? '').trim();
    };
  });
  return context;
}

/** The focused element's name, as __kbdName gives it. */
function focusedName(page: Page): Promise<string> {
  return page.evaluate(() =>
    (window as unknown as { __kbdName: (el: Element | null) => string }).__kbdName(document.activeElement),
  );
}

async function signedIn(who: keyof typeof emails, viewport = DESK): Promise<BrowserContext> {
  const context = await newContext(viewport);
  const res = await context.request.post(`${server.url}/auth/sign-in`, {
    data: { email: emails[who], password: PASSWORD },
  });
  expect(res.status()).toBe(200);
  return context;
}

type Step = {
  tag: string;
  name: string;
  visible: boolean;
  inDialog: boolean;
  key: string;
  segmented: boolean;
};

/** What is focused now: a short description, whether its focus shows, and a stable key. */
function focusedNow(page: Page): Promise<Step | null> {
  return page.evaluate(() => {
    const el = document.activeElement as HTMLElement | null;
    if (!el || el === document.body || el === document.documentElement) return null;
    el.dataset.kbdSeen ??= String(document.querySelectorAll('[data-kbd-seen]').length);
    // A focus indicator is an outline (any style but none, wider than 0, not transparent) or a
    // box-shadow on the focused element itself.
    const s = getComputedStyle(el);
    const outline =
      s.outlineStyle !== 'none' &&
      Number.parseFloat(s.outlineWidth) > 0 &&
      s.outlineColor !== 'rgba(0, 0, 0, 0)';
    const shadow = s.boxShadow !== 'none' && s.boxShadow !== '';
    // A field wrapped with its controls (a password and its show button) rings the wrapper.
    const ringed = (node: Element | null) => {
      if (!node) return false;
      const w = getComputedStyle(node);
      return w.outlineStyle !== 'none' && Number.parseFloat(w.outlineWidth) > 0;
    };
    const wrapperRing = ringed(el.parentElement) || ringed(el.parentElement?.parentElement ?? null);
    const name = (
      el.getAttribute('title') ?? (window as unknown as { __kbdName: (el: Element) => string }).__kbdName(el)
    ).slice(0, 60);
    return {
      tag: `${el.tagName.toLowerCase()}${el.getAttribute('role') ? `[role=${el.getAttribute('role')}]` : ''}${
        el instanceof HTMLInputElement ? `[type=${el.type}]` : ''
      }`,
      name,
      // In a frame (a PDF preview) focus is inside another document, whose viewer draws it; the
      // frame element itself matches no :focus rule then, so it cannot be checked from here.
      visible: outline || shadow || wrapperRing || el instanceof HTMLIFrameElement,
      inDialog: !!el.closest('[role="dialog"]'),
      key: el.dataset.kbdSeen as string,
      // Tab moves between the day, month and year of a date field, and through the controls of a
      // document in a frame (the PDF viewer), while this page's focused element stays the same.
      segmented:
        el instanceof HTMLIFrameElement ||
        (el instanceof HTMLInputElement && ['date', 'time', 'datetime-local', 'month'].includes(el.type)),
    };
  });
}

/** Interactive elements a Tab walk must reach that it did not (radio groups: one of each). */
function unreached(page: Page, within?: string): Promise<string[]> {
  return page.evaluate((scope) => {
    const root = scope ? document.querySelector(scope) : document;
    if (!root) return [`no ${scope}`];
    const candidates = [
      ...root.querySelectorAll<HTMLElement>(
        'a[href], button, input, select, textarea, [role="tab"], [role="button"], [tabindex]',
      ),
    ].filter(
      (el) =>
        el.tabIndex >= 0 &&
        !(el as HTMLButtonElement).disabled &&
        !(el instanceof HTMLInputElement && el.type === 'hidden') &&
        !el.closest('[inert], [aria-hidden="true"]') &&
        el.getClientRects().length > 0 &&
        el.checkVisibility({ visibilityProperty: true }),
    );
    const seenRadio = new Set(
      candidates
        .filter((el) => el instanceof HTMLInputElement && el.type === 'radio' && el.dataset.kbdSeen)
        .map((el) => (el as HTMLInputElement).name),
    );
    return candidates
      .filter((el) => !el.dataset.kbdSeen)
      .filter((el) => !(el instanceof HTMLInputElement && el.type === 'radio' && seenRadio.has(el.name)))
      .map(
        (el) =>
          `${el.tagName.toLowerCase()} "${(el.getAttribute('aria-label') ?? el.textContent ?? '').trim().slice(0, 40)}"`,
      );
  }, within ?? null);
}

type Walk = { steps: Step[]; unreached: string[]; noVisibleFocus: string[]; trapped: boolean };

/**
 * Tabs through the whole page from its start until focus leaves it (to the browser's own controls,
 * where the document's active element is the body again).
 */
async function walkWithTab(page: Page): Promise<Walk> {
  await page.evaluate(() => {
    for (const el of document.querySelectorAll<HTMLElement>('[data-kbd-seen]')) delete el.dataset.kbdSeen;
  });
  await focusStart(page);
  const steps: Step[] = [];
  let trapped = true;
  for (let i = 0; i < MAX_STEPS; i++) {
    await page.keyboard.press('Tab');
    const step = await focusedNow(page);
    if (!step) {
      trapped = false;
      break;
    }
    if (step.segmented && steps.at(-1)?.key === step.key) continue;
    // Back at an element seen before without leaving the page: focus goes round in circles.
    if (steps.some((s) => s.key === step.key)) break;
    steps.push(step);
  }
  return {
    steps,
    unreached: await unreached(page),
    noVisibleFocus: steps.filter((s) => !s.visible).map((s) => `${s.tag} "${s.name}"`),
    trapped,
  };
}

async function expectKeyboardOnly(page: Page, what: string) {
  const walk = await walkWithTab(page);
  const summary = {
    page: what,
    unreached: walk.unreached,
    noVisibleFocus: walk.noVisibleFocus,
    trapped: walk.trapped,
  };
  expect(summary).toEqual({ page: what, unreached: [], noVisibleFocus: [], trapped: false });
  // The first stop on every page is the skip link.
  expect(walk.steps[0]?.name).toBe('Skip to content');
  return walk;
}

/**
 * Puts the browser's Tab starting point at the top of the page, as after loading it (a blur alone
 * leaves it where focus was, e.g. on a button just clicked).
 */
async function focusStart(page: Page) {
  await page.evaluate(() => {
    const marker = document.createElement('span');
    marker.tabIndex = -1;
    document.body.prepend(marker);
    marker.focus();
    marker.blur();
    marker.remove();
  });
}

/** The skip link is the first Tab stop; Enter on it puts focus on the page's content. */
async function expectSkipLinkWorks(page: Page) {
  await focusStart(page);
  await page.keyboard.press('Tab');
  expect(await focusedName(page)).toBe('Skip to content');
  await page.keyboard.press('Enter');
  expect(await page.evaluate(() => document.activeElement?.id)).toBe('main');
  // The next Tab goes on from the content, not from the header.
  await page.keyboard.press('Tab');
  expect(await page.evaluate(() => !!document.activeElement?.closest('#main'))).toBe(true);
}

/** While a dialog is open, Tab and Shift+Tab stay in it; Escape closes it and focus goes back. */
async function expectDialogTrapsFocus(page: Page, opener: () => Promise<void>, openerName: string) {
  await opener();
  const dialog = page.getByRole('dialog');
  await dialog.waitFor();
  // The dialog takes focus once it has opened (Mantine's focus trap, after its transition): a Tab
  // pressed before that would still start from the opener.
  await page.waitForFunction(() => !!document.activeElement?.closest('[role="dialog"]'), undefined, {
    timeout: 5_000,
  });
  for (const key of ['Tab', 'Shift+Tab']) {
    for (let i = 0; i < 12; i++) {
      await page.keyboard.press(key);
      const step = await focusedNow(page);
      expect(step?.inDialog, `${key} ${i}: ${step?.tag} "${step?.name}"`).toBe(true);
      expect(step?.visible, `${key} ${i}: ${step?.tag} "${step?.name}" shows focus`).toBe(true);
    }
  }
  await page.keyboard.press('Escape');
  await dialog.waitFor({ state: 'detached' });
  await page.waitForFunction(
    (name) =>
      (window as unknown as { __kbdName: (el: Element | null) => string }).__kbdName(
        document.activeElement,
      ) === name,
    openerName,
    { timeout: 5_000 },
  );
}

/** Puts focus on the element named `name` by pressing Tab, as a keyboard user would. */
async function tabTo(page: Page, name: string | RegExp, max = MAX_STEPS) {
  for (let i = 0; i < max; i++) {
    await page.keyboard.press('Tab');
    const text = await focusedName(page);
    if (typeof name === 'string' ? text === name : name.test(text)) return;
  }
  throw new Error(`Tab never reached ${name}`);
}

async function open(context: BrowserContext, path: string, ready: Parameters<Page['getByRole']>) {
  const page = await context.newPage();
  await page.goto(`${server.url}/app${path}`);
  await page
    .getByRole(...ready)
    .first()
    .waitFor()
    .catch((error: Error) => {
      throw new Error(`${path}: ${error.message}`);
    });
  await page.waitForLoadState('networkidle');
  return page;
}

describe('the desk by keyboard only', { timeout: 120_000 }, () => {
  it('walks the queue, the claim workspace, new claim, search, case and referral with Tab', async () => {
    const context = await signedIn('rep');
    const pages: [string, Parameters<Page['getByRole']>][] = [
      ['/desk', ['heading', { name: 'Work queue' }]],
      [`/desk/claims/${claimNumber}`, ['heading', { name: 'Assessment' }]],
      ['/desk/new-claim', ['heading', { level: 2 }]],
      ['/desk/search', ['heading', { level: 2 }]],
      [`/desk/cases/${caseNumber}`, ['heading', { name: new RegExp(caseNumber) }]],
      [`/desk/referrals/${referralNumber}`, ['heading', { name: new RegExp(referralNumber) }]],
    ];
    for (const [path, ready] of pages) {
      const page = await open(context, path, ready);
      await expectKeyboardOnly(page, path);
      await expectSkipLinkWorks(page);
      if (path === '/desk') {
        // A picture of the queue in Swedish with the focus ring on its first filter.
        await page.getByRole('button', { name: 'SV', exact: true }).click();
        await page.getByRole('heading', { name: 'Arbetskö' }).waitFor();
        await focusStart(page);
        await tabTo(page, 'Sortera efter');
        await saveScreenshot(page, 'keyboard-queue-focus-sv');
        await page.getByRole('button', { name: 'EN', exact: true }).click();
      }
      await page.close();
    }
    await context.close();
  });

  it('the supervisor screen, the reports and the administration pages', async () => {
    const supervisor = await signedIn('supervisor');
    for (const path of ['/desk/supervisor', '/desk/reports']) {
      const page = await open(supervisor, path, ['heading', { level: 2 }]);
      await expectKeyboardOnly(page, path);
      await page.close();
    }
    await supervisor.close();
    const admin = await signedIn('admin');
    for (const path of [
      '/desk/admin/products',
      `/desk/admin/products/${productId}`,
      '/desk/admin/deadlines',
      '/desk/admin/authority',
      '/desk/admin/users',
      '/desk/admin/templates',
    ]) {
      const page = await open(admin, path, ['heading', { level: 2 }]);
      await expectKeyboardOnly(page, path);
      await page.close();
    }
    await admin.close();
  });

  it('dialogs keep focus while open, and Escape gives it back to the opener', async () => {
    const context = await signedIn('rep');
    const page = await open(context, `/desk/claims/${claimNumber}`, ['heading', { name: 'Assessment' }]);
    await focusStart(page);
    await expectDialogTrapsFocus(
      page,
      () => tabTo(page, 'Add note').then(() => page.keyboard.press('Enter')),
      'Add note',
    );
    await expectDialogTrapsFocus(
      page,
      () => tabTo(page, 'Request information').then(() => page.keyboard.press('Enter')),
      'Request information',
    );
    // The overlays opened by a key, not a button: focus goes back to where it was.
    await focusStart(page);
    await tabTo(page, 'Add note');
    await expectDialogTrapsFocus(page, () => page.keyboard.press('?'), 'Add note');
    await expectDialogTrapsFocus(page, () => page.keyboard.press('/'), 'Add note');
    expect(await seriousAccessibilityViolations(page)).toEqual([]);
    // A picture of the focus ring in a dialog's field.
    await page.keyboard.press('n');
    await tabTo(page, /^Note/, 10);
    await page.keyboard.type('Called the clinic.');
    await saveScreenshot(page, 'keyboard-note-dialog-en');
    await context.close();
  });

  it('signs in, opens a claim from the queue with Enter and adds a note, by keyboard only', async () => {
    const context = await newContext();
    const page = await context.newPage();
    await page.goto(`${server.url}/app/sign-in`);
    await page.locator('input[type="password"]').waitFor();
    await expectKeyboardOnly(page, '/sign-in');
    await focusStart(page);
    await tabTo(page, /^Email/);
    await page.keyboard.type(emails.rep as string);
    await page.keyboard.press('Tab');
    await page.keyboard.type(PASSWORD);
    await page.keyboard.press('Enter');
    await page.getByRole('heading', { name: 'Work queue' }).waitFor();
    await page.getByRole('link', { name: claimNumber }).waitFor();

    await tabTo(page, claimNumber);
    await page.keyboard.press('Enter');
    await page.getByRole('heading', { name: 'Assessment' }).waitFor();
    await tabTo(page, 'Add note');
    await page.keyboard.press('Enter');
    const dialog = page.getByRole('dialog', { name: 'Add an internal note' });
    await dialog.waitFor();
    // Focus is in the dialog (on its close button): Tab to the note, type, Tab to "Review".
    expect(await page.evaluate(() => !!document.activeElement?.closest('[role="dialog"]'))).toBe(true);
    await tabTo(page, /^Note/, 10);
    await page.keyboard.type('Customer called: receipts follow by post.');
    await tabTo(page, 'Review', 10);
    await page.keyboard.press('Enter');
    await dialog.getByText('Customer called: receipts follow by post.').waitFor();
    await page.waitForFunction(
      () =>
        (window as unknown as { __kbdName: (el: Element | null) => string }).__kbdName(
          document.activeElement,
        ) === 'Save the note',
    );
    await page.keyboard.press('Enter');
    await page.getByText('Note saved').first().waitFor();
    await dialog.waitFor({ state: 'detached' });
    // Focus is back on "Add note"; the note is in the notes tab: Tab to the tab list (its chosen
    // tab is its one Tab stop), then the arrow keys choose the tab.
    expect(await focusedName(page)).toBe('Add note');
    await tabTo(page, 'Documents');
    await page.keyboard.press('ArrowRight');
    await page.keyboard.press('ArrowRight');
    expect(await focusedName(page)).toBe('Internal notes');
    await page.getByText('Customer called: receipts follow by post.').first().waitFor();
    await context.close();
  });
});

describe('the portal by keyboard only', { timeout: 120_000 }, () => {
  it('walks the portal home, a claim, a new claim and the profile with Tab', async () => {
    const context = await signedIn('customer');
    const pages: [string, Parameters<Page['getByRole']>][] = [
      ['/portal', ['heading', { name: 'My claims' }]],
      [`/portal/claims/${claimNumber}`, ['heading', { name: `Claim ${claimNumber}` }]],
      ['/portal/new-claim', ['heading', { level: 2 }]],
      ['/portal/profile', ['heading', { level: 2 }]],
    ];
    for (const [path, ready] of pages) {
      const page = await open(context, path, ready);
      await expectKeyboardOnly(page, path);
      await expectSkipLinkWorks(page);
      await page.close();
    }
    await context.close();
  });

  it('on a phone-sized screen too, in Italian', async () => {
    const context = await signedIn('customer', PHONE);
    const page = await open(context, '/portal', ['heading', { name: 'My claims' }]);
    await page.getByRole('button', { name: 'IT', exact: true }).click();
    await page.getByRole('heading', { name: 'I miei sinistri' }).waitFor();
    await focusStart(page);
    const walk = await walkWithTab(page);
    expect({ unreached: walk.unreached, noVisibleFocus: walk.noVisibleFocus, trapped: walk.trapped }).toEqual(
      {
        unreached: [],
        noVisibleFocus: [],
        trapped: false,
      },
    );
    // The skip link in view while focused (the picture shows it over the header).
    await focusStart(page);
    await page.keyboard.press('Tab');
    expect(await focusedName(page)).toBe('Vai al contenuto');
    await saveScreenshot(page, 'keyboard-skip-link-portal-it-phone');
    await context.close();
  });
});
