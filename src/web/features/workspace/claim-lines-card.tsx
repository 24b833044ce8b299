import { Card, SimpleGrid, Table, Text, Title } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { ScrollTable } from '../../components/scroll-table.tsx';
import { formatDate, formatDateTime, formatMoney } from '../../i18n/format.ts';
import { useCodeText } from './code-text.ts';
import { Fact } from './fact.tsx';
import { useBenefitName } from './use-benefit-name.ts';
import type { WorkspaceClaim } from './workspace-types.ts';

// What the customer claimed: the facts of the loss and each line as submitted.
export function ClaimLinesCard({ claim, claimRef }: { claim: WorkspaceClaim; claimRef: string }) {
  const { t, i18n } = useTranslation();
  const words = useCodeText();
  const benefit = useBenefitName(claim, claimRef);
  const lang = i18n.language;
  return (
    <Card withBorder>
      <Title order={3}>{t('workspace.claimed')}</Title>
      <Text mt="xs">{claim.description}</Text>
      <SimpleGrid cols={{ base: 2, sm: 4 }} mt="sm">
        <Fact label={t('claim.incidentDate')}>{formatDate(claim.incidentDate, lang)}</Fact>
        <Fact label={t('claim.registeredAt')}>{formatDateTime(claim.registeredAt, lang)}</Fact>
        <Fact label={t('claim.channel')}>{words('workspace.channel.', claim.channel)}</Fact>
        <Fact label={t('claim.claimed')}>{formatMoney(claim.totalClaimedMinor, claim.currency, lang)}</Fact>
      </SimpleGrid>
      <ScrollTable label={t('claim.lines')} minWidth={520}>
        <Table mt="sm">
          <Table.Thead>
            <Table.Tr>
              <Table.Th>{t('claim.line')}</Table.Th>
              <Table.Th>{t('claim.benefit')}</Table.Th>
              <Table.Th>{t('claim.description')}</Table.Th>
              <Table.Th>{t('claim.serviceDate')}</Table.Th>
              <Table.Th style={{ textAlign: 'right' }}>{t('claim.amount')}</Table.Th>
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {claim.lines.map((line) => (
              <Table.Tr key={line.lineNo}>
                <Table.Td>{line.lineNo}</Table.Td>
                <Table.Td>{benefit(line.benefitCode)}</Table.Td>
                <Table.Td>{line.description}</Table.Td>
                <Table.Td>{formatDate(line.serviceDate, lang)}</Table.Td>
                <Table.Td style={{ textAlign: 'right' }}>
                  {formatMoney(line.amountMinor, line.currency, lang)}
                </Table.Td>
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
      </ScrollTable>
    </Card>
  );
}
