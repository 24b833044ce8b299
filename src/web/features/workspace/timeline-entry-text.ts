import type { TFunction } from 'i18next';
import { formatMoney, localeOf } from '../../i18n/format.ts';
import type { TimelineEntry } from './workspace-types.ts';

// What one timeline entry says, in words. The server's timeline is one list built from many
// tables (src/modules/timeline/timeline-sources.ts), so each kind puts a different code in the
// shared columns: the claim's status, a decision's outcome, a notice's kind, a file's type, a
// call's outcome and direction. Each column is read by the rules of its kind here.

export type Words = (prefix: string, code: string | null | undefined) => string;

function fileSize(bytes: number, lang: string): string {
  const unit = bytes >= 1_000_000 ? 'megabyte' : bytes >= 1_000 ? 'kilobyte' : 'byte';
  const value = unit === 'megabyte' ? bytes / 1_000_000 : unit === 'kilobyte' ? bytes / 1_000 : bytes;
  return new Intl.NumberFormat(localeOf(lang), { style: 'unit', unit, maximumFractionDigits: 1 }).format(
    value,
  );
}

/** The headline (what happened) and the details line, both in the user's language. */
export function describeEntry(
  e: TimelineEntry,
  words: Words,
  t: TFunction,
  lang: string,
  departmentName: (code: string) => string,
): { title: string | null; details: string[] } {
  const money = e.amountMinor !== null && e.currency ? formatMoney(e.amountMinor, e.currency, lang) : null;
  const only = (xs: (string | null)[]) => xs.filter((x): x is string => !!x);
  switch (e.kind) {
    case 'claim':
      return {
        title: e.title,
        details: only([words('workspace.status.', e.status), money, words('workspace.channel.', e.channel)]),
      };
    case 'decision': {
      // The status is the outcome, with " (superseded)" once a later decision replaced it.
      const superseded = e.status?.endsWith(' (superseded)') ?? false;
      const outcome = superseded ? e.status?.replace(' (superseded)', '') : e.status;
      const by =
        e.title === 'straight-through'
          ? t('workspace.timeline.straightThrough')
          : e.title === 'decided by staff'
            ? t('workspace.timeline.byStaff')
            : e.title;
      return {
        title: by,
        details: only([
          words('workspace.outcome.', outcome),
          superseded ? t('workspace.timeline.superseded') : null,
          money,
        ]),
      };
    }
    case 'information_request':
      // The title lists the items: document kinds and the questions as written.
      return {
        title: (e.title ?? '')
          .split('; ')
          .filter(Boolean)
          .map((item) => (/^[a-z_]+$/.test(item) ? words('workspace.doc.', item) : item))
          .join('; '),
        details: only([words('workspace.requestStatus.', e.status), words('workspace.channel.', e.channel)]),
      };
    case 'case':
      return {
        title: e.title,
        details: only([words('workspace.caseStatus.', e.status), words('workspace.channel.', e.channel)]),
      };
    case 'referral':
      return {
        title: e.title,
        details: only([
          words('workspace.referralStatus.', e.status),
          e.channel ? departmentName(e.channel) : null,
        ]),
      };
    case 'message':
      return {
        title: e.title,
        details: only([words('workspace.visibility.', e.status), words('workspace.author.', e.channel)]),
      };
    case 'contact':
      return {
        title: e.title,
        details: only([words('workspace.notice.', e.status), words('workspace.channel.', e.channel)]),
      };
    case 'document':
      // amountMinor carries the file's size in bytes here (no currency).
      return {
        title: e.title,
        details: only([
          words('workspace.mediaType.', e.status),
          e.amountMinor !== null ? fileSize(e.amountMinor, lang) : null,
          words('workspace.docSource.', e.channel),
        ]),
      };
    case 'payment':
      return {
        title: e.title === 'premium' ? t('workspace.timeline.premium') : e.title,
        details: only([words('workspace.paymentKind.', e.status), money]),
      };
    case 'account_change':
      return {
        title: words('workspace.accountField.', e.title),
        details: only([words('workspace.accountChangeStatus.', e.status)]),
      };
    case 'call':
      return {
        title: e.title,
        details: only([words('workspace.callOutcome.', e.status), words('workspace.call.', e.channel)]),
      };
    case 'inbound':
      return {
        title: e.title,
        details: only([words('workspace.inboundStatus.', e.status), words('workspace.channel.', e.channel)]),
      };
    default:
      // A kind this screen does not know yet: its columns in words, none left as a bare code.
      return {
        title: e.title,
        details: only([e.status ? words('workspace.status.', e.status) : null, money]),
      };
  }
}
