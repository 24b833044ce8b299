import type { InboundMatchRule } from '../../db/schema.ts';
import { extractReferences, findRecordNumbers, type NationalIdRef } from './extract-references.ts';

// Which claim, case or customer an incoming message (an email, or a scanned letter's text) belongs
// to: pure, no I/O. The caller asks `matchLookups` what to look up, fetches those candidates with a
// few set-based queries, and `matchMessage` decides by the first rule that finds something, in
// this order (docs/inbound-email.md):
//
//  1. reference_in_subject  a CLM-/CASE- number in the subject that exists;
//  2. in_reply_to           In-Reply-To is one of our outbound Message-IDs or an earlier inbound one;
//  3. references            so is one of References (the newest, i.e. the last, first);
//  4. reference_in_text     a CLM-/CASE- number in the text that exists;
//  5. national_id_in_text   a valid personnummer / codice fiscale in the text names exactly one customer;
//  6. sender_address        exactly one customer has the sender's address.
//
// A number in the subject is the strongest signal (our own emails put it there, and replies keep
// it); a thread id is next (a reply to one of our emails whose subject the customer rewrote).
// Identity numbers and addresses only tie the message to a customer, not to a claim or case.

export type MatchInput = {
  subject: string | null;
  text: string | null;
  inReplyTo: string | null;
  references: readonly string[];
  fromAddress: string | null;
};

export type MatchCandidates = {
  claims: readonly { id: string; claimNumber: string; customerId: string }[];
  cases: readonly { id: string; caseNumber: string; customerId: string }[];
  /** Our outbound emails (deliveries) and earlier inbound messages, by their Message-ID. */
  threads: readonly {
    messageId: string;
    customerId: string | null;
    claimId: string | null;
    caseId: string | null;
  }[];
  customersByNationalId: readonly { customerId: string; country: 'SE' | 'IT'; value: string }[];
  customersByAddress: readonly { customerId: string; email: string }[];
};

export type MessageMatch = {
  rule: InboundMatchRule;
  customerId: string;
  claimId?: string;
  caseId?: string;
};

export type MatchLookups = {
  claimNumbers: string[];
  caseNumbers: string[];
  /** Canonical form, `<id>`: look each up as stored with and without the angle brackets. */
  messageIds: string[];
  nationalIds: NationalIdRef[];
  fromAddress: string | null;
};

/** `<abc@host>`, whatever brackets and whitespace it came with; null for nothing. */
export function canonicalMessageId(id: string | null | undefined): string | null {
  const bare = (id ?? '').trim().replace(/^<+/, '').replace(/>+$/, '').trim();
  return bare === '' || /\s/.test(bare) ? null : `<${bare}>`;
}

/** Lower case and trimmed: addresses are compared case-insensitively (as customers_email_idx is). */
export function normaliseAddress(address: string | null | undefined): string | null {
  const a = (address ?? '').trim().toLowerCase();
  return a.includes('@') ? a : null;
}

/** What the caller must look up for `matchMessage` to decide. */
export function matchLookups(input: MatchInput, referenceDate?: string): MatchLookups {
  const numbers = [...findRecordNumbers(input.subject ?? ''), ...findRecordNumbers(input.text ?? '')];
  const ids = [input.inReplyTo, ...input.references]
    .map(canonicalMessageId)
    .filter((id): id is string => id !== null);
  return {
    claimNumbers: unique(numbers.filter((n) => n.prefix === 'CLM').map((n) => n.number)),
    caseNumbers: unique(numbers.filter((n) => n.prefix === 'CASE').map((n) => n.number)),
    messageIds: unique(ids),
    nationalIds: extractReferences(input.text ?? '', referenceDate).nationalIds,
    fromAddress: normaliseAddress(input.fromAddress),
  };
}

export function matchMessage(
  input: MatchInput,
  candidates: MatchCandidates,
  referenceDate?: string,
): MessageMatch | null {
  const byNumber = (text: string | null, rule: InboundMatchRule): MessageMatch | null => {
    for (const n of findRecordNumbers(text ?? '')) {
      if (n.prefix === 'CLM') {
        const claim = candidates.claims.find((c) => c.claimNumber === n.number);
        if (claim) return { rule, customerId: claim.customerId, claimId: claim.id };
      } else {
        const found = candidates.cases.find((c) => c.caseNumber === n.number);
        if (found) return { rule, customerId: found.customerId, caseId: found.id };
      }
    }
    return null;
  };
  const byThread = (id: string | null, rule: InboundMatchRule): MessageMatch | null => {
    const wanted = canonicalMessageId(id);
    if (!wanted) return null;
    const thread = candidates.threads.find((t) => canonicalMessageId(t.messageId) === wanted);
    if (!thread?.customerId) return null;
    return {
      rule,
      customerId: thread.customerId,
      ...(thread.claimId ? { claimId: thread.claimId } : {}),
      ...(thread.caseId ? { caseId: thread.caseId } : {}),
    };
  };

  const subject = byNumber(input.subject, 'reference_in_subject');
  if (subject) return subject;
  const reply = byThread(input.inReplyTo, 'in_reply_to');
  if (reply) return reply;
  for (const id of [...input.references].reverse()) {
    const referenced = byThread(id, 'references');
    if (referenced) return referenced;
  }
  const inText = byNumber(input.text, 'reference_in_text');
  if (inText) return inText;

  const named = extractReferences(input.text ?? '', referenceDate).nationalIds;
  const identified = unique(
    candidates.customersByNationalId
      .filter((c) => named.some((n) => n.country === c.country && n.value === c.value))
      .map((c) => c.customerId),
  );
  const [onlyIdentified] = identified;
  if (identified.length === 1 && onlyIdentified) {
    return { rule: 'national_id_in_text', customerId: onlyIdentified };
  }

  const from = normaliseAddress(input.fromAddress);
  if (from) {
    const owners = unique(
      candidates.customersByAddress
        .filter((c) => normaliseAddress(c.email) === from)
        .map((c) => c.customerId),
    );
    const [onlyOwner] = owners;
    // Two customers sharing an address (a couple, a family) is common: then the address proves nothing.
    if (owners.length === 1 && onlyOwner) return { rule: 'sender_address', customerId: onlyOwner };
  }
  return null;
}

function unique<T>(values: readonly T[]): T[] {
  return [...new Set(values)];
}
