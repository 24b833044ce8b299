import { randomBytes } from 'node:crypto';
import { mkdtempSync, readdirSync, readFileSync, statSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { createCanvas } from '@napi-rs/canvas';
import type { FastifyInstance } from 'fastify';
import { PDFDocument, StandardFonts } from 'pdf-lib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createWorker } from '../../src/jobs/worker.ts';
import {
  closeSharedOcrEngine,
  createOcrEngine,
  findOcrLanguageData,
  type OcrEngine,
  rasterisePdf,
  recogniseScanJob,
  SCAN_OCR_JOB,
  type ScanView,
  sharedOcrEngine,
  tesseractLocalPaths,
  uploadScan,
} from '../../src/modules/scans/index.ts';
import { systemActor } from '../../src/modules/users/index.ts';
import { makeCustomer, randomPersonnummer } from '../support/factories.ts';
import { silentLog, testKind } from '../support/job-test-effects.ts';
import { runJob } from '../support/run-job.ts';
import { type Session, signInAs, testApp } from '../support/test-app.ts';
import { testDatabase } from '../support/test-database.ts';
import { claimBody, customerWithPolicy, expectProblem } from './api-helpers.ts';

// Scanned letters end to end: letters rendered in the test from KNOWN text (pdf-lib, then our own
// PDF rasteriser at 200 dpi), uploaded over HTTP, read by the real Tesseract (tesseract.js with
// English from npm and Swedish/Italian from Debian's packages), language detected, numbers
// extracted and the letter linked — plus the unreadable scan, a missing language, a file that is
// not an image, and an OCR job that keeps failing. OCR is slow (seconds a page): few images.

const OCR_TIMEOUT = 180_000;

let app: FastifyInstance;
let rep: Session;

type FilePart = { filename: string; type: string; content: Uint8Array };

function form(file: FilePart) {
  const boundary = `----claimdesk${randomBytes(8).toString('hex')}`;
  const payload = Buffer.concat([
    Buffer.from(
      `--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="${file.filename}"\r\n` +
        `Content-Type: ${file.type}\r\n\r\n`,
    ),
    Buffer.from(file.content),
    Buffer.from(`\r\n--${boundary}--\r\n`),
  ]);
  return { payload, contentType: `multipart/form-data; boundary=${boundary}` };
}

async function postScan(file: FilePart, headers: Record<string, string> = {}, who: Session = rep) {
  const body = form(file);
  return app.inject({
    method: 'POST',
    url: '/scans',
    headers: { ...who.headers, ...headers, 'content-type': body.contentType },
    payload: body.payload,
  });
}

async function getScan(id: string): Promise<ScanView> {
  const res = await app.inject({ method: 'GET', url: `/scans/${id}`, headers: rep.headers });
  expect(res.statusCode, res.body).toBe(200);
  return res.json();
}

/** At least this share of the letter's characters must come back right (docs/scanned-letters.md). */
const MIN_ACCURACY = 0.98;

/** 1 − (edit distance ÷ length) between the text we drew and the text read, whitespace collapsed. */
function characterAccuracy(lines: string[], read: string | null): number {
  const a = lines.join(' ').replace(/\s+/g, ' ').trim();
  const b = (read ?? '').replace(/\s+/g, ' ').trim();
  let previous = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    const current = [i];
    for (let j = 1; j <= b.length; j++) {
      current[j] = Math.min(
        (previous[j] as number) + 1,
        (current[j - 1] as number) + 1,
        (previous[j - 1] as number) + (a[i - 1] === b[j - 1] ? 0 : 1),
      );
    }
    previous = current;
  }
  return 1 - (previous[b.length] as number) / a.length;
}

