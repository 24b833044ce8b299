import { Anchor, Badge, Card, Grid, Group, SimpleGrid, Stack, Table, Text, Title } from '@mantine/core';
import { useQuery } from '@tanstack/react-query';
import { Link } from '@tanstack/react-router';
import { useTranslation } from 'react-i18next';
import { api } from '../../api/client.ts';
import { ProblemAlert } from '../../components/problem-alert.tsx';
import { ScrollTable } from '../../components/scroll-table.tsx';
import { formatDate, formatDateTime, formatMoney } from '../../i18n/format.ts';
import { DeadlineBadge } from '../desk/deadline-badge.tsx';
import { MessageForm, ReferForm, StatusForm } from './case-actions.tsx';
import { CaseStatusBadge } from './case-status-badge.tsx';
import { Fact } from './fact.tsx';
import { type CaseView, localized, type Referral } from './intake-types.ts';

// A service case laid out like a claim: the case and its deadline, the conversation (internal
// notes marked), what its kind needs (the payment of a payment-delay case, the policy period of a
// renewal problem), its referrals, and the actions beside it.
export function CasePage({ caseRef }: { caseRef: string }) {
  const { t, i18n } = useTranslation();
  const lang = i18n.language;
  const view = useQuery({
    queryKey: ['case', caseRef],
    queryFn: () => api<CaseView>('GET', `/cases/${encodeURIComponent(caseRef)}`),
  });
  const referrals = useQuery({
    queryKey: ['case-referrals', caseRef],
    queryFn: () => api<{ items: Referral[] }>('GET', `/cases/${encodeURIComponent(caseRef)}/referrals`),
  });
  if (view.error) return <ProblemAlert error={view.error} />;
  const c = view.data;
  if (!c) return <Text>{t('app.loading')}</Text>;
  return (
    <Stack>
      <Anchor component={Link} to="/desk/cases" w="fit-content">
        ← {t('intake.cases.back')}
      </Anchor>
      <Group justify="space-between">
        <Title order={2}>{t('intake.case.title', { number: c.caseNumber })}</Title>
        <Group>
          <CaseStatusBadge status={c.status} />
          {c.workItem && <DeadlineBadge state={c.workItem.deadlineState} />}
        </Group>
      </Group>
      <Grid gap="lg">
        <Grid.Col span={{ base: 12, md: 8 }}>
          <Stack>
            <Title order={3}>{c.subject}</Title>
            <Text style={{ whiteSpace: 'pre-wrap' }}>{c.description}</Text>
            <SimpleGrid cols={{ base: 2, sm: 4 }}>
              <Fact label={t('intake.cases.kind')} value={t(`intake.caseKind.${c.kind}`)} />
              <Fact label={t('intake.case.channel')} value={t(`intake.channel.${c.channel}`)} />
              <Fact label={t('intake.case.opened')} value={formatDateTime(c.createdAt, lang)} />
              <Fact
                label={t('intake.case.due')}
                value={c.workItem?.dueAt ? formatDateTime(c.workItem.dueAt, lang) : '—'}
              />
            </SimpleGrid>
            <Group gap="lg">
              <Anchor component={Link} to={`/desk/customers/${c.customerId}`}>
                {t('intake.case.customer')}
              </Anchor>
              {c.claimId && (
                <Anchor
                  component={Link}
                  to={`/desk/claims/${c.paymentDelay?.claim.claimNumber ?? c.claimId}`}
                >
                  {c.paymentDelay
                    ? t('intake.case.claim', { number: c.paymentDelay.claim.claimNumber })
                    : t('intake.case.claimLink')}
                </Anchor>
              )}
            </Group>
            {c.resolution && (
              <Card withBorder>
                <Text fw={600}>{t('intake.case.resolution')}</Text>
                <Text style={{ whiteSpace: 'pre-wrap' }}>{c.resolution}</Text>
              </Card>
            )}
            {c.paymentDelay && <PaymentDelay view={c} />}
            {c.renewal && (
              <Card withBorder component="section" aria-labelledby="renewal-title">
                <Title order={3} id="renewal-title">
                  {t('intake.case.renewal')}
                </Title>
                <SimpleGrid cols={{ base: 2, sm: 3 }} mt="xs">
                  <Fact label={t('intake.policy.number')} value={c.renewal.policy.policyNumber} />
                  <Fact
                    label={t('intake.case.renewalDate')}
                    value={formatDate(c.renewal.policy.renewalDate, lang)}
                  />
                  <Fact
                    label={t('intake.policy.premium')}
                    value={t(`intake.premium.${c.renewal.premiumStatus.state}`)}
                  />
                </SimpleGrid>
              </Card>
            )}

            <Title order={3}>{t('intake.case.messages')}</Title>
            {c.messages.length === 0 && <Text>{t('intake.case.noMessages')}</Text>}
            <Stack gap="xs" component="ol" style={{ listStyle: 'none', padding: 0, margin: 0 }}>
              {c.messages.map((m) => (
                <Card
                  key={m.id}
                  component="li"
                  withBorder
                  padding="sm"
                  bg={m.visibility === 'internal' ? 'yellow.0' : undefined}
                >
                  <Group justify="space-between">
                    <Text fw={600} size="sm">
                      {t(`intake.author.${m.authorKind}`)}
                      {m.visibility === 'internal' && ` · ${t('intake.case.internal')}`}
                    </Text>
                    <Text size="sm" c="gray.7">
                      {formatDateTime(m.createdAt, lang)}
                    </Text>
                  </Group>
                  <Text style={{ whiteSpace: 'pre-wrap' }}>{m.body}</Text>
                </Card>
              ))}
            </Stack>

            <Title order={3}>{t('intake.case.referrals')}</Title>
            {referrals.error && <ProblemAlert error={referrals.error} />}
            {referrals.data?.items.length === 0 && <Text>{t('intake.case.noReferrals')}</Text>}
            {referrals.data?.items.map((r) => (
              <Card key={r.id} withBorder padding="sm">
                <Group justify="space-between">
                  <Anchor component={Link} to={`/desk/referrals/${r.referralNumber}`} fw={600}>
                    {r.referralNumber}
                  </Anchor>
                  <Group gap="xs">
                    <Text size="sm">{localized(r.departmentName, lang)}</Text>
                    <Badge variant="filled" color="gray.2" autoContrast>
                      {t(`intake.referralStatus.${r.status}`)}
                    </Badge>
                  </Group>
                </Group>
                <Text size="sm">{r.question}</Text>
                {r.answer && (
                  <Text size="sm" mt={4}>
                    <b>{t('intake.referral.answer')}:</b> {r.answer}
                  </Text>
                )}
                {r.returnReason && (
                  <Text size="sm" mt={4}>
                    <b>{t('intake.referral.returned')}:</b> {r.returnReason}
                  </Text>
                )}
              </Card>
            ))}
          </Stack>
        </Grid.Col>
        <Grid.Col span={{ base: 12, md: 4 }}>
          <Stack component="aside" aria-label={t('intake.case.actions')} gap="lg">
            <Card withBorder>
              <MessageForm view={c} />
            </Card>
            <Card withBorder>
              <StatusForm view={c} />
            </Card>
            <Card withBorder>
              <ReferForm view={c} />
            </Card>
          </Stack>
        </Grid.Col>
      </Grid>
    </Stack>
  );
}

