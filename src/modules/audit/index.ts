export { type AuditInput, recordAuditEvent, recordAuditEvents } from './record-audit-event.ts';
export { type ChainVerdict, verifyAuditChain } from './verify-audit-chain.ts';