/** A one-page A4 letter in Helvetica (its WinAnsi encoding has å, ä, ö, à, è, é, ù and €). */
async function letterPdf(lines: string[]): Promise<Uint8Array> {
  const pdf = await PDFDocument.create();
  const page = pdf.addPage([595, 842]);
  const font = await pdf.embedFont(StandardFonts.Helvetica);
  let y = 760;
  for (const line of lines) {
    page.drawText(line, { x: 60, y, size: 13, font });
    y -= 24;
  }
  return pdf.save();
}

/** The letter as a scanner delivers it: one PNG page at 200 dpi. */
async function letterPng(lines: string[]): Promise<Uint8Array> {
  const { pages } = await rasterisePdf(await letterPdf(lines), { dpi: 200, maxPages: 1 });
  return pages[0] as Uint8Array;
}

/** Uploads, runs the scan's OCR job as a worker would, and returns the finished scan. */
async function scanAndRecognise(file: FilePart, engine?: () => Promise<OcrEngine>): Promise<ScanView> {
  const res = await postScan(file);
  expect(res.statusCode, res.body).toBe(202);
  const pending: ScanView = res.json();
  expect(pending).toMatchObject({ status: 'pending', text: null, link: null });
  await runJob(recogniseScanJob(engine ? { engine } : {}), SCAN_OCR_JOB, { scanId: pending.id });
  return getScan(pending.id);
}

beforeAll(async () => {
  app = await testApp();
  rep = await signInAs('representative');
  // Start the shared OCR worker up front: its first load is part of no single test.
  await sharedOcrEngine();
}, OCR_TIMEOUT);

afterAll(async () => {
  await closeSharedOcrEngine();
});

