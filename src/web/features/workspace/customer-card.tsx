import { Card, List, SimpleGrid, Stack, Text, Title } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { ProblemAlert } from '../../components/problem-alert.tsx';
import { formatDate } from '../../i18n/format.ts';
import { Fact } from './fact.tsx';
import { useClaimWork, useCustomer } from './workspace-queries.ts';
import type { WorkspaceClaim } from './workspace-types.ts';

// Who the customer is and how to reach them (the language their letters go out in), and what
// they have been asked for and not yet answered.
export function CustomerCard({ claim, claimRef }: { claim: WorkspaceClaim; claimRef: string }) {
  const { t, i18n } = useTranslation();
  const customer = useCustomer(claimRef, claim.customerId);
  const work = useClaimWork(claimRef);
  const c = customer.data;
  const open = work.data?.informationRequests.filter((r) => r.status === 'open') ?? [];
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
      {work.error && <ProblemAlert error={work.error} />}
      {open.map((r) => (
        <Stack key={r.id} gap={2} mt="sm">
          <Text fw={600}>{t('workspace.openRequest', { date: formatDate(r.dueOn, i18n.language) })}</Text>
          <List size="sm">
            {r.items.map((item) => (
              <List.Item key={item.kind === 'document' ? item.document : item.text}>
                {item.kind === 'document' ? t(`workspace.doc.${item.document}`) : item.text}
              </List.Item>
            ))}
          </List>
        </Stack>
      ))}
    </Card>
  );
}
