import { Badge, Card, Group, List, SimpleGrid, Stack, Table, Text, Title } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import type { Claim } from '../../api/types.ts';
import { ScrollTable } from '../../components/scroll-table.tsx';
import { formatDate, formatDateTime, formatMoney } from '../../i18n/format.ts';

// A claim as both the desk and the portal show it: what was claimed, the assessment with its
// explanation (already in the customer's language, citing each clause) and the decision.
export function ClaimView({ claim }: { claim: Claim }) {
  const { t, i18n } = useTranslation();
  const lang = i18n.language;
  const money = (minor: number) => formatMoney(minor, claim.currency, lang);
  const assessed = new Map(claim.assessment?.lines.map((l) => [l.lineNo, l]) ?? []);
  return (
    <Stack>
      <Group justify="space-between">
        <Title order={2}>{t('claim.title', { number: claim.claimNumber })}</Title>
        <Badge size="lg" variant="light">
          {claim.status}
        </Badge>
      </Group>
      <Text>{claim.description}</Text>
      <SimpleGrid cols={{ base: 2, sm: 4 }}>
        <Fact label={t('claim.incidentDate')} value={formatDate(claim.incidentDate, lang)} />
        <Fact label={t('claim.registeredAt')} value={formatDateTime(claim.registeredAt, lang)} />
        <Fact label={t('claim.channel')} value={claim.channel} />
        <Fact label={t('claim.claimed')} value={money(claim.totalClaimedMinor)} />
      </SimpleGrid>
      <Title order={3}>{t('claim.lines')}</Title>
      <ScrollTable label={t('claim.lines')} minWidth={560}>
        <Table>
          <Table.Thead>
            <Table.Tr>
              <Table.Th>{t('claim.line')}</Table.Th>
              <Table.Th>{t('claim.benefit')}</Table.Th>
              <Table.Th>{t('claim.description')}</Table.Th>
              <Table.Th>{t('claim.serviceDate')}</Table.Th>
              <Table.Th style={{ textAlign: 'right' }}>{t('claim.amount')}</Table.Th>
              <Table.Th style={{ textAlign: 'right' }}>{t('claim.payable')}</Table.Th>
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {claim.lines.map((line) => (
              <Table.Tr key={line.lineNo}>
                <Table.Td>{line.lineNo}</Table.Td>
                <Table.Td>{line.benefitCode}</Table.Td>
                <Table.Td>{line.description}</Table.Td>
                <Table.Td>{formatDate(line.serviceDate, lang)}</Table.Td>
                <Table.Td style={{ textAlign: 'right' }}>{money(line.amountMinor)}</Table.Td>
                <Table.Td style={{ textAlign: 'right' }}>
                  {assessed.has(line.lineNo) ? money(assessed.get(line.lineNo)?.benefitMinor ?? 0) : '—'}
                </Table.Td>
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
      </ScrollTable>
      <Card withBorder>
        <Title order={3}>{t('claim.assessment')}</Title>
        {claim.assessment ? (
          <Stack gap="xs" mt="xs">
            <Group>
              <Text fw={600}>{t('claim.recommendation')}:</Text>
              <Badge>{t(`recommendation.${claim.assessment.recommendation}`)}</Badge>
              <Text>
                {t('claim.payable')}: {money(claim.assessment.totals.benefitMinor)}
              </Text>
            </Group>
            <Text fw={600}>{t('claim.explanation')}</Text>
            <List>
              {claim.assessment.explanation.map((e) => (
                <List.Item key={`${e.code}-${e.lineNo ?? 'claim'}-${e.text}`}>{e.text}</List.Item>
              ))}
            </List>
          </Stack>
        ) : (
          <Text>{t('claim.noAssessment')}</Text>
        )}
      </Card>
      <Card withBorder>
        <Title order={3}>{t('claim.decision')}</Title>
        {claim.decision ? (
          <Text mt="xs">
            {claim.decision.outcome} ·{' '}
            {formatMoney(claim.decision.amountMinor, claim.decision.currency, lang)} ·{' '}
            {formatDateTime(claim.decision.decidedAt, lang)}
          </Text>
        ) : (
          <Text mt="xs">{t('claim.noDecision')}</Text>
        )}
      </Card>
    </Stack>
  );
}

function Fact({ label, value }: { label: string; value: string }) {
  return (
    <div>
      <Text size="sm" c="gray.7">
        {label}
      </Text>
      <Text>{value}</Text>
    </div>
  );
}
