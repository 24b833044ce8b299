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
import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import type { Claim } from '../../api/types.ts';
import { ScrollTable } from '../../components/scroll-table.tsx';
import { formatMoney } from '../../i18n/format.ts';
import type { Registered } from './claim-form.tsx';
import { Fact } from './fact.tsx';

type Missing = { document: string; benefitCode: string; clause: string };

/** An assessment as the screens show it: a stored one (on a claim) or a preview of a draft. */
export type AssessmentView = NonNullable<Claim['assessment']> & { missing?: Missing[] };

// What the representative can tell the caller at once: the claim number, the assessment's
// recommendation, what is payable per line and why, and what documents are still missing.
export function AssessmentResult({ result }: { result: Registered }) {
  const { t, i18n } = useTranslation();
  const { claim, uploadFailures } = result;
  const lang = i18n.language;
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
      <AssessmentCard assessment={claim.assessment} currency={claim.currency}>
        {claim.decision && (
          <Text mt="sm" fw={600}>
            {t('intake.result.decided', {
              outcome: t(`intake.claimStatus.${claim.decision.outcome}`),
              amount: formatMoney(claim.decision.amountMinor, claim.decision.currency, lang),
            })}
          </Text>
        )}
      </AssessmentCard>
    </Stack>
  );
}

/**
 * The assessment itself. A preview (of a draft not registered yet) says so in its heading and
 * badge, and words "straight through" as what *would* happen: nothing has been decided.
 */
export function AssessmentCard({
  assessment: a,
  currency,
  preview = false,
  status,
  children,
}: {
  assessment: AssessmentView | null;
  currency: string;
  preview?: boolean;
  /** Shown beside the title: a preview's "updating…" while the next one is on its way. */
  status?: ReactNode;
  children?: ReactNode;
}) {
  const { t, i18n } = useTranslation();
  const lang = i18n.language;
  const money = (minor: number) => formatMoney(minor, a?.currency ?? currency, lang);
  const missing = a?.missing ?? [];
  const titleId = preview ? 'assessment-preview-title' : 'assessment-title';
  return (
    <Card withBorder component="section" aria-labelledby={titleId}>
      <Group justify="space-between" gap="xs">
        <Group gap="xs">
          <Title order={3} id={titleId}>
            {preview ? t('intake.preview.title') : t('intake.result.assessment')}
          </Title>
          {preview && (
            <Badge variant="filled" color="gray.7" autoContrast>
              {t('intake.preview.notSaved')}
            </Badge>
          )}
        </Group>
        {status}
      </Group>
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
                {preview ? t('intake.preview.straightThrough') : t('intake.result.straightThrough')}
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
      {children}
    </Card>
  );
}
