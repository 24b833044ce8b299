import { Anchor, Badge, Card, Group, Stack, Text, Title } from '@mantine/core';
import { useQuery } from '@tanstack/react-query';
import { Link } from '@tanstack/react-router';
import { useTranslation } from 'react-i18next';
import { api } from '../../api/client.ts';
import type { Claim, Page } from '../../api/types.ts';
import { ProblemAlert } from '../../components/problem-alert.tsx';
import { formatDate, formatMoney } from '../../i18n/format.ts';

// The customer's own claims (the server scopes the list to them), newest first; cards rather than a
// table so that it reads on a phone.
export function PortalHome() {
  const { t, i18n } = useTranslation();
  const claims = useQuery({
    queryKey: ['my-claims'],
    queryFn: () => api<Page<Claim>>('GET', '/claims?limit=50'),
  });
  return (
    <Stack maw={760}>
      <Title order={2}>{t('portal.title')}</Title>
      {claims.error && <ProblemAlert error={claims.error} />}
      {claims.data?.items.length === 0 && <Text>{t('portal.empty')}</Text>}
      {claims.data?.items.map((c) => (
        <Card key={c.id} withBorder>
          <Group justify="space-between">
            <Anchor component={Link} to={`/portal/claims/${encodeURIComponent(c.claimNumber)}`} fw={600}>
              {c.claimNumber}
            </Anchor>
            <Badge variant="light">{c.status}</Badge>
          </Group>
          <Text>{c.description}</Text>
          <Text size="sm" c="gray.7">
            {formatDate(c.incidentDate, i18n.language)} ·{' '}
            {formatMoney(c.totalClaimedMinor, c.currency, i18n.language)}
          </Text>
        </Card>
      ))}
    </Stack>
  );
}
