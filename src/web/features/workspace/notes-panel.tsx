import { Card, Stack, Text } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { ProblemAlert } from '../../components/problem-alert.tsx';
import { formatDateTime } from '../../i18n/format.ts';
import { useNotes } from './workspace-queries.ts';

// Internal notes, newest first: for colleagues, supervisors and auditors, never the customer.
export function NotesPanel({ claimRef }: { claimRef: string }) {
  const { t, i18n } = useTranslation();
  const notes = useNotes(claimRef);
  if (notes.error) return <ProblemAlert error={notes.error} />;
  if (!notes.data) return <Text>{t('app.loading')}</Text>;
  if (notes.data.items.length === 0) return <Text>{t('workspace.noNotes')}</Text>;
  return (
    <Stack gap="xs">
      {notes.data.items.map((n) => (
        <Card key={n.id} withBorder padding="sm">
          <Text style={{ whiteSpace: 'pre-wrap' }}>{n.body}</Text>
          <Text size="xs" c="gray.7" mt={4}>
            {n.authorName ?? '—'} · {formatDateTime(n.createdAt, i18n.language)}
          </Text>
        </Card>
      ))}
    </Stack>
  );
}
