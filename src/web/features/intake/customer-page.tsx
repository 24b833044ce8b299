import { Anchor, Button, Card, Group, SimpleGrid, Stack, Table, Text, Title } from '@mantine/core';
import { useQuery } from '@tanstack/react-query';
import { Link, useNavigate } from '@tanstack/react-router';
import { useTranslation } from 'react-i18next';
import { api } from '../../api/client.ts';
import type { Claim, Page } from '../../api/types.ts';
import { useMe } from '../../app/session.ts';
import { ProblemAlert } from '../../components/problem-alert.tsx';
import { ScrollTable } from '../../components/scroll-table.tsx';
import { formatDate, formatMoney } from '../../i18n/format.ts';
import { CaseStatusBadge } from './case-status-badge.tsx';
import { Fact } from './fact.tsx';
import type { BankAccount, CasePage, Customer, Policy } from './intake-types.ts';
import { NewCaseButton } from './new-case-form.tsx';
import { useProductNames } from './products.ts';

// Everything a representative needs about a customer on one page: who they are, their policies,
// claims, service cases and payout account, with a way to start a new claim or case for them.
export function CustomerPage({ id }: { id: string }) {
  const { t, i18n } = useTranslation();
  const navigate = useNavigate();
  const lang = i18n.language;
  const customer = useQuery({
    queryKey: ['customer', id],
    queryFn: () => api<Customer>('GET', `/customers/${id}`),
  });
  const policies = useQuery({
    queryKey: ['customer-policies', id],
    queryFn: () => api<{ items: Policy[] }>('GET', `/customers/${id}/policies`),
  });
  const claims = useQuery({
    queryKey: ['customer-claims', id],
    queryFn: () => api<Page<Claim>>('GET', `/claims?limit=50&customerId=${id}`),
  });
  const cases = useQuery({
    queryKey: ['customer-cases', id],
    queryFn: () => api<CasePage>('GET', `/cases?limit=50&customerId=${id}`),
  });
  const bank = useQuery({
    queryKey: ['customer-bank', id],
    queryFn: () => api<{ current: BankAccount | null }>('GET', `/customers/${id}/bank-accounts`),
  });
  // Representatives and supervisors open claims and cases (claims:create, cases:create).
  const role = useMe().data?.role;
  const mayOpen = role === 'representative' || role === 'supervisor';
  const productName = useProductNames(policies.data?.items.map((p) => p.productId) ?? []);
  if (customer.error) return <ProblemAlert error={customer.error} />;
  const c = customer.data;
  if (!c) return <Text>{t('app.loading')}</Text>;
  return (
    <Stack>
      <Group justify="space-between">
        <Title order={2}>
          {c.givenName} {c.familyName}
        </Title>
        {mayOpen && (
          <Group>
            <NewCaseButton customer={{ id: c.id, name: `${c.givenName} ${c.familyName}` }} />
            <Button onClick={() => void navigate({ to: '/desk/new-claim', search: { customerId: c.id } })}>
              {t('intake.customer.newClaim')}
            </Button>
          </Group>
        )}
      </Group>
      <SimpleGrid cols={{ base: 2, sm: 4 }}>
        <Fact label={t('intake.customer.number')} value={c.customerNumber} />
        <Fact label={t('intake.customer.nationalId')} value={c.nationalId} />
        <Fact label={t('intake.customer.birthDate')} value={formatDate(c.birthDate, lang)} />
        <Fact label={t('intake.customer.language')} value={c.preferredLanguage.toUpperCase()} />
        <Fact label={t('intake.customer.phone')} value={c.phone ?? '—'} />
        <Fact label={t('intake.customer.email')} value={c.email ?? '—'} />
        <Fact
          label={t('intake.customer.address')}
          value={c.address ? `${c.address.street}, ${c.address.postalCode} ${c.address.city}` : '—'}
        />
        <Fact
          label={t('intake.customer.bankAccount')}
          value={bank.data ? (bank.data.current?.display ?? t('intake.customer.noBankAccount')) : '…'}
        />
      </SimpleGrid>

      <Title order={3}>{t('intake.customer.policies')}</Title>
      {policies.error && <ProblemAlert error={policies.error} />}
      {policies.data?.items.length === 0 && <Text>{t('intake.customer.noPolicies')}</Text>}
      {!!policies.data?.items.length && (
        <ScrollTable label={t('intake.customer.policies')} minWidth={560}>
          <Table>
            <Table.Thead>
              <Table.Tr>
                <Table.Th>{t('intake.policy.number')}</Table.Th>
                <Table.Th>{t('intake.policy.product')}</Table.Th>
                <Table.Th>{t('intake.policy.period')}</Table.Th>
                <Table.Th>{t('intake.policy.status')}</Table.Th>
                <Table.Th>{t('intake.policy.premium')}</Table.Th>
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {policies.data.items.map((p) => (
                <Table.Tr key={p.id}>
                  <Table.Td>{p.policyNumber}</Table.Td>
                  <Table.Td>{productName(p.productId)}</Table.Td>
                  <Table.Td>
                    {formatDate(p.startsOn, lang)} – {formatDate(p.endsOn, lang)}
                  </Table.Td>
                  <Table.Td>{t(`intake.policyStatus.${p.status}`)}</Table.Td>
                  <Table.Td>{p.premiumStatus ? t(`intake.premium.${p.premiumStatus.state}`) : '—'}</Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        </ScrollTable>
      )}

      <Title order={3}>{t('intake.customer.claims')}</Title>
      {claims.error && <ProblemAlert error={claims.error} />}
      {claims.data?.items.length === 0 && <Text>{t('intake.customer.noClaims')}</Text>}
      {!!claims.data?.items.length && (
        <ScrollTable label={t('intake.customer.claims')} minWidth={560}>
          <Table>
            <Table.Thead>
              <Table.Tr>
                <Table.Th>{t('intake.claim.number')}</Table.Th>
                <Table.Th>{t('intake.claim.incidentDate')}</Table.Th>
                <Table.Th>{t('intake.claim.description')}</Table.Th>
                <Table.Th>{t('intake.claim.status')}</Table.Th>
                <Table.Th style={{ textAlign: 'right' }}>{t('intake.claim.claimed')}</Table.Th>
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {claims.data.items.map((cl) => (
                <Table.Tr key={cl.id}>
                  <Table.Td>
                    <Anchor component={Link} to={`/desk/claims/${cl.claimNumber}`}>
                      {cl.claimNumber}
                    </Anchor>
                  </Table.Td>
                  <Table.Td>{formatDate(cl.incidentDate, lang)}</Table.Td>
                  <Table.Td>{cl.description}</Table.Td>
                  <Table.Td>{t(`intake.claimStatus.${cl.status}`)}</Table.Td>
                  <Table.Td style={{ textAlign: 'right' }}>
                    {formatMoney(cl.totalClaimedMinor, cl.currency, lang)}
                  </Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        </ScrollTable>
      )}

      <Title order={3}>{t('intake.customer.cases')}</Title>
      {cases.error && <ProblemAlert error={cases.error} />}
      {cases.data?.items.length === 0 && <Text>{t('intake.customer.noCases')}</Text>}
      <Stack gap="xs">
        {cases.data?.items.map((s) => (
          <Card key={s.id} withBorder padding="sm">
            <Group justify="space-between">
              <Anchor component={Link} to={`/desk/cases/${s.caseNumber}`} fw={600}>
                {s.caseNumber}
              </Anchor>
              <CaseStatusBadge status={s.status} />
            </Group>
            <Text>
              {t(`intake.caseKind.${s.kind}`)} · {s.subject}
            </Text>
          </Card>
        ))}
      </Stack>
    </Stack>
  );
}
