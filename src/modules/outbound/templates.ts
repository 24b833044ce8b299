import type { Language } from '../../db/schema.ts';
import type { NoticeKind } from '../notifications/index.ts';
import {
  caseAcknowledgement,
  complaintAcknowledgement,
  complaintFinalAnswer,
  noticeLetter,
} from './case-templates.ts';
import { claimLetter } from './claim-templates.ts';
import { type DecisionLetterData, decisionLetter } from './decision-letter.ts';
import { fill, type LetterContent, type TemplateId } from './letter-content.ts';
import { formatLetterDate, isIsoDate } from './letter-format.ts';
import { GREETING, QUOTE_REFERENCE } from './letter-texts.ts';

// Which letter each customer notice becomes, and the letter put together: greeting, the
// template's body, and the request to quote the reference. A customer notice kind without a
// template of its own becomes a letter around its notice text (noticeLetter), so no notice is
// ever left undelivered for want of a template.

type Params = Readonly<Record<string, string | number>>;

/** Customer notices with a letter of their own (notify() writes these with channel email or letter). */
export const NOTICE_TEMPLATES = {
  'claim.acknowledged': 'claim_acknowledgement',
  'claim.escalated_to_senior': 'escalation_notice',
  'information.requested': 'information_request',
  'information.reminder': 'information_reminder',
  'claim.closed_no_answer': 'claim_closed_no_answer',
  'claim.decided': 'decision',
  'case.opened': 'case_acknowledgement',
  'case.message': 'case_notice',
  'case.question': 'case_notice',
  'case.resolved': 'case_notice',
  'case.withdrawn': 'case_notice',
  'case.payment_settled': 'case_notice',
  'complaint.acknowledged': 'complaint_acknowledgement',
  'complaint.final_answer': 'complaint_final_answer',
  'account_change.bank_account_requested': 'bank_account_change',
  'account_change.bank_account_changed': 'bank_account_change',
  'account_change.bank_account_not_changed': 'bank_account_change',
  'account_change.email_changed': 'contact_change',
  'account_change.address_changed': 'contact_change',
  'account_change.contact_updated': 'contact_change',
} as const satisfies Partial<Record<NoticeKind, TemplateId | 'decision'>>;

/** The template a notice becomes (a decision's variant is decided by its outcome). */
export function templateOf(kind: string): TemplateId | 'decision' {
  return (NOTICE_TEMPLATES as Record<string, TemplateId | 'decision'>)[kind] ?? 'case_notice';
}

/** Whether the letter needs data beyond its notice's parameters, loaded by the notice's entity. */
export function needsDecision(kind: string): boolean {
  return templateOf(kind) === 'decision';
}

export type LetterInput = {
  kind: NoticeKind;
  language: Language;
  /** The notice's parameters, as notify() was given them. */
  params: Params;
  customerName: string;
  /** Whether the notice is about a claim or a case (notifications.entity_type). */
  entity: 'claim' | 'case';
  /** For 'claim.decided': the decision and its assessment (decision-letter-data.ts). */
  decision?: DecisionLetterData;
};

export function composeLetter(input: LetterInput): LetterContent {
  const { language, kind } = input;
  const params = letterParams(input.params, language);
  const body = templateBody(input, params);
  if (body.language !== language)
    throw new Error(`letter ${kind}: rendered in ${body.language}, not ${language}`);
  return {
    ...body,
    blocks: [
      { kind: 'paragraph', text: fill(GREETING[language], { name: input.customerName }) },
      ...body.blocks,
      { kind: 'note', text: fill(QUOTE_REFERENCE[language], { reference: body.reference }) },
    ],
  };
}

function templateBody(input: LetterInput, params: Params): LetterContent {
  const { language, kind } = input;
  const template = templateOf(kind);
  switch (template) {
    case 'decision':
      if (!input.decision) throw new Error(`letter ${kind}: the decision was not loaded`);
      return decisionLetter(input.decision, language);
    case 'information_request':
    case 'information_reminder':
    case 'claim_closed_no_answer':
    case 'claim_acknowledgement':
    case 'escalation_notice':
      return claimLetter(template, language, params);
    case 'case_acknowledgement':
      return caseAcknowledgement(language, params, isIsoDate(input.params.answerBy));
    case 'complaint_acknowledgement':
      return complaintAcknowledgement(language, params);
    case 'complaint_final_answer':
      return complaintFinalAnswer(language, params);
    case 'bank_account_change':
    case 'contact_change':
    case 'case_notice':
      return noticeLetter(template, kind, language, params, input.entity);
    case 'decision_approval':
    case 'decision_partial':
    case 'decision_denial':
      throw new Error(`letter ${kind}: ${template} is reached through 'decision'`);
    default: {
      const unmapped: never = template;
      throw new Error(`letter ${kind}: no template ${String(unmapped)}`);
    }
  }
}

/** Notice parameters as a letter writes them: dates (YYYY-MM-DD) in words, in the letter's language. */
export function letterParams(params: Params, language: Language): Record<string, string | number> {
  const out: Record<string, string | number> = {};
  for (const [name, value] of Object.entries(params)) {
    out[name] = isIsoDate(value) ? formatLetterDate(value, language) : value;
  }
  return out;
}
