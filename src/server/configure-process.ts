import { configureDeadlinePolicies, configuredDeadlinePolicies } from '../modules/deadlines/index.ts';
import { configureDocumentStore } from '../modules/documents/index.ts';
import { configurePayments } from '../modules/payments/payment-settings.ts';
import type { Config } from './config.ts';

/**
 * The process-wide settings taken from the configuration, once, before anything runs: deadline
 * policies as configured (CLAIMDESK_SE_COMPLAINT_DAYS) the document store's directory and
 * the payment settings (CLAIMDESK_PAYMENTS). The
 * server and every CLI command (seed, import, worker) call this same function.
 */
export function configureProcess(config: Config): void {
  configureDeadlinePolicies(configuredDeadlinePolicies(config));
  configureDocumentStore(config);
  configurePayments(config.payments);
}