describe('OCR language data', () => {
  it('finds English from npm and Swedish and Italian from Debian, all local files', async () => {
    const data = await findOcrLanguageData();
    expect(data.missing).toEqual([]);
    expect(Object.fromEntries(data.available.map((l) => [l.code, l.source]))).toEqual({
      swe: 'debian',
      ita: 'debian',
      eng: 'npm',
    });
    for (const l of data.available) {
      expect(path.isAbsolute(l.file)).toBe(true);
      expect(statSync(l.file).size).toBeGreaterThan(1_000_000);
      expect(l.gzip).toBe(l.source === 'npm');
    }
    const engine = await sharedOcrEngine();
    expect(engine.languages).toEqual(['swe', 'ita', 'eng']);
    expect(engine.missing).toEqual([]);
    const res = await app.inject({ method: 'GET', url: '/scans/languages', headers: rep.headers });
    expect(res.json()).toEqual({
      available: [
        { code: 'swe', source: 'debian' },
        { code: 'ita', source: 'debian' },
        { code: 'eng', source: 'npm' },
      ],
      missing: [],
    });
  });

  it('never downloads: tesseract.js is given local files only, and no scans code names a URL', async () => {
    const engine = await sharedOcrEngine();
    const paths = tesseractLocalPaths();
    expect(engine.paths).toMatchObject(paths);
    for (const p of Object.values(engine.paths)) {
      expect(path.isAbsolute(p)).toBe(true);
      expect(statSync(p)).toBeTruthy();
    }
    const dir = path.resolve(import.meta.dirname, '../../src/modules/scans');
    for (const file of readdirSync(dir).filter((f) => f.endsWith('.ts'))) {
      expect(readFileSync(path.join(dir, file), 'utf8'), file).not.toMatch(/\b(?:https?|ftp):\/\//i);
    }
  });

  it(
    'reports a missing language pack instead of failing, and reads with the others',
    async () => {
      const empty = mkdtempSync(path.join(os.tmpdir(), 'claimdesk-no-swe-'));
      const data = await findOcrLanguageData({ dirs: { swe: empty } });
      expect(data.missing).toEqual([
        { code: 'swe', lookedIn: [empty], install: 'apt-get install tesseract-ocr-swe' },
      ]);
      const { db } = await testDatabase();
      // The upload says so at once…
      const png = await letterPng([
        'Hej! Detta brev läses utan svensk språkdata.',
        `Referens ${randomBytes(4).toString('hex')}`,
      ]);
      const uploaded = await uploadScan({
        db,
        actor: systemActor('test'),
        filename: 'brev.png',
        declaredType: 'image/png',
        content: png,
        ocrData: { dirs: { swe: empty } },
      });
      expect(uploaded.status).toBe(202);
      expect(uploaded.body.missingLanguages).toEqual(['swe']);
      // …and the OCR, run by an engine without Swedish, records what it used and what it lacked.
      const engine = await createOcrEngine({ dirs: { swe: empty } });
      try {
        expect(engine.languages).toEqual(['ita', 'eng']);
        await runJob(recogniseScanJob({ engine: async () => engine }), SCAN_OCR_JOB, {
          scanId: uploaded.body.id,
        });
      } finally {
        await engine.terminate();
      }
      const scan = await getScan(uploaded.body.id);
      expect(scan).toMatchObject({ ocrLanguages: ['ita', 'eng'], missingLanguages: ['swe'] });
      expect(scan.text).toMatch(/brev/);
    },
    OCR_TIMEOUT,
  );
});

describe('rasterisePdf', () => {
  it('renders pages at the asked resolution and stops at the page limit, saying how many there were', async () => {
    const pdf = await PDFDocument.create();
    for (let i = 0; i < 3; i++) pdf.addPage([595, 842]);
    const { pages, pageCount } = await rasterisePdf(await pdf.save(), { dpi: 100, maxPages: 2 });
    expect(pageCount).toBe(3);
    expect(pages).toHaveLength(2);
    // A4 at 100 dpi: 827 × 1170 pixels (PNG header: width and height at bytes 16–23).
    const png = Buffer.from(pages[0] as Uint8Array);
    expect([png.readUInt32BE(16), png.readUInt32BE(20)]).toEqual([827, 1170]);
  });
});

describe('POST /scans → OCR → link', () => {
  it(
    'reads an English letter, finds the claim number and IBAN, and files it on the claim',
    async () => {
      const { customer, policy } = await customerWithPolicy();
      const claim = await app.inject({
        method: 'POST',
        url: '/claims',
        headers: rep.headers,
        payload: claimBody(customer.id, policy.id),
      });
      expect(claim.statusCode, claim.body).toBe(201);
      const claimNumber: string = claim.json().claimNumber;
      const lines = [
        'Dear Sir or Madam,',
        `I am writing about my claim ${claimNumber}.`,
        'My luggage was delayed for three days and I enclose the receipts.',
        'Please pay the compensation into my bank account:',
        'IBAN GB29 NWBK 6016 1331 9268 19',
        'Yours faithfully,',
        'Anna Lindqvist',
      ];
      const png = await letterPng(lines);
      const scan = await scanAndRecognise({ filename: 'letter.png', type: 'image/png', content: png });
      expect(characterAccuracy(lines, scan.text)).toBeGreaterThanOrEqual(MIN_ACCURACY);
      expect(scan).toMatchObject({
        status: 'recognised',
        language: 'en',
        pageCount: 1,
        pagesRead: 1,
        ocrLanguages: ['swe', 'ita', 'eng'],
        missingLanguages: [],
        failureReason: null,
      });
      expect(scan.text).toContain('luggage was delayed');
      expect(scan.confidence).toBeGreaterThan(80);
      expect(scan.extracted?.claimNumbers).toEqual([claimNumber]);
      expect(scan.extracted?.ibans).toEqual(['GB29NWBK60161331926819']);
      expect(scan.link).toMatchObject({
        status: 'matched',
        matchRule: 'reference_in_text',
        customerId: customer.id,
        claimId: claim.json().id,
        claimNumber,
        triageWorkItemId: null,
      });
      // The scanned file is now one of the claim's documents.
      const docs = await app.inject({
        method: 'GET',
        url: `/documents?entityType=claim&entityId=${claim.json().id}`,
        headers: rep.headers,
      });
      expect(docs.json().items.map((d: { id: string }) => d.id)).toContain(scan.documentId);
    },
    OCR_TIMEOUT,
  );

  it(
    'reads a Swedish letter with å/ä/ö and links it to the customer by personnummer',
    async () => {
      const { db } = await testDatabase();
      const nationalId = randomPersonnummer();
      const customer = await makeCustomer(db, { nationalId });
      const display = `${customer.nationalId.slice(0, 8)}-${customer.nationalId.slice(8)}`;
      const lines = [
        'Till försäkringsbolaget',
        'Hej! Jag skriver angående min resa till Göteborg.',
        'Väskan försvann på flygplatsen och jag fick köpa kläder.',
        `Mitt personnummer är ${display}.`,
        'Jag bifogar kvittona för det jag köpte.',
        'Med vänliga hälsningar,',
        'Åsa Öberg',
      ];
      const png = await letterPng(lines);
      const scan = await scanAndRecognise({ filename: 'brev.png', type: 'image/png', content: png });
      expect(characterAccuracy(lines, scan.text)).toBeGreaterThanOrEqual(MIN_ACCURACY);
      expect(scan).toMatchObject({ status: 'recognised', language: 'sv' });
      for (const word of ['försäkringsbolaget', 'Väskan', 'Göteborg', 'hälsningar', 'Åsa', 'Öberg']) {
        expect(scan.text).toContain(word);
      }
      expect(scan.extracted?.nationalIds).toEqual([{ country: 'SE', value: customer.nationalId }]);
      // The customer is known, not which claim: it waits in triage with the customer filled in.
      expect(scan.link).toMatchObject({
        status: 'triage',
        matchRule: 'national_id_in_text',
        customerId: customer.id,
        claimId: null,
        triageWorkItemId: expect.any(String),
      });
      const item = await db
        .selectFrom('work_items')
        .selectAll()
        .where('id', '=', scan.link?.triageWorkItemId as string)
        .executeTakeFirstOrThrow();
      expect(item).toMatchObject({ kind: 'triage', customer_id: customer.id, open: true, language: 'sv' });
      // The scanned file waits on the letter, where sorting it out of triage takes it from.
      const doc = await db
        .selectFrom('documents')
        .selectAll()
        .where('id', '=', scan.documentId)
        .executeTakeFirstOrThrow();
      expect(doc).toMatchObject({
        entity_type: 'inbound_message',
        entity_id: scan.link?.inboundMessageId,
        customer_id: customer.id,
      });
    },
    OCR_TIMEOUT,
  );

  it(
    'reads an Italian letter sent as a PDF, with its codice fiscale and an amount in euro',
    async () => {
      const { db } = await testDatabase();
      // The letter writer's own code (Giulia Rossi, born 12 April 1985 in Rome). A fixed code, not a
      // random one: OCR of the same rendered page is deterministic, and a random code sometimes hits
      // a letter Tesseract reads as another letter (V as Y), which no extraction can put right (a
      // guess the check character would pass one time in 26). Look-alike digits (D/0, S/5, G/6…)
      // are put right by the extraction (extract-references.test.ts). On a database kept between
      // runs the customer from an earlier run is the one the letter links to.
      const fiscalCode = 'RSSGLI85D52H501N';
      const existing = await db
        .selectFrom('customers')
        .select('id')
        .where('national_id', '=', fiscalCode)
        .executeTakeFirst();
      const customer =
        existing ??
        (await makeCustomer(db, {
          givenName: 'Giulia',
          familyName: 'Rossi',
          country: 'IT',
          preferredLanguage: 'it',
          nationalId: fiscalCode,
          phone: '+390612345678',
        }));
      const lines = [
        'Gentile compagnia di assicurazione,',
        'vi scrivo per il ritardo del mio bagaglio durante il viaggio a Roma.',
        'Ho dovuto acquistare vestiti e articoli per la cura personale.',
        'Allego le ricevute delle spese sostenute.',
        'Importo totale: € 245,50',
        `Il mio codice fiscale è ${fiscalCode}.`,
        'Cordiali saluti,',
        'Giulia Rossi',
      ];
      const pdf = await letterPdf(lines);
      const scan = await scanAndRecognise({ filename: 'lettera.pdf', type: 'application/pdf', content: pdf });
      expect(characterAccuracy(lines, scan.text)).toBeGreaterThanOrEqual(MIN_ACCURACY);
      expect(scan).toMatchObject({
        status: 'recognised',
        language: 'it',
        mediaType: 'application/pdf',
        pageCount: 1,
        pagesRead: 1,
      });
      expect(scan.text).toContain('bagaglio');
      expect(scan.extracted?.nationalIds).toEqual([{ country: 'IT', value: fiscalCode }]);
      expect(scan.extracted?.amounts).toContainEqual({ value: '245.50', currency: 'EUR' });
      expect(scan.link).toMatchObject({
        status: 'triage',
        matchRule: 'national_id_in_text',
        customerId: customer.id,
        triageWorkItemId: expect.any(String),
      });
    },
    OCR_TIMEOUT,
  );

  it(
    'keeps a blank or noise scan as unreadable, in triage, with its image',
    async () => {
      const canvas = createCanvas(800, 1000);
      const ctx = canvas.getContext('2d');
      ctx.fillStyle = '#fff';
      ctx.fillRect(0, 0, 800, 1000);
      for (let i = 0; i < 4000; i++) {
        ctx.fillStyle = `rgba(0,0,0,${Math.random()})`;
        ctx.fillRect(Math.random() * 800, Math.random() * 1000, 1 + Math.random() * 3, 1 + Math.random() * 3);
      }
      const png = new Uint8Array(await canvas.encode('png'));
      const scan = await scanAndRecognise({ filename: 'smudge.png', type: 'image/png', content: png });
      expect(scan.status).toBe('unreadable');
      expect(scan.link).toMatchObject({
        status: 'triage',
        matchRule: null,
        customerId: null,
        claimId: null,
        triageWorkItemId: expect.any(String),
        triageReason: expect.stringMatching(/letters were recognised|confidence/),
      });
      // Nothing lost: the image is still there, byte for byte.
      const content = await app.inject({
        method: 'GET',
        url: `/documents/${scan.documentId}/content`,
        headers: rep.headers,
      });
      expect(content.statusCode).toBe(200);
      expect(Buffer.compare(content.rawPayload, Buffer.from(png))).toBe(0);
      const list = await app.inject({
        method: 'GET',
        url: '/scans?status=unreadable&limit=200',
        headers: rep.headers,
      });
      expect(list.json().items.map((s: ScanView) => s.id)).toContain(scan.id);
    },
    OCR_TIMEOUT,
  );
});

describe('POST /scans: refusals, retries and failures', () => {
  it('refuses an executable renamed .png (415) and a text file (415), storing nothing', async () => {
    const elf = Buffer.concat([Buffer.from([0x7f, 0x45, 0x4c, 0x46, 2, 1, 1, 0]), randomBytes(200)]);
    const exe = Buffer.concat([Buffer.from('MZ'), randomBytes(300)]);
    for (const content of [elf, exe]) {
      const res = await postScan({ filename: 'letter.png', type: 'image/png', content });
      expectProblem(res, 415, 'document_type_not_allowed');
    }
    const text = await postScan({
      filename: 'letter.txt',
      type: 'text/plain',
      content: Buffer.from('Hello'),
    });
    expectProblem(text, 415, 'document_type_not_allowed');
  });

  it('is for staff: a customer may not upload or read scans', async () => {
    const { db } = await testDatabase();
    const customer = await makeCustomer(db);
    const portal = await signInAs('customer', { customerId: customer.id });
    const png = await letterPng(['A letter from a customer portal']);
    expectProblem(
      await postScan({ filename: 'a.png', type: 'image/png', content: png }, {}, portal),
      403,
      'forbidden',
    );
    const list = await app.inject({ method: 'GET', url: '/scans', headers: portal.headers });
    expectProblem(list, 403, 'forbidden');
  });

  it('stores a file once: a retry with the same key replays, the same bytes again are the same scan', async () => {
    const png = await letterPng(['Idempotent letter', randomBytes(6).toString('hex')]);
    const file = { filename: 'again.png', type: 'image/png', content: png };
    const first = await postScan(file, { 'idempotency-key': `scan-${randomBytes(6).toString('hex')}` });
    expect(first.statusCode, first.body).toBe(202);
    const key = `scan-${randomBytes(6).toString('hex')}`;
    const keyed = await postScan(file, { 'idempotency-key': key });
    expect(keyed.statusCode).toBe(200);
    expect(keyed.json().id).toBe(first.json().id);
    const replay = await postScan(file, { 'idempotency-key': key });
    expect(replay.statusCode).toBe(200);
    expect(replay.headers['idempotent-replayed']).toBe('true');
    const other = await letterPng(['Another letter', randomBytes(6).toString('hex')]);
    expectProblem(
      await postScan({ ...file, content: other }, { 'idempotency-key': key }),
      409,
      'idempotency_key_reused',
    );
  });

  it('retries a failing OCR job, then marks the scan failed with the reason (image kept)', async () => {
    const { db } = await testDatabase();
    const png = await letterPng(['A letter the OCR will choke on', randomBytes(6).toString('hex')]);
    const res = await postScan({ filename: 'choke.png', type: 'image/png', content: png });
    expect(res.statusCode).toBe(202);
    const scanId: string = res.json().id;
    // A kind of this test's own, so the worker takes no other job; same handler, a broken engine.
    const kind = testKind('scan-ocr-fails');
    const broken = async (): Promise<OcrEngine> => {
      throw new Error('tesseract worker crashed (simulated)');
    };
    await db.transaction().execute((trx) =>
      trx
        .insertInto('jobs')
        .values({ kind, payload: JSON.stringify({ scanId }), max_attempts: 3 })
        .execute(),
    );
    const worker = createWorker({
      db,
      handlers: { [kind]: recogniseScanJob({ engine: broken }) },
      log: silentLog,
      kinds: [kind],
      retry: { baseMs: 1, maxMs: 1 },
    });
    for (let attempt = 1; attempt <= 3; attempt++) {
      await new Promise((r) => setTimeout(r, 5));
      expect(await worker.runOnce()).toBe(1);
      const scan = await getScan(scanId);
      expect(scan.status).toBe(attempt < 3 ? 'pending' : 'failed');
    }
    await worker.stop();
    const scan = await getScan(scanId);
    expect(scan.failureReason).toMatch(/tesseract worker crashed/);
    // A person still gets the letter: in triage, with the image on it.
    expect(scan.link).toMatchObject({
      status: 'triage',
      triageWorkItemId: expect.any(String),
      triageReason: expect.stringMatching(/^The OCR failed: .*tesseract worker crashed/),
    });
    const job = await db.selectFrom('jobs').selectAll().where('kind', '=', kind).executeTakeFirstOrThrow();
    expect(job).toMatchObject({ status: 'done', attempts: 3 });
    const content = await app.inject({
      method: 'GET',
      url: `/documents/${scan.documentId}/content`,
      headers: rep.headers,
    });
    expect(content.statusCode).toBe(200);
    const failed = await app.inject({
      method: 'GET',
      url: '/scans?status=failed&limit=200',
      headers: rep.headers,
    });
    expect(failed.json().items.map((s: ScanView) => s.id)).toContain(scanId);
  });
});
