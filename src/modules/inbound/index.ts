export { assignInboundMessage } from './assign-inbound-message.ts';
export {
  type AttachmentVerdict,
  judgeAttachment,
  MAX_ATTACHMENT_BYTES,
  type RejectedAttachment,
} from './attachment-policy.ts';
export { type ClaimFromInboundOutcome, claimFromInboundMessage } from './claim-from-inbound-message.ts';
export {
  type AmountRef,
  type ExtractedReferences,
  extractReferences,
  findRecordNumbers,
  type NationalIdRef,
  normaliseAmount,
} from './extract-references.ts';
export { findMatchCandidates } from './find-candidates.ts';
export { getInboundMessage, listInboundMessages, loadInboundView } from './find-inbound-messages.ts';
export { countryOfAddress, countryOfLanguage, guessLanguage } from './guess-language.ts';
export {
  type ImapPoller,
  type ImapSettings,
  type Mailbox,
  parseImapUrl,
  pollMailbox,
  startImapPoller,
} from './imap-poller.ts';
export {
  type InboundMessageSummary,
  InboundMessageSummarySchema,
  type InboundMessageView,
  InboundMessageViewSchema,
  inboundReference,
  toInboundSummary,
} from './inbound-schemas.ts';
export {
  canonicalMessageId,
  type MatchCandidates,
  type MatchInput,
  type MatchLookups,
  type MessageMatch,
  matchLookups,
  matchMessage,
  normaliseAddress,
} from './match-message.ts';
export { mimeProblem } from './mime-problems.ts';
export { derivedMessageId, parseEmail } from './parse-email.ts';
export { type EmailEnvelope, type ReceivedEmail, receiveEmail } from './receive-email.ts';
export { inboundRoutes } from './routes.ts';
export { isLoopbackHost, type SmtpIntake, startSmtpIntake } from './smtp-intake.ts';
export { fileAttachments, sendToTriage } from './thread-message.ts';
