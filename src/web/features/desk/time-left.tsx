import { useTranslation } from 'react-i18next';
import { formatDuration } from '../../i18n/format.ts';

/** "3 days" or "2 hours overdue"; a dash when no deadline runs. */
export function TimeLeft({ ms }: { ms: number | null }) {
  const { t, i18n } = useTranslation();
  if (ms === null) return <>—</>;
  const duration = formatDuration(ms, i18n.language);
  return <>{ms < 0 ? t('time.overdue', { duration }) : duration}</>;
}
