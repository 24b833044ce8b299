import type { Language } from '../../db/schema.ts';

// A letter as structured content, before it is an email or a PDF: the same content renders to
// both (render-text.ts, letter-document.ts), so the email and the printed letter never disagree.

export type LetterBlock =
  | { kind: 'heading'; text: string }
  | { kind: 'paragraph'; text: string; strong?: boolean }
  | { kind: 'list'; items: string[]; numbered?: boolean }
  | {
      kind: 'table';
      columns: string[];
      rows: string[][];
      /** A last row in bold (the totals). */
      total?: string[];
      /** Columns from this index on are amounts (right-aligned). */
      amountsFrom: number;
    }
  | { kind: 'note'; text: string };

export type TemplateId =
  | 'claim_acknowledgement'
  | 'information_request'
  | 'information_reminder'
  | 'claim_closed_no_answer'
  | 'decision_approval'
  | 'decision_partial'
  | 'decision_denial'
  | 'escalation_notice'
  | 'case_acknowledgement'
  | 'case_notice'
  | 'complaint_acknowledgement'
  | 'complaint_final_answer'
  | 'bank_account_change'
  | 'contact_change';

export type LetterContent = {
  template: TemplateId;
  language: Language;
  /** The email subject. */
  subject: string;
  /** The heading printed above the body of the letter. */
  title: string;
  /** The claim or case number the letter is about, shown in the letter's reference block. */
  reference: string;
  referenceKind: 'claim' | 'case';
  blocks: LetterBlock[];
  /** A decision or a final answer: sent as a PDF with the email too, so the customer keeps the document. */
  formal: boolean;
};

/**
 * Fills {name} placeholders. A parameter that is missing or empty is an error: a letter with a
 * hole in it must never reach a customer (the delivery is recorded as failed instead).
 */
export function fill(template: string, params: Readonly<Record<string, string | number>>): string {
  return template.replace(/\{(\w+)\}/g, (_, name: string) => {
    const value = params[name];
    if (value === undefined || value === null || String(value).trim() === '') {
      throw new MissingLetterParameter(name);
    }
    return String(value);
  });
}

export class MissingLetterParameter extends Error {
  readonly parameter: string;
  constructor(parameter: string) {
    super(`letter: missing parameter ${parameter}`);
    this.name = 'MissingLetterParameter';
    this.parameter = parameter;
  }
}

/** A required parameter as a string (same rule as fill). */
export function param(params: Readonly<Record<string, string | number>>, name: string): string {
  return fill(`{${name}}`, params);
}
