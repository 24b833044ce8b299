export {
  type AuditEventRow,
  type AuditInput,
  appendAuditEvents,
  auditChainHeads,
  chainOf,
  hashAuditEvents,
  insertAuditEventRows,
  lockAuditChains,
  prepareAuditEvents,
  recordAuditEvent,
  recordAuditEvents,
} from './record-audit-event.ts';
export {
  type AuditVerification,
  type BrokenLink,
  verifyAllAuditChains,
} from './verify-all-audit-chains.ts';
export { type ChainVerdict, verifyAuditChain } from './verify-audit-chain.ts';
