import { Anchor, Button, Card, Group, Stack, Text, Title } from '@mantine/core';
import { useQuery } from '@tanstack/react-query';
import { Link } from '@tanstack/react-router';
import { useTranslation } from 'react-i18next';
import { api } from '../../api/client.ts';
import type { Page } from '../../api/types.ts';
import { ProblemAlert } from '../../components/problem-alert.tsx';
import { formatDate, formatMoney } from '../../i18n/format.ts';
import { ClaimStatusBadge } from './claim-status.tsx';
import type { PortalClaim } from './portal-api.ts';

// The customer's own claims (the server scopes the list to them), newest first; cards rather than a
// table so that it reads on a phone. A claim waiting for the customer says so on its card.
export function PortalHome() {
  const { t, i18n } = useTranslation();
  const claims = useQuery({
    queryKey: ['my-claims'],
    queryFn: () => api<Page<PortalClaim>>('GET', '/claims?limit=50'),
  });
  return (
    <Stack maw={760}>
      <Group justify="space-between">
        <Title order={2}>{t('portal.title')}</Title>
        <Button component={Link} to="/portal/new-claim">
          {t('portal.home.newClaim')}
        </Button>
      </Group>
      {claims.error && <ProblemAlert error={claims.error} />}
      {!claims.data && !claims.error && <Text>{t('app.loading')}</Text>}
      {claims.data?.items.length === 0 && <Text>{t('portal.empty')}</Text>}
      {claims.data?.items.map((c) => (
        <Card key={c.id} withBorder>
          <Group justify="space-between" wrap="wrap" gap="xs">
            <Anchor component={Link} to={`/portal/claims/${encodeURIComponent(c.claimNumber)}`} fw={600}>
              {c.claimNumber}
            </Anchor>
            <ClaimStatusBadge status={c.status} />
          </Group>
          {c.status === 'awaiting_information' && (
            <Text fw={600} mt={4}>
              {t('portal.home.actionNeeded')}
            </Text>
          )}
          <Text size="sm" c="gray.7" mt={4}>
            {formatDate(c.incidentDate, i18n.language)} ·{' '}
            {formatMoney(c.totalClaimedMinor, c.currency, i18n.language)}
          </Text>
        </Card>
      ))}
    </Stack>
  );
}
