import { z } from 'zod';
import type { DecisionOutcome } from '../../db/schema.ts';
import { parseInput } from '../../lib/parse-input.ts';
// The decision notice's words, as decisions and the portal write them (not on its public surface yet).
import { decidedNoticeParams } from '../decisions/decision-texts.ts';
import { renderNotice } from '../notifications/index.ts';
import type { Actor } from '../users/actor.ts';
import { assertCan } from '../users/permissions.ts';
import type { LetterContent, TemplateId } from './letter-content.ts';
import { letterDocument } from './letter-document.ts';
import { formatLetterDate } from './letter-format.ts';
import { renderLetterPdf } from './letter-pdf.ts';
import { letterheadFor } from './letter-texts.ts';
import { letterText } from './render-text.ts';
import { SAMPLE_CUSTOMER, SAMPLE_DATE, sampleDecision, sampleParams } from './template-preview-samples.ts';
import { composeLetter, NOTICE_TEMPLATES } from './templates.ts';

// The customer notice templates as the administrator checks them: each notice kind with its
// letter template (a decision in each of its three outcomes), written in a chosen language with
// made-up parameters — the email's text exactly as the outbound module writes it, the short
// notice the portal shows, and the letter's PDF. Pure apart from pdfmake: nothing is stored or sent.

const OUTCOMES = ['approved', 'partially_approved', 'denied'] as const satisfies readonly DecisionOutcome[];
type TemplateKind = keyof typeof NOTICE_TEMPLATES;
const KINDS = Object.keys(NOTICE_TEMPLATES) as [TemplateKind, ...TemplateKind[]];
const DECISION_TEMPLATE: Record<DecisionOutcome, TemplateId> = {
  approved: 'decision_approval',
  partially_approved: 'decision_partial',
  denied: 'decision_denial',
};

export const TemplatePreviewQuerySchema = z
  .object({
    kind: z.enum(KINDS).describe('The customer notice kind (GET /templates)'),
    language: z.enum(['sv', 'it', 'en']),
    outcome: z
      .enum(OUTCOMES)
      .optional()
      .describe('For claim.decided: the decision’s outcome (default approved)'),
  })
  .strict();
export type TemplatePreviewQuery = z.input<typeof TemplatePreviewQuerySchema>;

export const TemplateEntrySchema = z
  .object({
    kind: z.string().describe('The customer notice kind'),
    template: z.string().describe('The letter template it becomes'),
    outcome: z.enum(OUTCOMES).nullable().describe('For a decision: which outcome this entry shows'),
    entity: z.enum(['claim', 'case']),
  })
  .meta({ id: 'TemplateEntry' });
export type TemplateEntry = z.infer<typeof TemplateEntrySchema>;

export const TemplatePreviewSchema = z
  .object({
    kind: z.string(),
    template: z.string(),
    outcome: z.enum(OUTCOMES).nullable(),
    language: z.enum(['sv', 'it', 'en']),
    subject: z.string().describe('The email subject'),
    title: z.string().describe('The heading of the letter'),
    emailText: z.string().describe('The email body exactly as it is sent (plain text)'),
    formal: z
      .boolean()
      .describe('true: the email carries the letter as a PDF too (decisions, final answers)'),
    notice: z
      .object({ subject: z.string(), body: z.string() })
      .describe('The short notice the customer sees in the portal'),
    params: z.record(z.string(), z.union([z.string(), z.number()])).describe('The sample parameters used'),
  })
  .meta({ id: 'TemplatePreview' });
export type TemplatePreview = z.infer<typeof TemplatePreviewSchema>;

function entityOf(kind: string): 'claim' | 'case' {
  return kind.startsWith('claim.') || kind.startsWith('information.') ? 'claim' : 'case';
}

export function listTemplates(opts: { actor: Actor }): TemplateEntry[] {
  assertCan(opts.actor, 'outbox:read');
  return KINDS.flatMap((kind): TemplateEntry[] => {
    const template = NOTICE_TEMPLATES[kind];
    const entity = entityOf(kind);
    if (template === 'decision') {
      return OUTCOMES.map((outcome) => ({ kind, template: DECISION_TEMPLATE[outcome], outcome, entity }));
    }
    return [{ kind, template, outcome: null, entity }];
  });
}

type Rendered = {
  content: LetterContent;
  query: z.infer<typeof TemplatePreviewQuerySchema>;
  params: Record<string, string | number>;
};

function render(actor: Actor, raw: TemplatePreviewQuery): Rendered {
  assertCan(actor, 'outbox:read');
  const query = parseInput(TemplatePreviewQuerySchema, raw);
  const { kind, language } = query;
  const entity = entityOf(kind);
  const base = sampleParams(language);
  // A case's notices quote the case number, a claim's the claim number.
  const decision =
    kind === 'claim.decided' ? sampleDecision(query.outcome ?? 'approved', language) : undefined;
  const params = {
    ...base,
    ...(entity === 'case' ? { reference: base.caseNumber as string } : {}),
    ...(decision
      ? decidedNoticeParams(language, {
          outcome: decision.outcome,
          amountMinor: decision.payableMinor,
          currency: decision.currency,
          reasonCodes: decision.reasonCodes,
          clause: decision.clauses[0] ?? null,
        })
      : {}),
  };
  const content = composeLetter({
    kind,
    language,
    params,
    customerName: SAMPLE_CUSTOMER[language].name,
    entity,
    decision,
  });
  return { content, query, params };
}

export function previewTemplate(opts: { actor: Actor; query: TemplatePreviewQuery }): TemplatePreview {
  const { content, query, params } = render(opts.actor, opts.query);
  const sample = SAMPLE_CUSTOMER[query.language];
  const letterhead = letterheadFor(sample.country);
  return {
    kind: query.kind,
    template: content.template,
    outcome: query.kind === 'claim.decided' ? (query.outcome ?? 'approved') : null,
    language: query.language,
    subject: content.subject,
    title: content.title,
    emailText: letterText(content, letterhead, formatLetterDate(SAMPLE_DATE, query.language)),
    formal: content.formal,
    notice: renderNotice(query.kind, query.language, params),
    params,
  };
}

export async function previewTemplatePdf(opts: {
  actor: Actor;
  query: TemplatePreviewQuery;
}): Promise<{ filename: string; bytes: Uint8Array }> {
  const { content, query } = render(opts.actor, opts.query);
  const sample = SAMPLE_CUSTOMER[query.language];
  const bytes = await renderLetterPdf(
    letterDocument({
      content,
      letterhead: letterheadFor(sample.country),
      senderCountry: sample.country,
      recipient: { name: sample.name, address: sample.address },
      dateText: formatLetterDate(SAMPLE_DATE, query.language),
      customerNumber: sample.customerNumber,
    }),
  );
  return { filename: `preview-${content.template}-${query.language}.pdf`, bytes };
}
