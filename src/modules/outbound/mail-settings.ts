import type { Config } from '../../server/config.ts';
import type { MailSettings } from './smtp-mailer.ts';

/** The mail settings of the process's configuration (CLAIMDESK_SMTP_URL, CLAIMDESK_MAIL_FROM). */
export function mailSettingsOf(config: Pick<Config, 'smtpUrl' | 'mailFrom'>): MailSettings {
  return { smtpUrl: config.smtpUrl, mailFrom: config.mailFrom };
}
