import { Badge } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import type { CaseStatus } from './intake-types.ts';

// Filled with automatic text contrast: light badges in orange or green fall below WCAG AA.
const COLORS: Record<CaseStatus, string> = {
  open: 'blue.2',
  in_progress: 'indigo.8',
  awaiting_customer: 'orange.4',
  awaiting_department: 'grape.2',
  resolved: 'green.3',
  closed: 'gray.2',
  withdrawn: 'gray.2',
};

export function CaseStatusBadge({ status }: { status: CaseStatus }) {
  const { t } = useTranslation();
  return (
    <Badge color={COLORS[status]} variant="filled" autoContrast>
      {t(`intake.caseStatus.${status}`)}
    </Badge>
  );
}
