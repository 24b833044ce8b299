import { Anchor, Button, Card, Group, Stack, Text, Title } from '@mantine/core';
import { useQuery } from '@tanstack/react-query';
import { Link } from '@tanstack/react-router';
import { useTranslation } from 'react-i18next';
import { api } from '../../api/client.ts';
import { ProblemAlert } from '../../components/problem-alert.tsx';
import { formatDateTime } from '../../i18n/format.ts';
import { CaseStatusBadge } from './claim-status.tsx';
import type { CaseSummary } from './portal-api.ts';

// The customer's questions, problems and complaints (service cases), newest first, and the two
// ways to start one.
export function CasesPage() {
  const { t, i18n } = useTranslation();
  const cases = useQuery({
    queryKey: ['portal-cases'],
    queryFn: () => api<{ items: CaseSummary[] }>('GET', '/cases?limit=50'),
  });
  return (
    <Stack maw={760}>
      <Title order={2}>{t('portal.cases.title')}</Title>
      <Group gap="sm">
        <Button component={Link} to="/portal/cases/new">
          {t('portal.cases.newCase')}
        </Button>
        <Button component={Link} to="/portal/complaints/new" variant="default">
          {t('portal.cases.newComplaint')}
        </Button>
      </Group>
      {cases.error && <ProblemAlert error={cases.error} />}
      {cases.data?.items.length === 0 && <Text>{t('portal.cases.empty')}</Text>}
      {cases.data?.items.map((c) => (
        <Card key={c.id} withBorder>
          <Group justify="space-between" wrap="wrap" gap="xs">
            <Anchor component={Link} to={`/portal/cases/${encodeURIComponent(c.caseNumber)}`} fw={600}>
              {c.caseNumber}
            </Anchor>
            <CaseStatusBadge status={c.status} />
          </Group>
          <Text mt={4}>
            {t(`portal.caseKind.${c.kind}`)}: {c.subject}
          </Text>
          <Text size="sm" c="gray.7">
            {formatDateTime(c.updatedAt, i18n.language)}
          </Text>
        </Card>
      ))}
    </Stack>
  );
}
