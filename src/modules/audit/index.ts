export { type AuditInput, recordAuditEvent } from './record-audit-event.ts';
export { type ChainVerdict, verifyAuditChain } from './verify-audit-chain.ts';
