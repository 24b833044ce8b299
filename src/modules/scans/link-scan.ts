import type { Transaction } from 'kysely';
import type { DB, DocumentRow, InboundMessageRow, Language, ScanRow } from '../../db/schema.ts';
import { newId } from '../../lib/ids.ts';
import type { AuditInput } from '../audit/index.ts';
import {
  extractReferences,
  findMatchCandidates,
  type MatchInput,
  type MessageMatch,
  matchLookups,
  matchMessage,
  sendToTriage,
} from '../inbound/index.ts';
import type { Actor } from '../users/actor.ts';
import type { ScanReading } from './read-scan-image.ts';
import { judgeReadability } from './scan-readability.ts';

type ScanDocument = Pick<DocumentRow, 'id' | 'size_bytes' | 'filename' | 'entity_type' | 'entity_id'>;

const SUBJECT_LENGTH = 200;

/**
 * Files a read letter as an inbound message on the 'letter' channel — its text, language and the
 * numbers it names — matched by the same rules as email (src/modules/inbound): a claim or case
 * number in the text threads it ('matched', and the scanned file moves onto that claim or case);
 * a personnummer / codice fiscale naming one customer ties it to that customer but a person still
 * picks the claim ('triage' with the customer known); nothing, or an unreadable scan, is 'triage'
 * for a person to read. In triage the file sits on the inbound message, where the triage actions
 * (assign, open a claim) take a message's documents from. Nothing is lost either way: the image,
 * the text and the numbers found are all kept. Runs in the OCR job's transaction; returns the
 * audit events for the caller to append.
 */
export async function linkScan(
  trx: Transaction<DB>,
  opts: { scan: ScanRow; document: ScanDocument; read: ScanReading; actor: Actor; now: Date },
): Promise<AuditInput[]> {
  const { scan, document, read, actor, now } = opts;
  const readability = judgeReadability(read);
  const referenceDate = now.toISOString().slice(0, 10);
  const extracted = extractReferences(read.text, referenceDate);
  let match: MessageMatch | null = null;
  let triageReason: string | null = readability.readable ? null : readability.message;
  if (readability.readable) {
    const input: MatchInput = {
      subject: null,
      text: read.text,
      inReplyTo: null,
      references: [],
      fromAddress: null,
    };
    match = matchMessage(
      input,
      await findMatchCandidates(trx, matchLookups(input, referenceDate)),
      referenceDate,
    );
    if (match?.caseId) {
      const c = await trx
        .selectFrom('service_cases')
        .select('status')
        .where('id', '=', match.caseId)
        .executeTakeFirst();
      if (c && (c.status === 'closed' || c.status === 'withdrawn')) {
        // A closed case takes no letters; a person decides whether this is a new matter.
        triageReason = `The letter names a ${c.status} case.`;
        match = { rule: match.rule, customerId: match.customerId };
      }
    }
    if (!match) triageReason = 'No claim, case or customer was found in the letter.';
    else if (!match.claimId && !match.caseId)
      triageReason ??= 'The customer is known, but not which claim or case.';
  }
  const message = await insertLetter(trx, {
    scan,
    document,
    text: read.text,
    language: read.language,
    extracted,
    match,
    triageReason,
  });
  await trx
    .updateTable('scans')
    .set({
      status: readability.readable ? 'recognised' : 'unreadable',
      inbound_message_id: message.id,
      customer_id: match?.customerId ?? null,
      text: read.text,
      confidence: read.confidence,
      language: read.language,
      ocr_languages: read.ocrLanguages,
      missing_languages: read.missingLanguages.map((m) => m.code),
      page_count: read.pageCount,
      pages_read: read.pagesRead,
      recognised_at: now,
    })
    .where('id', '=', scan.id)
    .execute();
  return [
    scanEvent({ scan, message, read, readability, extracted, triageReason, actor }),
    ...(await routeLetter(trx, { message, document, actor, now })),
  ];
}

/**
 * The OCR gave up (its last attempt failed): the scan is 'failed' with the reason, and the letter
 * still reaches a person — an inbound message without text in triage, with the image on it.
 */
export async function fileFailedScan(
  trx: Transaction<DB>,
  opts: { scan: ScanRow; document: ScanDocument; reason: string; attempts: number; actor: Actor; now: Date },
): Promise<AuditInput[]> {
  const { scan, document, actor, now } = opts;
  const triageReason = `The OCR failed: ${opts.reason}`;
  const message = await insertLetter(trx, {
    scan,
    document,
    text: null,
    language: null,
    extracted: null,
    match: null,
    triageReason,
  });
  await trx
    .updateTable('scans')
    .set({ status: 'failed', failure_reason: opts.reason, inbound_message_id: message.id })
    .where('id', '=', scan.id)
    .execute();
  return [
    {
      actor,
      action: 'scan.failed',
      entityType: 'scan',
      entityId: scan.id,
      customerId: null,
      reason: opts.reason,
      data: { scanId: scan.id, inboundMessageId: message.id, attempts: opts.attempts },
    },
    ...(await routeLetter(trx, { message, document, actor, now })),
  ];
}

