import type { Transaction } from 'kysely';
import type { DB, Language, Localized, ReferralRow } from '../../db/schema.ts';
import type { NoticeKind } from '../notifications/index.ts';
import { notify } from '../notifications/index.ts';

// Staff notices about a referral, each in its reader's language and exactly once (dedupe keys
// per referral, event and reader).

/** How urgency reads in a notice. */
export const URGENCY_WORDS = {
  standard: { en: 'standard', sv: 'normal', it: 'ordinaria' },
  urgent: { en: 'urgent', sv: 'brådskande', it: 'urgente' },
} as const;

/** Long texts are quoted in a notice up to a length; the whole text is on the referral. */
export function excerpt(text: string, max = 300): string {
  const flat = text.replace(/\s+/g, ' ').trim();
  return flat.length <= max ? flat : `${flat.slice(0, max - 1)}…`;
}

export async function notifyReferralStaff(
  trx: Transaction<DB>,
  opts: {
    kind: Extract<NoticeKind, `referral.${string}`>;
    event: string;
    referral: ReferralRow;
    recipients: readonly { id: string; locale: Language }[];
    departmentName: Localized;
    params: (language: Language) => Record<string, string | number>;
  },
): Promise<void> {
  for (const to of opts.recipients) {
    await notify(trx, {
      audience: 'staff',
      userId: to.id,
      customerId: opts.referral.customer_id,
      kind: opts.kind,
      language: to.locale,
      params: {
        reference: opts.referral.referral_number,
        department: opts.departmentName[to.locale],
        ...opts.params(to.locale),
      },
      entityType: 'referral',
      entityId: opts.referral.id,
      dedupeKey: `referral:${opts.referral.id}:${opts.event}:${to.id}`,
    });
  }
}

/** The reader's locale, for a person named by id (the case owner, the one who accepted). */
export async function staffReader(
  trx: Transaction<DB>,
  userId: string | null,
): Promise<{ id: string; locale: Language; displayName: string } | null> {
  if (!userId) return null;
  const row = await trx
    .selectFrom('users')
    .select(['id', 'locale', 'display_name'])
    .where('id', '=', userId)
    .executeTakeFirst();
  return row ? { id: row.id, locale: row.locale, displayName: row.display_name } : null;
}
