import { Badge } from '@mantine/core';
import { useCodeText } from './code-text.ts';

// Filled with automatic text contrast: light badges in green or orange fail WCAG AA.
const COLORS: Record<string, string> = {
  in_review: 'blue.2',
  awaiting_information: 'orange.4',
  escalated: 'grape.2',
  approved: 'green.3',
  partially_approved: 'teal.3',
  denied: 'red.8',
  paid: 'green.3',
};

export function ClaimStatusBadge({ status }: { status: string }) {
  const words = useCodeText();
  return (
    <Badge size="lg" variant="filled" autoContrast color={COLORS[status] ?? 'gray.2'}>
      {words('workspace.status.', status)}
    </Badge>
  );
}
