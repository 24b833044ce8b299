import { Badge, Card, Group, List, Stack, Table, Text, Title } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { ScrollTable } from '../../components/scroll-table.tsx';
import { formatDateTime, formatMoney } from '../../i18n/format.ts';
import { useCodeText } from './code-text.ts';
import { useBenefitName } from './use-benefit-name.ts';
import type { WorkspaceClaim } from './workspace-types.ts';

// The latest assessment as the representative needs it to decide: the recommendation, how each
// line's payable amount was reached (submitted → eligible → deductible and co-pay → payable), what
// is missing, the risk flags, and the explanation the customer reads (in their language).
export function AssessmentCard({ claim, claimRef }: { claim: WorkspaceClaim; claimRef: string }) {
  const { t, i18n } = useTranslation();
  const words = useCodeText();
  const benefit = useBenefitName(claim, claimRef);
  const lang = i18n.language;
  const a = claim.assessment;
  const money = (minor: number) => formatMoney(minor, a?.currency ?? claim.currency, lang);
  const right = { textAlign: 'right' } as const;
  return (
    <Card withBorder>
      <Title order={3}>{t('claim.assessment')}</Title>
      {!a ? (
        <Text mt="xs">{t('claim.noAssessment')}</Text>
      ) : (
        <Stack gap="sm" mt="xs">
          <Group gap="sm">
            <Text fw={600}>{t('claim.recommendation')}:</Text>
            <Badge variant="filled" color="indigo.8">
              {words('recommendation.', a.recommendation)}
            </Badge>
            <Text size="sm" c="gray.7">
              {t('workspace.assessedAt', { seq: a.seq, when: formatDateTime(a.assessedAt, lang) })}
            </Text>
          </Group>
          <ScrollTable label={t('workspace.perLine')} minWidth={640}>
            <Table>
              <Table.Thead>
                <Table.Tr>
                  <Table.Th>{t('claim.line')}</Table.Th>
                  <Table.Th>{t('claim.benefit')}</Table.Th>
                  <Table.Th style={right}>{t('workspace.submitted')}</Table.Th>
                  <Table.Th style={right}>{t('claim.eligible')}</Table.Th>
                  <Table.Th style={right}>{t('workspace.deductible')}</Table.Th>
                  <Table.Th style={right}>{t('workspace.copay')}</Table.Th>
                  <Table.Th style={right}>{t('claim.payable')}</Table.Th>
                </Table.Tr>
              </Table.Thead>
              <Table.Tbody>
                {a.lines.map((l) => (
                  <Table.Tr key={l.lineNo}>
                    <Table.Td>{l.lineNo}</Table.Td>
                    <Table.Td>{benefit(l.benefitCode)}</Table.Td>
                    <Table.Td style={right}>{money(l.submittedMinor)}</Table.Td>
                    <Table.Td style={right}>{money(l.eligibleMinor)}</Table.Td>
                    <Table.Td style={right}>{money(l.deductibleMinor)}</Table.Td>
                    <Table.Td style={right}>{money(l.copayMinor)}</Table.Td>
                    <Table.Td style={right}>{money(l.benefitMinor)}</Table.Td>
                  </Table.Tr>
                ))}
              </Table.Tbody>
              <Table.Tfoot>
                <Table.Tr fw={600}>
                  <Table.Td colSpan={2}>{t('workspace.total')}</Table.Td>
                  <Table.Td style={right}>{money(a.totals.submittedMinor)}</Table.Td>
                  <Table.Td style={right}>{money(a.totals.eligibleMinor)}</Table.Td>
                  <Table.Td style={right}>{money(a.totals.deductibleMinor)}</Table.Td>
                  <Table.Td style={right}>{money(a.totals.copayMinor)}</Table.Td>
                  <Table.Td style={right}>{money(a.totals.benefitMinor)}</Table.Td>
                </Table.Tr>
              </Table.Tfoot>
            </Table>
          </ScrollTable>
          {a.missing.length > 0 && (
            <div>
              <Title order={4}>{t('workspace.missing')}</Title>
              <List>
                {a.missing.map((m) => (
                  <List.Item key={`${m.document}-${m.benefitCode}`}>
                    {t('workspace.missingItem', {
                      document: words('workspace.doc.', m.document),
                      benefit: benefit(m.benefitCode),
                      clause: m.clause,
                    })}
                  </List.Item>
                ))}
              </List>
            </div>
          )}
          {a.riskFlags.length > 0 && (
            <div>
              <Title order={4}>{t('workspace.riskFlags')}</Title>
              <Group gap="xs" mt={4}>
                {a.riskFlags.map((f) => (
                  <Badge key={`${f.code}-${f.claimNumber}`} color="red.8" variant="filled">
                    {t(`workspace.risk.${f.code}`, { number: f.claimNumber })}
                  </Badge>
                ))}
              </Group>
            </div>
          )}
          <div>
            <Title order={4}>{t('claim.explanation')}</Title>
            <List>
              {a.explanation.map((e) => (
                <List.Item key={`${e.code}-${e.lineNo ?? 'claim'}-${e.text}`}>{e.text}</List.Item>
              ))}
            </List>
          </div>
        </Stack>
      )}
    </Card>
  );
}
