import {
  Alert,
  Anchor,
  Badge,
  Card,
  Group,
  List,
  SimpleGrid,
  Stack,
  Table,
  Text,
  Title,
} from '@mantine/core';
import { Link } from '@tanstack/react-router';
import { useTranslation } from 'react-i18next';
import { ScrollTable } from '../../components/scroll-table.tsx';
import { formatMoney } from '../../i18n/format.ts';
import type { Registered } from './claim-form.tsx';
import { Fact } from './fact.tsx';

type Missing = { document: string; benefitCode: string; clause: string };

// What the representative can tell the caller at once: the claim number, the assessment's
// recommendation, what is payable per line and why, and what documents are still missing.
export function AssessmentResult({ result }: { result: Registered }) {
  const { t, i18n } = useTranslation();
  const { claim, uploadFailures } = result;
  const lang = i18n.language;
  const a = claim.assessment;
  const money = (minor: number) => formatMoney(minor, a?.currency ?? claim.currency, lang);
  const missing = ((a as { missing?: Missing[] } | null)?.missing ?? []) as Missing[];
  return (
    <Stack>
      <Alert
        variant="default"
        title={t('intake.result.registered', { number: claim.claimNumber })}
        role="status"
      >
        <Anchor component={Link} to={`/desk/claims/${claim.claimNumber}`}>
          {t('intake.result.open', { number: claim.claimNumber })}
        </Anchor>
      </Alert>
      {uploadFailures.map((f) => (
        <Alert
          key={f.name}
          color="red"
          title={t('intake.result.uploadFailed', { name: f.name })}
          role="alert"
        >
          {f.error instanceof Error ? f.error.message : String(f.error)}
        </Alert>
      ))}
      <Card withBorder component="section" aria-labelledby="assessment-title">
        <Title order={3} id="assessment-title">
          {t('intake.result.assessment')}
        </Title>
        {!a ? (
          <Text mt="xs">{t('intake.result.noAssessment')}</Text>
        ) : (
          <Stack gap="sm" mt="xs">
            <Group>
              <Text fw={600}>{t('intake.result.recommendation')}</Text>
              <Badge size="lg" variant="filled" autoContrast>
                {t(`recommendation.${a.recommendation}`)}
              </Badge>
              {a.straightThrough && (
                <Badge variant="filled" color="gray.2" autoContrast>
                  {t('intake.result.straightThrough')}
                </Badge>
              )}
            </Group>
            <SimpleGrid cols={{ base: 1, sm: 3 }}>
              <Fact label={t('intake.result.submitted')} value={money(a.totals.submittedMinor)} />
              <Fact label={t('intake.result.eligible')} value={money(a.totals.eligibleMinor)} />
              <Fact label={t('intake.result.payable')} value={money(a.totals.benefitMinor)} />
            </SimpleGrid>
            <ScrollTable label={t('intake.result.perLine')} minWidth={520}>
              <Table>
                <Table.Thead>
                  <Table.Tr>
                    <Table.Th>{t('intake.result.line')}</Table.Th>
                    <Table.Th>{t('intake.line.benefit')}</Table.Th>
                    <Table.Th style={{ textAlign: 'right' }}>{t('intake.result.submitted')}</Table.Th>
                    <Table.Th style={{ textAlign: 'right' }}>{t('intake.result.eligible')}</Table.Th>
                    <Table.Th style={{ textAlign: 'right' }}>{t('intake.result.payable')}</Table.Th>
                  </Table.Tr>
                </Table.Thead>
                <Table.Tbody>
                  {a.lines.map((l) => (
                    <Table.Tr key={l.lineNo}>
                      <Table.Td>{l.lineNo}</Table.Td>
                      <Table.Td>{l.benefitCode}</Table.Td>
                      <Table.Td style={{ textAlign: 'right' }}>{money(l.submittedMinor)}</Table.Td>
                      <Table.Td style={{ textAlign: 'right' }}>{money(l.eligibleMinor)}</Table.Td>
                      <Table.Td style={{ textAlign: 'right' }}>{money(l.benefitMinor)}</Table.Td>
                    </Table.Tr>
                  ))}
                </Table.Tbody>
              </Table>
            </ScrollTable>
            {missing.length > 0 && (
              <>
                <Title order={4}>{t('intake.result.missing')}</Title>
                <List>
                  {missing.map((m) => (
                    <List.Item key={`${m.document}-${m.benefitCode}`}>
                      {t(`intake.documentKind.${m.document}`)} · {m.benefitCode} ({m.clause})
                    </List.Item>
                  ))}
                </List>
              </>
            )}
            <Title order={4}>{t('intake.result.why')}</Title>
            <List>
              {a.explanation.map((e) => (
                <List.Item key={`${e.code}-${e.lineNo ?? 'claim'}-${e.text}`}>{e.text}</List.Item>
              ))}
            </List>
          </Stack>
        )}
        {claim.decision && (
          <Text mt="sm" fw={600}>
            {t('intake.result.decided', {
              outcome: t(`intake.claimStatus.${claim.decision.outcome}`),
              amount: formatMoney(claim.decision.amountMinor, claim.decision.currency, lang),
            })}
          </Text>
        )}
      </Card>
    </Stack>
  );
}
