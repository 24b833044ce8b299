import { Badge, Card, Group, Stack, Table, Text, Title } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { ProblemAlert } from '../../components/problem-alert.tsx';
import { ScrollTable } from '../../components/scroll-table.tsx';
import { formatDate, formatDateTime, formatMoney } from '../../i18n/format.ts';
import { useCodeText } from './code-text.ts';
import { useLedger, usePayments } from './workspace-queries.ts';
import type { WorkspaceClaim } from './workspace-types.ts';

// The decision, and once there is one, the payment orders it made and the claim's ledger (what was
// approved, paid and is still outstanding).
export function DecisionCard({ claim, claimRef }: { claim: WorkspaceClaim; claimRef: string }) {
  const { t, i18n } = useTranslation();
  const lang = i18n.language;
  const words = useCodeText();
  const d = claim.decision;
  const payments = usePayments(claimRef, claim.id, !!d);
  const ledger = useLedger(claimRef, !!d);
  const money = (minor: number, currency = claim.currency) => formatMoney(minor, currency, lang);
  return (
    <Card withBorder>
      <Title order={3}>{t('claim.decision')}</Title>
      {!d ? (
        <Text mt="xs">{t('claim.noDecision')}</Text>
      ) : (
        <Stack gap="sm" mt="xs">
          <Group gap="sm">
            <Badge variant="filled" autoContrast color={d.outcome === 'denied' ? 'red.8' : 'green.3'}>
              {words('workspace.outcome.', d.outcome)}
            </Badge>
            <Text fw={600}>{money(d.amountMinor, d.currency)}</Text>
            <Text size="sm">
              {formatDateTime(d.decidedAt, lang)}
              {d.straightThrough ? ` · ${t('workspace.straightThrough')}` : ''}
            </Text>
          </Group>
          <Title order={4}>{t('workspace.payments')}</Title>
          {payments.error && <ProblemAlert error={payments.error} />}
          {payments.data?.items.length === 0 && <Text size="sm">{t('workspace.noPayments')}</Text>}
          {payments.data && payments.data.items.length > 0 && (
            <ScrollTable label={t('workspace.payments')} minWidth={520}>
              <Table>
                <Table.Thead>
                  <Table.Tr>
                    <Table.Th>{t('workspace.paymentNumber')}</Table.Th>
                    <Table.Th>{t('claim.status')}</Table.Th>
                    <Table.Th>{t('workspace.executionDate')}</Table.Th>
                    <Table.Th style={{ textAlign: 'right' }}>{t('workspace.interest')}</Table.Th>
                    <Table.Th style={{ textAlign: 'right' }}>{t('claim.amount')}</Table.Th>
                  </Table.Tr>
                </Table.Thead>
                <Table.Tbody>
                  {payments.data.items.map((p) => (
                    <Table.Tr key={p.id}>
                      <Table.Td>{p.paymentNumber}</Table.Td>
                      <Table.Td>{words('workspace.paymentStatus.', p.status)}</Table.Td>
                      <Table.Td>{formatDate(p.requestedExecutionDate, lang)}</Table.Td>
                      <Table.Td style={{ textAlign: 'right' }}>{money(p.interestMinor, p.currency)}</Table.Td>
                      <Table.Td style={{ textAlign: 'right' }}>{money(p.totalMinor, p.currency)}</Table.Td>
                    </Table.Tr>
                  ))}
                </Table.Tbody>
              </Table>
            </ScrollTable>
          )}
          <Title order={4}>{t('workspace.ledger')}</Title>
          {ledger.error && <ProblemAlert error={ledger.error} />}
          {ledger.data && (
            <Group gap="xl">
              <Text size="sm">
                {t('workspace.ledgerApproved')}:{' '}
                {money(ledger.data.figures.approvedMinor, ledger.data.currency)}
              </Text>
              <Text size="sm">
                {t('workspace.ledgerPaid')}:{' '}
                {money(
                  ledger.data.figures.paidPrincipalMinor + ledger.data.figures.paidInterestMinor,
                  ledger.data.currency,
                )}
              </Text>
              <Text size="sm">
                {t('workspace.ledgerOutstanding')}:{' '}
                {money(ledger.data.figures.outstandingMinor, ledger.data.currency)}
              </Text>
            </Group>
          )}
        </Stack>
      )}
    </Card>
  );
}
