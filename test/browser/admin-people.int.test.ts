import type { FastifyInstance } from 'fastify';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { newId } from '../../src/lib/ids.ts';
import { createUser, systemActor } from '../../src/modules/users/index.ts';
import { uniqueSuffix } from '../api/api-helpers.ts';
import {
  launchBrowser,
  saveScreenshot,
  seriousAccessibilityViolations,
  serveApp,
} from '../support/browser.ts';
import { makeCustomer } from '../support/factories.ts';
import { testDatabase } from '../support/test-database.ts';

// The administrator's users and roles and the templates preview in Chromium: an administrator
// creates a representative (the generated password shown once), moves them to another team,
// deactivates them (they can no longer sign in) and fails to deactivate themselves (the server's
// error shown); the permission matrix shows; a Swedish decision letter and an Italian email are
// previewed; an auditor reads without changing; a supervisor is kept out. axe on each page.

const PASSWORD = 'correct horse battery staple';
let browser: Browser;
let server: { app: FastifyInstance; url: string };
let teamA: string;
let teamB: string;
const admin = { email: '', name: 'Ada Admin' };
const supervisor = { email: '' };
const auditor = { email: '' };

async function makeUser(role: 'administrator' | 'supervisor' | 'auditor', name: string, team: string | null) {
  const { db } = await testDatabase();
  const email = `${role}-${newId()}@test.claimdesk.example`;
  await createUser({
    db,
    actor: systemActor('test'),
    user: { email, displayName: name, role, password: PASSWORD, customerId: null, team },
  });
  return email;
}