/** The letter as an inbound message: matched when it names a claim or case, else for triage. */
async function insertLetter(
  trx: Transaction<DB>,
  o: {
    scan: ScanRow;
    document: ScanDocument;
    text: string | null;
    language: Language | null;
    extracted: ReturnType<typeof extractReferences> | null;
    match: MessageMatch | null;
    triageReason: string | null;
  },
): Promise<InboundMessageRow> {
  const { match } = o;
  const threaded = Boolean(match?.claimId || match?.caseId);
  return trx
    .insertInto('inbound_messages')
    .values({
      id: newId(),
      channel: 'letter',
      message_id: null,
      customer_id: match?.customerId ?? null,
      claim_id: match?.claimId ?? null,
      case_id: match?.caseId ?? null,
      match_rule: match?.rule ?? null,
      status: threaded ? 'matched' : 'triage',
      rejection_reason: null,
      from_address: null,
      subject: subjectOf(o.text ?? '', o.document.filename),
      body_text: o.text,
      in_reply_to: null,
      language: o.language,
      extracted: JSON.stringify({
        ...(o.extracted ?? {}),
        source: 'scan',
        scanId: o.scan.id,
        ...(o.triageReason ? { triageReason: o.triageReason } : {}),
      }),
      size_bytes: o.document.size_bytes,
      received_at: o.scan.created_at,
    })
    .returningAll()
    .executeTakeFirstOrThrow();
}

/** The file goes where people will look for it; a letter not on a claim or case goes to triage. */
async function routeLetter(
  trx: Transaction<DB>,
  o: { message: InboundMessageRow; document: ScanDocument; actor: Actor; now: Date },
): Promise<AuditInput[]> {
  const { message } = o;
  const target = message.claim_id
    ? ({ entityType: 'claim', entityId: message.claim_id } as const)
    : message.case_id
      ? ({ entityType: 'service_case', entityId: message.case_id } as const)
      : ({ entityType: 'inbound_message', entityId: message.id } as const);
  const events = await moveDocument(trx, {
    document: o.document,
    target,
    customerId: message.customer_id,
    actor: o.actor,
  });
  if (message.status === 'triage') {
    events.push(...(await sendToTriage(trx, { message, actor: o.actor, now: o.now })));
  }
  return events;
}

function scanEvent(o: {
  scan: ScanRow;
  message: InboundMessageRow;
  read: ScanReading;
  readability: ReturnType<typeof judgeReadability>;
  extracted: ReturnType<typeof extractReferences>;
  triageReason: string | null;
  actor: Actor;
}): AuditInput {
  const { message, read } = o;
  return {
    actor: o.actor,
    action: o.readability.readable ? 'scan.recognised' : 'scan.unreadable',
    entityType: 'scan',
    entityId: o.scan.id,
    customerId: message.customer_id,
    reason: o.triageReason,
    // What was read and where it went, never the text or the numbers themselves (personal data).
    data: {
      scanId: o.scan.id,
      inboundMessageId: message.id,
      status: message.status,
      matchRule: message.match_rule,
      claimId: message.claim_id,
      caseId: message.case_id,
      language: read.language,
      confidence: Math.round(read.confidence),
      pagesRead: read.pagesRead,
      pageCount: read.pageCount,
      ocrLanguages: read.ocrLanguages,
      missingLanguages: read.missingLanguages.map((m) => m.code),
      found: Object.fromEntries(Object.entries(o.extracted).map(([k, v]) => [k, v.length])),
    },
  };
}

/** The first line worth showing in a list: the letter's own words, else its file name. */
function subjectOf(text: string, filename: string): string {
  const line = text
    .split('\n')
    .map((l) => l.trim())
    .find((l) => (l.match(/\p{L}/gu)?.length ?? 0) >= 3);
  return (line ?? filename).slice(0, SUBJECT_LENGTH);
}

/**
 * The scanned file moves to where people will look for it: the claim's or case's documents, or the
 * letter (inbound message) while it waits in triage. If that record already holds these very bytes
 * (the customer uploaded them too), the file stays on the scan, with its owner set: one record
 * never holds the same file twice, and the one it has is the same content.
 */
async function moveDocument(
  trx: Transaction<DB>,
  opts: {
    document: ScanDocument;
    target: { entityType: 'claim' | 'service_case' | 'inbound_message'; entityId: string };
    customerId: string | null;
    actor: Actor;
  },
): Promise<AuditInput[]> {
  const { document, target } = opts;
  const moved = await trx
    .updateTable('documents')
    .set({ entity_type: target.entityType, entity_id: target.entityId, customer_id: opts.customerId })
    .where('id', '=', document.id)
    .where(({ not, exists, selectFrom }) =>
      not(
        exists(
          selectFrom('documents as other')
            .select('other.id')
            .where('other.entity_type', '=', target.entityType)
            .where('other.entity_id', '=', target.entityId)
            .whereRef('other.sha256', '=', 'documents.sha256'),
        ),
      ),
    )
    .returning('id')
    .executeTakeFirst();
  if (!moved) {
    await trx
      .updateTable('documents')
      .set({ customer_id: opts.customerId })
      .where('id', '=', document.id)
      .execute();
  }
  return [
    {
      actor: opts.actor,
      action: moved ? 'document.relinked' : 'document.already_on_record',
      entityType: 'document',
      entityId: document.id,
      customerId: opts.customerId,
      data: {
        documentId: document.id,
        from: { entityType: document.entity_type, entityId: document.entity_id },
        to: target,
      },
    },
  ];
}
