import { Badge } from '@mantine/core';
import { useTranslation } from 'react-i18next';

// Filled badges with automatic text contrast: light orange/green badges fail AA.
const COLORS = { draft: 'yellow.3', active: 'green.3', retired: 'gray.2' } as const;

export function VersionStatusBadge({ status }: { status: 'draft' | 'active' | 'retired' }) {
  const { t } = useTranslation();
  return (
    <Badge variant="filled" autoContrast color={COLORS[status]}>
      {t(`admin.status.${status}`)}
    </Badge>
  );
}
