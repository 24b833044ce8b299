import { Card, SimpleGrid, Stack, Text, Title } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { ProblemAlert } from '../../components/problem-alert.tsx';
import { Fact } from './fact.tsx';
import { useCustomer } from './workspace-queries.ts';
import type { WorkspaceClaim } from './workspace-types.ts';

// Who the customer is and how to reach them (the language their letters go out in). What they
// were asked for and what they answered is the requests card's (information-requests-card.tsx).
export function CustomerCard({ claim, claimRef }: { claim: WorkspaceClaim; claimRef: string }) {
  const { t } = useTranslation();
  const customer = useCustomer(claimRef, claim.customerId);
  const c = customer.data;
  return (
    <Card withBorder>
      <Title order={3}>{t('workspace.customer')}</Title>
      {customer.error && <ProblemAlert error={customer.error} />}
      {c && (
        <Stack gap="xs" mt="xs">
          <Text fw={600}>
            {c.givenName} {c.familyName} · {c.customerNumber}
          </Text>
          <SimpleGrid cols={2}>
            <Fact label={t('workspace.phone')}>{c.phone ?? '—'}</Fact>
            <Fact label={t('workspace.email')}>{c.email ?? '—'}</Fact>
            <Fact label={t('workspace.letterLanguage')}>
              {t(`workspace.language.${c.preferredLanguage}`)}
            </Fact>
          </SimpleGrid>
        </Stack>
      )}
    </Card>
  );
}
