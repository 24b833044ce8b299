import { Badge } from '@mantine/core';
import { useTranslation } from 'react-i18next';

// A claim's status in the customer's words, with a colour that keeps its contrast (filled).
// The shades the desk's deadline badges use (checked by axe with automatic text contrast).
const COLOUR: Record<string, string> = {
  registered: 'blue.2',
  in_review: 'blue.2',
  awaiting_information: 'orange.4',
  escalated: 'blue.2',
  approved: 'green.3',
  partially_approved: 'green.3',
  denied: 'red.8',
  appealed: 'blue.2',
  paid: 'green.3',
  closed: 'gray.2',
  withdrawn: 'gray.2',
};

export function ClaimStatusBadge({ status, size = 'md' }: { status: string; size?: 'md' | 'lg' }) {
  const { t } = useTranslation();
  return (
    <Badge size={size} variant="filled" autoContrast color={COLOUR[status] ?? 'gray.2'}>
      {t(`portal.status.${status}`)}
    </Badge>
  );
}

export function CaseStatusBadge({ status }: { status: string }) {
  const { t } = useTranslation();
  const colour = status === 'awaiting_customer' ? 'orange.4' : status === 'resolved' ? 'green.3' : 'gray.2';
  return (
    <Badge variant="filled" autoContrast color={colour}>
      {t(`portal.caseStatus.${status}`)}
    </Badge>
  );
}