function PaymentDelay({ view }: { view: CaseView }) {
  const { t, i18n } = useTranslation();
  const lang = i18n.language;
  const p = view.paymentDelay;
  if (!p) return null;
  return (
    <Card withBorder component="section" aria-labelledby="payment-title">
      <Title order={3} id="payment-title">
        {t('intake.payment.title')}
      </Title>
      <SimpleGrid cols={{ base: 2, sm: 3 }} mt="xs">
        <Fact label={t('intake.payment.state')} value={t(`intake.paymentState.${p.payment.state}`)} />
        <Fact
          label={t('intake.payment.decision')}
          value={
            p.decision
              ? `${t(`intake.claimStatus.${p.decision.outcome}`)} · ${formatMoney(p.decision.payableMinor, p.decision.currency, lang)}`
              : '—'
          }
        />
        <Fact label={t('intake.payment.claimStatus')} value={t(`intake.claimStatus.${p.claim.status}`)} />
      </SimpleGrid>
      {p.payment.orders.length > 0 && (
        <ScrollTable label={t('intake.payment.orders')} minWidth={600}>
          <Table mt="sm">
            <Table.Thead>
              <Table.Tr>
                <Table.Th>{t('intake.payment.number')}</Table.Th>
                <Table.Th>{t('intake.payment.status')}</Table.Th>
                <Table.Th>{t('intake.payment.executionDate')}</Table.Th>
                <Table.Th>{t('intake.payment.settledOn')}</Table.Th>
                <Table.Th style={{ textAlign: 'right' }}>{t('intake.payment.amount')}</Table.Th>
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {p.payment.orders.map((o) => (
                <Table.Tr key={o.id}>
                  <Table.Td>{o.paymentNumber}</Table.Td>
                  <Table.Td>
                    {o.status}
                    {o.reason && ` · ${o.reason.text}`}
                  </Table.Td>
                  <Table.Td>{formatDate(o.requestedExecutionDate, lang)}</Table.Td>
                  <Table.Td>{o.settledOn ? formatDate(o.settledOn, lang) : '—'}</Table.Td>
                  <Table.Td style={{ textAlign: 'right' }}>
                    {formatMoney(o.amountMinor, o.currency, lang)}
                  </Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        </ScrollTable>
      )}
    </Card>
  );
}
