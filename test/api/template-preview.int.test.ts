import type { FastifyInstance } from 'fastify';
import { beforeAll, describe, expect, it } from 'vitest';
import { NOTICE_TEMPLATES } from '../../src/modules/outbound/index.ts';
import { pdfText } from '../support/pdf-text.ts';
import { type Session, signInAs, testApp } from '../support/test-app.ts';
import { customerWithPolicy, expectProblem } from './api-helpers.ts';

// The customer notice templates previewed with sample parameters: every notice kind is listed
// (a decision once per outcome), each one writes in sv, it and en without a hole, the email text
// is what the outbound module sends, and the letter comes as a PDF. Customers see none of it.

let app: FastifyInstance;
let admin: Session;
let customer: Session;

beforeAll(async () => {
  app = await testApp();
  admin = await signInAs('administrator');
  customer = await signInAs('customer', { customerId: (await customerWithPolicy()).customer.id });
});

type Entry = { kind: string; template: string; outcome: string | null; entity: string };

describe('GET /templates and the previews', () => {
  it('lists every customer notice kind, the decision once per outcome', async () => {
    const res = await app.inject({ method: 'GET', url: '/templates', headers: admin.headers });
    expect(res.statusCode).toBe(200);
    const items = res.json().items as Entry[];
    expect(new Set(items.map((i) => i.kind))).toEqual(new Set(Object.keys(NOTICE_TEMPLATES)));
    expect(items.filter((i) => i.kind === 'claim.decided').map((i) => i.template)).toEqual([
      'decision_approval',
      'decision_partial',
      'decision_denial',
    ]);
    expect(items.find((i) => i.kind === 'information.requested')).toEqual({
      kind: 'information.requested',
      template: 'information_request',
      outcome: null,
      entity: 'claim',
    });
  });

  it('writes every template in sv, it and en with no hole', async () => {
    const items = (await app.inject({ method: 'GET', url: '/templates', headers: admin.headers })).json()
      .items as Entry[];
    for (const item of items) {
      for (const language of ['sv', 'it', 'en']) {
        const outcome = item.outcome ? `&outcome=${item.outcome}` : '';
        const res = await app.inject({
          method: 'GET',
          url: `/templates/preview?kind=${item.kind}&language=${language}${outcome}`,
          headers: admin.headers,
        });
        expect(res.statusCode, `${item.kind} ${language} ${res.body}`).toBe(200);
        const preview = res.json();
        expect(preview.template).toBe(item.template);
        const text = [preview.subject, preview.emailText, preview.notice.subject, preview.notice.body].join(
          '\n',
        );
        expect(text, `${item.kind} ${language}`).not.toMatch(/\{\w+\}|\bundefined\b|\bnull\b|NaN/);
      }
    }
  });

  it('an Italian email and a Swedish decision letter as PDF', async () => {
    const email = await app.inject({
      method: 'GET',
      url: '/templates/preview?kind=information.requested&language=it',
      headers: admin.headers,
    });
    const it = email.json();
    expect(it.emailText).toContain('Gentile Giulia Esempio,');
    expect(it.emailText).toContain('30 aprile 2026');
    expect(it.emailText).toContain('Claimdesk Assicurazioni S.p.A.');
    expect(it.params.reference).toBe('CLM-2026-000042');
    const caseNotice = await app.inject({
      method: 'GET',
      url: '/templates/preview?kind=case.opened&language=en',
      headers: admin.headers,
    });
    expect(caseNotice.json().emailText).toContain('CASE-2026-000017');

    const pdf = await app.inject({
      method: 'GET',
      url: '/templates/preview.pdf?kind=claim.decided&language=sv&outcome=partially_approved',
      headers: admin.headers,
    });
    expect(pdf.statusCode).toBe(200);
    expect(pdf.headers['content-type']).toBe('application/pdf');
    expect(pdf.rawPayload.subarray(0, 5).toString()).toBe('%PDF-');
    const text = (await pdfText(new Uint8Array(pdf.rawPayload))).replace(/[\u00a0\u202f]/g, ' ');
    expect(text).toContain('Elin Exempel');
    expect(text).toContain('Claimdesk Försäkring AB');
    expect(text).toContain('Läkarbesök');
  });

  it('refuses an unknown kind and language with their paths, and customers', async () => {
    const bad = await app.inject({
      method: 'GET',
      url: '/templates/preview?kind=nope&language=de',
      headers: admin.headers,
    });
    const problem = expectProblem(bad, 400, 'validation_failed');
    expect((problem.errors ?? []).map((e) => e.path.join('.')).sort()).toEqual(['kind', 'language']);
    expectProblem(
      await app.inject({ method: 'GET', url: '/templates', headers: customer.headers }),
      403,
      'forbidden',
    );
    expectProblem(
      await app.inject({
        method: 'GET',
        url: '/templates/preview.pdf?kind=claim.decided&language=sv',
        headers: customer.headers,
      }),
      403,
      'forbidden',
    );
  });
});
