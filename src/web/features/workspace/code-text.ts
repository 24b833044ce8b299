import { useTranslation } from 'react-i18next';

// The server speaks in codes (statuses, kinds, channels); the workspace shows words. A code the
// texts do not know yet (a new status, a configured kind) still reads as words — "Other
// (payment delay warning)" — rather than as the raw code or a missing-key path.

/** "information.requested" → "information requested". */
export function codeAsWords(code: string): string {
  return code
    .replace(/[._/-]+/g, ' ')
    .trim()
    .toLowerCase();
}

/** t(prefix + code) when that text exists, else the code in words marked as unknown. */
export function useCodeText(): (prefix: string, code: string | null | undefined) => string {
  const { t, i18n } = useTranslation();
  return (prefix: string, code: string | null | undefined) => {
    if (!code) return '—';
    const key = `${prefix}${code}`;
    return i18n.exists(key) ? t(key) : t('workspace.otherCode', { code: codeAsWords(code) });
  };
}
