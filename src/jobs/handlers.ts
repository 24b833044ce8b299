import { ROUTE_CLAIMS_JOB, routeClaimsJob } from '../modules/claims/route-claims-job.ts';
import {
  DEADLINE_SWEEP_JOB,
  SWEEP_BATCH_BY_ENGINE,
  SWEEP_EVERY_MS,
  sweepDeadlinesJob,
} from '../modules/deadline-store/index.ts';
import {
  EXPIRY_JOB,
  expireInformationRequest,
  REMINDER_JOB,
  sendInformationReminder,
} from '../modules/information-requests/index.ts';
import {
  DELIVERY_JOB,
  type MailSettings,
  mailSettingsOf,
  sendDeliveryJob,
} from '../modules/outbound/index.ts';
import {
  PAYMENT_DELAY_SWEEP_EVERY_MS,
  PAYMENT_DELAY_SWEEP_JOB,
  sweepPaymentDelaysJob,
} from '../modules/payments/index.ts';
import {
  RETENTION_FILES_JOB,
  RETENTION_SWEEP_EVERY_MS,
  RETENTION_SWEEP_JOB,
  retentionFilesJob,
  retentionSweepJob,
} from '../modules/privacy/index.ts';
import { recogniseScanJob, SCAN_OCR_JOB } from '../modules/scans/index.ts';
import {
  deliverWebhookJob,
  WEBHOOK_DELIVERY_JOB,
  WEBHOOK_OUTBOX_EVERY_MS,
  WEBHOOK_OUTBOX_JOB,
  type WebhookSettings,
  webhookOutboxJob,
  webhookSettingsOf,
} from '../modules/webhooks/index.ts';
import { loadConfig } from '../server/config.ts';
import type { JobHandlers, PeriodicJob } from './job-types.ts';

// The jobs the server's in-process worker and `claimdesk worker` run. Each handler writes only
// through its job's transaction, so its effects commit together with the job's completion.

export function productionJobHandlers(opts: {
  engine: 'pglite' | 'postgres';
  /** Outbound SMTP (config.smtpUrl, config.mailFrom); default: read from the environment. */
  mail?: MailSettings;
  /** Webhook target rules, timeout and retries; default: read from the environment. */
  webhooks?: WebhookSettings;
}): JobHandlers {
  const webhooks = opts.webhooks ?? webhookSettingsOf(loadConfig());
  return {
    [DEADLINE_SWEEP_JOB]: sweepDeadlinesJob(SWEEP_BATCH_BY_ENGINE[opts.engine]),
    [REMINDER_JOB]: sendInformationReminder,
    [EXPIRY_JOB]: expireInformationRequest,
    [ROUTE_CLAIMS_JOB]: routeClaimsJob,
    [SCAN_OCR_JOB]: recogniseScanJob(),
    [DELIVERY_JOB]: sendDeliveryJob(opts.mail ?? mailSettingsOf(loadConfig())),
    [PAYMENT_DELAY_SWEEP_JOB]: sweepPaymentDelaysJob(),
    [RETENTION_SWEEP_JOB]: retentionSweepJob(),
    [RETENTION_FILES_JOB]: retentionFilesJob(),
    [WEBHOOK_OUTBOX_JOB]: webhookOutboxJob(webhooks),
    [WEBHOOK_DELIVERY_JOB]: deliverWebhookJob(webhooks),
  };
}

export const PERIODIC_JOBS: PeriodicJob[] = [
  { kind: DEADLINE_SWEEP_JOB, everyMs: SWEEP_EVERY_MS },
  { kind: PAYMENT_DELAY_SWEEP_JOB, everyMs: PAYMENT_DELAY_SWEEP_EVERY_MS },
  { kind: RETENTION_SWEEP_JOB, everyMs: RETENTION_SWEEP_EVERY_MS },
  { kind: WEBHOOK_OUTBOX_JOB, everyMs: WEBHOOK_OUTBOX_EVERY_MS },
];