beforeAll(async () => {
  const { db } = await testDatabase();
  [browser, server] = await Promise.all([launchBrowser(), serveApp()]);
  const suffix = uniqueSuffix().slice(-6).toUpperCase();
  teamA = `PA${suffix}`;
  teamB = `PB${suffix}`;
  await db
    .insertInto('teams')
    .values([
      { code: teamA, name: 'People team A', country: 'SE', product_codes: ['-'] },
      { code: teamB, name: 'People team B', country: 'SE', product_codes: ['-'] },
    ])
    .execute();
  admin.email = await makeUser('administrator', admin.name, teamA);
  supervisor.email = await makeUser('supervisor', 'Sam Supervisor', teamA);
  auditor.email = await makeUser('auditor', 'Aud Auditor', null);
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

async function apiSignIn(email: string, password: string): Promise<number> {
  const res = await server.app.inject({ method: 'POST', url: '/auth/sign-in', payload: { email, password } });
  return res.statusCode;
}

describe('the administrator’s users and templates in Chromium', { timeout: 120_000 }, () => {
  it('creates a representative, changes their team, deactivates them, cannot deactivate themselves; the matrix shows', async () => {
    const context = await browser.newContext({ locale: 'en-GB', viewport: { width: 1280, height: 800 } });
    const page = await context.newPage();
    await signIn(page, admin.email);
    await page.getByRole('link', { name: 'Users' }).click();
    await page.getByRole('heading', { name: 'Users and roles', level: 2 }).waitFor();
    const filters = page.getByRole('form', { name: 'Filter users' });
    await filters.getByLabel('Team').selectOption(teamA);
    const table = page.getByRole('region', { name: 'Users', exact: true });
    await table.getByRole('cell', { name: admin.name, exact: true }).waitFor();
    expect(await seriousAccessibilityViolations(page)).toEqual([]);

    // A new representative in team A, with a generated password shown once.
    const newEmail = `nora-${newId()}@test.claimdesk.example`;
    await page.getByRole('button', { name: 'New staff user' }).click();
    const dialog = page.getByRole('dialog');
    await dialog.getByLabel('Email').fill(newEmail);
    await dialog.getByLabel('Name').fill('Nora Ny');
    await dialog.getByLabel('Role').selectOption('representative');
    await dialog.getByLabel('Team').selectOption(teamA);
    await dialog.getByLabel('Language').selectOption('sv');
    expect(await seriousAccessibilityViolations(page)).toEqual([]);
    await dialog.getByRole('button', { name: 'Create user' }).click();
    await dialog.getByText('Generated password').waitFor();
    const password = ((await dialog.locator('code').textContent()) ?? '').trim();
    expect(password).toMatch(/^[\w-]{24}$/);
    await page.getByText('Login created for Nora Ny.').waitFor();
    await dialog.getByRole('button', { name: 'Done' }).click();
    await table.getByRole('cell', { name: 'Nora Ny', exact: true }).waitFor();
    expect(await apiSignIn(newEmail, password)).toBe(200);

    // Move her to team B.
    await page.getByRole('button', { name: 'Edit Nora Ny' }).click();
    await page.getByRole('dialog').getByLabel('Team').selectOption(teamB);
    await page.getByRole('dialog').getByRole('button', { name: 'Save changes' }).click();
    await page.getByText('Nora Ny updated.').waitFor();
    const { db } = await testDatabase();
    const nora = await db
      .selectFrom('users')
      .select(['id', 'team', 'active'])
      .where('email', '=', newEmail)
      .executeTakeFirstOrThrow();
    expect(nora.team).toBe(teamB);
    // She left team A's list; team B's has her.
    await expect.poll(() => table.getByRole('cell', { name: 'Nora Ny', exact: true }).count()).toBe(0);
    await filters.getByLabel('Team').selectOption(teamB);
    await table.getByRole('cell', { name: 'Nora Ny', exact: true }).waitFor();

    // She has open work: a claim and a service case (and a closed claim, which stays hers).
    const customer = await makeCustomer(db);
    const item = (kind: 'claim' | 'service_case', open: boolean) => ({
      id: newId(),
      kind,
      subject_id: newId(),
      customer_id: customer.id,
      reference: `REF-${uniqueSuffix()}`,
      summary: 'Hand-back',
      subject_status: 'in_review',
      open,
      owner_id: nora.id,
      team: teamB,
      language: 'sv' as const,
      product_code: 'T',
    });
    const items = [item('claim', true), item('service_case', true), item('claim', false)];
    await db.insertInto('work_items').values(items).execute();

    // Deactivate her: confirmed, then she can no longer sign in and her open work is back in the queue.
    await page.getByRole('button', { name: 'Deactivate Nora Ny' }).click();
    await page.getByRole('dialog').getByText('can no longer sign in').waitFor();
    await page
      .getByRole('dialog')
      .getByText(/go back to their team’s or department’s queue/)
      .waitFor();
    await page.getByRole('dialog').getByRole('button', { name: 'Deactivate' }).click();
    await page.getByText('Nora Ny is deactivated.').first().waitFor();
    const handedBack = page.getByRole('dialog').getByRole('status');
    await handedBack
      .getByText(
        'Open items returned to their queues, unassigned: 2 (claims: 1, service cases: 1, referrals: 0).',
      )
      .waitFor();
    expect(await seriousAccessibilityViolations(page)).toEqual([]);
    await saveScreenshot(page, 'admin-people-deactivated-en');
    await page.getByRole('dialog').getByRole('button', { name: 'Done' }).click();
    await page.getByRole('button', { name: 'Reactivate Nora Ny' }).waitFor();
    const owners = await db
      .selectFrom('work_items')
      .select(['id', 'owner_id'])
      .where(
        'id',
        'in',
        items.map((i) => i.id),
      )
      .execute();
    expect(new Map(owners.map((o) => [o.id, o.owner_id]))).toEqual(
      new Map([
        [items[0]?.id, null],
        [items[1]?.id, null],
        [items[2]?.id, nora.id],
      ]),
    );
    expect(await apiSignIn(newEmail, password)).toBe(401);

    // The administrator cannot deactivate themselves: the server's problem shows in the dialog.
    await filters.getByLabel('Team').selectOption(teamA);
    await page.getByRole('button', { name: `Deactivate ${admin.name}` }).click();
    await page.getByRole('dialog').getByRole('button', { name: 'Deactivate' }).click();
    await page
      .getByRole('dialog')
      .getByRole('alert')
      .getByText('You cannot deactivate your own login: another administrator must do it.')
      .waitFor();
    expect(await seriousAccessibilityViolations(page)).toEqual([]);
    await page.getByRole('dialog').getByRole('button', { name: 'Cancel' }).click();
    expect(await apiSignIn(admin.email, PASSWORD)).toBe(200);

    // The permission matrix, read-only: users:manage is the administrator's alone.
    const matrix = page.getByRole('region', { name: 'Permission matrix' }).last();
    const row = matrix.getByRole('row', { name: /users:manage/ });
    await row.waitFor();
    expect(await row.getByRole('cell').allTextContents()).toEqual([
      '–not allowed',
      '–not allowed',
      '–not allowed',
      '–not allowed',
      '✓allowed',
      '–not allowed',
    ]);
    await saveScreenshot(page, 'admin-people-users-en');
    await context.close();
  });

  it('previews a Swedish decision letter and an Italian email', async () => {
    const context = await browser.newContext({ locale: 'en-GB', viewport: { width: 1280, height: 800 } });
    const page = await context.newPage();
    await signIn(page, admin.email);
    await page.getByRole('link', { name: 'Templates' }).click();
    await page.getByRole('heading', { name: 'Customer notice templates', level: 2 }).waitFor();
    // The desk in Swedish, the decision letter in Swedish.
    await page.getByRole('button', { name: 'SV', exact: true }).click();
    await page.getByRole('heading', { name: 'Mallar för kundmeddelanden', level: 2 }).waitFor();
    await page.getByLabel('Mall').selectOption('claim.decided|partially_approved');
    await page.getByLabel('Meddelandets språk').selectOption('sv');
    const email = page.getByRole('region', { name: 'E-post' });
    await email.getByText('Hej Elin Exempel,').waitFor();
    await email
      .getByText(/Läkarbesök/)
      .first()
      .waitFor();
    const frame = page.getByTitle(/^Brev: /);
    await frame.waitFor();
    expect(await frame.getAttribute('src')).toMatch(/^blob:/);
    expect(await seriousAccessibilityViolations(page)).toEqual([]);
    await saveScreenshot(page, 'admin-people-templates-sv', { fullPage: true });

    // Back in English: an Italian request for information by email.
    await page.getByRole('button', { name: 'EN', exact: true }).click();
    await page.getByLabel('Template').selectOption('information.requested|');
    await page.getByLabel('Language of the notice').selectOption('it');
    const italian = page.getByRole('region', { name: 'Email' });
    await italian.getByText('Gentile Giulia Esempio,').waitFor();
    await italian
      .getByText(/30 aprile 2026/)
      .first()
      .waitFor();
    await page.getByRole('region', { name: 'Notice in the portal' }).waitFor();
    expect(await seriousAccessibilityViolations(page)).toEqual([]);
    await saveScreenshot(page, 'admin-people-templates-en');
    await context.close();
  });

  it('an auditor reads without changing; a supervisor is kept out', async () => {
    const context = await browser.newContext({ locale: 'en-GB', viewport: { width: 1280, height: 800 } });
    const page = await context.newPage();
    await signIn(page, auditor.email);
    await page.getByRole('link', { name: 'Users' }).click();
    await page.getByRole('heading', { name: 'Users and roles', level: 2 }).waitFor();
    await page.getByText('You can read this page; only an administrator can change logins.').waitFor();
    await page.getByRole('form', { name: 'Filter users' }).getByLabel('Team').selectOption(teamA);
    await page
      .getByRole('region', { name: 'Users', exact: true })
      .getByRole('cell', { name: admin.name, exact: true })
      .waitFor();
    expect(await page.getByRole('button', { name: 'New staff user' }).count()).toBe(0);
    expect(await page.getByRole('button', { name: `Deactivate ${admin.name}` }).count()).toBe(0);
    expect(await seriousAccessibilityViolations(page)).toEqual([]);
    await page.getByRole('button', { name: 'Sign out' }).click();
    await page.waitForURL(/\/app\/sign-in$/);

    await signIn(page, supervisor.email);
    expect(await page.getByRole('link', { name: 'Users' }).count()).toBe(0);
    expect(await page.getByRole('link', { name: 'Templates' }).count()).toBe(0);
    for (const path of ['/app/desk/admin/users', '/app/desk/admin/templates']) {
      await page.goto(`${server.url}${path}`);
      await page.waitForURL(/\/app\/desk$/);
      await page.getByRole('heading', { name: 'Work queue' }).waitFor();
    }
    await context.close();
  });
});
