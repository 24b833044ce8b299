export { type ErasureReport, eraseCustomer } from './erase-customer.ts';
export { type CustomerExport, EXPORT_FORMAT, exportCustomerData } from './export-customer-data.ts';
export { RETENTION_RULES, type RetentionRule, retainedUntil, retentionRuleOf } from './retention-rules.ts';
export { privacyRoutes } from './routes.ts';
