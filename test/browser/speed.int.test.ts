import type { FastifyInstance } from 'fastify';
import { sql } from 'kysely';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { newId } from '../../src/lib/ids.ts';
import { createUser, systemActor } from '../../src/modules/users/index.ts';
import { launchBrowser, serveApp } from '../support/browser.ts';
import { makeCustomer } from '../support/factories.ts';
import { engineUnderTest, testDatabase } from '../support/test-database.ts';

// How fast the web app is, on 127.0.0.1 with the production build, measured in Chromium with the
// Performance API: the first load of /app/ (the sign-in page) and of the desk after sign-in (each
// in a fresh browser context, so nothing is cached), up to the queue table on screen; then a
// representative with 100,000 open work items: the first page (the server pages by keyset), "show
// more" and sorting by amount. The issue's target is 2 s for the first load; the assertions are
// generous (5 s) because CI machines vary. The figures are printed (docs/performance.md, "Web app").

const PASSWORD = 'correct horse battery staple';
const DESK = { width: 1280, height: 800 };
const BOUND_MS = 5_000;
const BIG_QUEUE = 100_000;
const CHUNK = 10_000;
/** PGlite runs single-threaded in this process: give up on 100k rows when they would take longer. */
const MAX_INSERT_MS = 30_000;

let browser: Browser;
let server: { app: FastifyInstance; url: string };
let customerId: string;
const reps = { light: { email: '', id: '' }, heavy: { email: '', id: '' } };
const tag = newId().slice(-8).toUpperCase();

beforeAll(async () => {
  const { db } = await testDatabase();
  [browser, server] = await Promise.all([launchBrowser(), serveApp()]);
  customerId = (await makeCustomer(db)).id;
  for (const which of ['light', 'heavy'] as const) {
    const email = `rep-${which}-${newId()}@test.claimdesk.example`;
    const id = await createUser({
      db,
      actor: systemActor('test'),
      user: {
        email,
        displayName: `Speedy ${which}`,
        role: 'representative',
        password: PASSWORD,
        customerId: null,
      },
    });
    reps[which] = { email, id };
  }
  await insertItems(reps.light.id, 1, 20);
}, 90_000);

afterAll(async () => {
  await browser?.close();
  await server?.app.close();
  // The shared test database stays small for the files that run after this one.
  const { db } = await testDatabase();
  await db
    .deleteFrom('work_items')
    .where('owner_id', 'in', [reps.light.id, reps.heavy.id].filter(Boolean))
    .execute();
}, 120_000);

/**
 * Open work items g = from..to for one owner, set-based (one INSERT … SELECT generate_series), as
 * bench/queue-bench.ts generates its queue, but with gen_random_uuid() ids (the API's schema wants
 * RFC 9562 UUIDs, which md5 text is not); deadlines spread over the
 * next six weeks (the first 2 % already breached), amounts all different ((g × 7919) mod 100,000
 * is a permutation), so the largest is known. No team: the items are in this owner's queue only.
 */
async function insertItems(ownerId: string, from: number, to: number): Promise<void> {
  const { db } = await testDatabase();
  await sql`INSERT INTO work_items (id, kind, subject_id, customer_id, reference, summary, subject_status, open,
      owner_id, team, department, escalation_level, priority, due_at, deadline_state, language, product_code,
      amount_minor, currency, version)
    SELECT gen_random_uuid(), 'claim', gen_random_uuid(),
      ${customerId}::uuid, ${`SPD-${tag}-`} || lpad(g::text, 6, '0'), 'Synthetic claim ' || g, 'in_review', true,
      ${ownerId}::uuid, NULL, NULL, 0, (1 + g % 5)::smallint,
      now() + (((g % 1000) - 20) * interval '1 hour'),
      CASE WHEN g % 1000 < 20 THEN 'breached' WHEN g % 1000 < 60 THEN 'warning' ELSE 'on_track' END,
      'sv', 'TRAVEL-SE', 5000 + ((g::bigint * 7919) % 100000) * 100, 'SEK', 1
    FROM generate_series(${from}::int, ${to}::int) AS g`.execute(db);
}

async function signedInContext(email: string): Promise<BrowserContext> {
  const context = await browser.newContext({ locale: 'en-GB', viewport: DESK });
  const res = await context.request.post(`${server.url}/auth/sign-in`, {
    data: { email, password: PASSWORD },
  });
  expect(res.status()).toBe(200);
  return context;
}

