import { Badge } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import type { DeadlineState } from '../../api/types.ts';

// Filled, with the text colour chosen for contrast (autoContrast): light badges in orange or green
// fall below WCAG AA's 4.5:1.
const COLORS: Record<DeadlineState, string> = {
  none: 'gray.2',
  on_track: 'green.3',
  warning: 'orange.4',
  breached: 'red.8',
  paused: 'blue.2',
};

export function DeadlineBadge({ state }: { state: DeadlineState }) {
  const { t } = useTranslation();
  return (
    <Badge color={COLORS[state]} variant="filled" autoContrast>
      {t(`deadline.${state}`)}
    </Badge>
  );
}