type Timing = { domContentLoaded: number; load: number; visible: number; transferKb: number };

/** Navigation timing of the page's document and the in-page time (ms from navigation start) until `selector` shows. */
async function loadAndTime(page: Page, url: string, selector: string): Promise<Timing> {
  await page.goto(url, { waitUntil: 'commit' });
  const visible = (await (
    await page.waitForFunction((s) => (document.querySelector(s) ? performance.now() : false), selector, {
      polling: 'raf',
      timeout: 30_000,
    })
  ).jsonValue()) as number;
  await page.waitForLoadState('load');
  return page.evaluate((v) => {
    const nav = performance.getEntriesByType('navigation')[0] as PerformanceNavigationTiming;
    const bytes = performance
      .getEntriesByType('resource')
      .reduce((sum, r) => sum + ((r as PerformanceResourceTiming).encodedBodySize || 0), nav.encodedBodySize);
    return {
      domContentLoaded: Math.round(nav.domContentLoadedEventEnd),
      load: Math.round(nav.loadEventEnd),
      visible: Math.round(v),
      transferKb: Math.round(bytes / 1024),
    };
  }, visible);
}

const QUEUE_ROW = 'section[aria-label="Work queue"] tbody tr';

/** In the page: click "Show more", then wait (frame by frame) until 100 rows are on screen. */
function showMoreInPage(page: Page): Promise<number> {
  return page.evaluate(async (selector) => {
    const button = [...document.querySelectorAll('button')].find((b) => b.textContent === 'Show more');
    if (!button) throw new Error('no Show more button');
    const started = performance.now();
    button.click();
    await new Promise<void>((resolve) => {
      const check = () =>
        document.querySelectorAll(selector).length >= 100 ? resolve() : requestAnimationFrame(check);
      check();
    });
    return Math.round(performance.now() - started);
  }, QUEUE_ROW);
}

/** In the page: choose "Sort by: amount", then wait until the first row is `reference`. */
function sortByAmountInPage(page: Page, reference: string): Promise<number> {
  return page.evaluate(
    async ({ selector, reference }) => {
      const label = [...document.querySelectorAll('label')].find((l) => l.textContent === 'Sort by');
      const select = document.getElementById(label?.htmlFor ?? '') as HTMLSelectElement | null;
      if (!select) throw new Error('no Sort by select');
      const started = performance.now();
      select.value = 'amount';
      select.dispatchEvent(new Event('change', { bubbles: true }));
      await new Promise<void>((resolve) => {
        const check = () =>
          document.querySelector(`${selector} td`)?.textContent === reference
            ? resolve()
            : requestAnimationFrame(check);
        check();
      });
      return Math.round(performance.now() - started);
    },
    { selector: QUEUE_ROW, reference },
  );
}
const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)] as number;

function report(title: string, rows: Record<string, string | number>[]) {
  console.log(`\n[speed, ${engineUnderTest}] ${title}`);
  console.table(rows);
}

describe('the web app is fast', { timeout: 120_000 }, () => {
  it('first load of /app/ and of the desk after sign-in, with the production build', async () => {
    // The bundle served is React's production build (a development build renders about three times
    // slower: see ensureWebBuild), and what the browser loads is that bundle.
    const html = await (await fetch(`${server.url}/app/`)).text();
    const script = html.match(/src="(\/app\/assets\/[^"]+\.js)"/)?.[1] as string;
    const bundle = await (await fetch(`${server.url}${script}`)).text();
    expect(bundle).not.toContain('jsxDEV');
    const signInPage: Timing[] = [];
    const desk: Timing[] = [];
    // One run to warm the server (and the operating system's file cache) is not counted.
    for (let run = 0; run < 4; run++) {
      const anonymous = await browser.newContext({ locale: 'en-GB', viewport: DESK });
      const t1 = await loadAndTime(await anonymous.newPage(), `${server.url}/app/`, 'input[type="password"]');
      await anonymous.close();
      const signedIn = await signedInContext(reps.light.email);
      const page = await signedIn.newPage();
      const t2 = await loadAndTime(page, `${server.url}/app/desk`, QUEUE_ROW);
      expect(await page.locator(QUEUE_ROW).count()).toBe(20);
      await signedIn.close();
      if (run > 0) {
        signInPage.push(t1);
        desk.push(t2);
      }
    }
    report('first load, fresh context each (ms from navigation start)', [
      ...signInPage.map((t) => ({ page: '/app/ → sign-in', ...t })),
      ...desk.map((t) => ({ page: '/app/desk → queue', ...t })),
    ]);
    const worst = Math.max(...[...signInPage, ...desk].map((t) => Math.max(t.load, t.visible)));
    console.log(
      `[speed, ${engineUnderTest}] median: sign-in form ${median(signInPage.map((t) => t.visible))} ms, ` +
        `queue table ${median(desk.map((t) => t.visible))} ms (target 2000 ms); worst ${worst} ms`,
    );
    expect(worst).toBeLessThanOrEqual(BOUND_MS);
  });

  it('a queue of 100,000 items: first page, show more, sort by amount', async (ctx) => {
    const { db } = await testDatabase();
    // Created set-based in chunks; the first chunk tells whether PGlite would take too long.
    const started = performance.now();
    await insertItems(reps.heavy.id, 1, CHUNK);
    const firstChunkMs = performance.now() - started;
    if ((firstChunkMs * BIG_QUEUE) / CHUNK > MAX_INSERT_MS) {
      console.log(
        `[speed, ${engineUnderTest}] skipped: ${CHUNK} rows took ${Math.round(firstChunkMs)} ms, ` +
          `${BIG_QUEUE} would take over ${MAX_INSERT_MS / 1000} s`,
      );
      ctx.skip();
    }
    await insertItems(reps.heavy.id, CHUNK + 1, BIG_QUEUE);
    await sql`ANALYZE work_items`.execute(db);
    const insertMs = performance.now() - started;
    const top = await db
      .selectFrom('work_items')
      .select(['reference', 'amount_minor'])
      .where('owner_id', '=', reps.heavy.id)
      .where('open', '=', true)
      .orderBy('amount_minor', 'desc')
      .limit(1)
      .executeTakeFirstOrThrow();

    const context = await signedInContext(reps.heavy.email);
    const page = await context.newPage();
    const first = await loadAndTime(page, `${server.url}/app/desk`, QUEUE_ROW);
    const rows = page.locator(QUEUE_ROW);
    expect(await rows.count()).toBe(50);

    // "Show more": the next page appended, timed in the page from the click to 100 rows painted.
    const moreMs = await showMoreInPage(page);
    // Sort by amount, largest first: the server sorts all 100k; the filters wait 300 ms for typing.
    const sortMs = await sortByAmountInPage(page, top.reference);
    expect(await rows.count()).toBe(50);
    const moreSortedMs = await showMoreInPage(page);

    // The API alone: one page of 50, by deadline (keyset on the index) and by amount (sorted).
    const api = async (query: string) => {
      const times: number[] = [];
      for (let i = 0; i < 5; i++) {
        const t = performance.now();
        const res = await context.request.get(`${server.url}/queues/personal?limit=50${query}`);
        expect(res.status()).toBe(200);
        times.push(performance.now() - t);
      }
      return Math.round(median(times));
    };
    const apiDeadline = await api('');
    const apiAmount = await api('&sort=amount');
    await context.close();

    report(`queue of ${BIG_QUEUE.toLocaleString('en-US')} items for one representative (ms)`, [
      { step: `create ${BIG_QUEUE} rows in SQL (+ ANALYZE)`, ms: Math.round(insertMs) },
      { step: 'desk: first page (50 rows) visible, from navigation start', ms: first.visible },
      { step: 'desk: load event', ms: first.load },
      { step: 'show more: 100 rows', ms: moreMs },
      { step: 'sort by amount: largest first (incl. 300 ms debounce)', ms: sortMs },
      { step: 'show more, sorted by amount', ms: moreSortedMs },
      { step: 'API page of 50 by deadline (median of 5)', ms: apiDeadline },
      { step: 'API page of 50 by amount (median of 5)', ms: apiAmount },
    ]);
    expect(first.visible).toBeLessThanOrEqual(BOUND_MS);
    expect(moreMs).toBeLessThanOrEqual(BOUND_MS);
    expect(sortMs).toBeLessThanOrEqual(BOUND_MS);
  });
});
