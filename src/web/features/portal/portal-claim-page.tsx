import { Anchor, Card, Group, List, SimpleGrid, Stack, Text, Title } from '@mantine/core';
import { useQuery } from '@tanstack/react-query';
import { Link } from '@tanstack/react-router';
import { useTranslation } from 'react-i18next';
import { api } from '../../api/client.ts';
import { ProblemAlert } from '../../components/problem-alert.tsx';
import { formatDate, formatDateTime, formatMoney } from '../../i18n/format.ts';
import { AnswerRequest } from './answer-request.tsx';
import { ClaimStatusBadge } from './claim-status.tsx';
import {
  type ClaimLedger,
  type ClaimLetter,
  claimPath,
  type InformationRequest,
  type Notice,
  type PortalClaim,
} from './portal-api.ts';

// One claim as its customer sees it: where it stands and what happens next in plain words, what
// we are waiting for from them (answered right here), the decision with its letter, the payment,
// the messages we sent about it and what they claimed. Another customer's claim is "not found".
export function PortalClaimPage({ claimRef }: { claimRef: string }) {
  const { t, i18n } = useTranslation();
  const lang = i18n.language;
  const claim = useQuery({
    queryKey: ['portal-claim', claimRef],
    queryFn: () => api<PortalClaim>('GET', claimPath(claimRef)),
  });
  const c = claim.data;
  const request = useQuery({
    queryKey: ['portal-claim', claimRef, 'request', c?.version],
    queryFn: () => api<InformationRequest>('GET', `${claimPath(claimRef)}/information-request`),
    enabled: !!c,
  });
  const letters = useQuery({
    queryKey: ['portal-claim', claimRef, 'letters', c?.version],
    queryFn: () => api<{ items: ClaimLetter[] }>('GET', `${claimPath(claimRef)}/letters`),
    enabled: !!c?.decision,
  });
  const ledger = useQuery({
    queryKey: ['portal-claim', claimRef, 'ledger', c?.version],
    queryFn: () => api<ClaimLedger>('GET', `${claimPath(claimRef)}/ledger`),
    enabled: !!c?.decision,
  });
  const notices = useQuery({
    queryKey: ['portal-notices'],
    queryFn: () => api<{ items: Notice[] }>('GET', '/notifications?limit=100'),
  });

  if (claim.error) {
    return (
      <Stack maw={760}>
        <BackLink />
        <ProblemAlert error={claim.error} />
      </Stack>
    );
  }
  if (!c) return <Text>{t('app.loading')}</Text>;
  const money = (minor: number, currency = c.currency) => formatMoney(minor, currency, lang);
  const open = request.data?.request?.status === 'open' ? request.data.request : null;
  const mine = notices.data?.items.filter((n) => n.entityId === c.id) ?? [];
  return (
    <Stack maw={760}>
      <BackLink />
      <Group justify="space-between" wrap="wrap">
        <Title order={2}>{t('portal.claim.title', { number: c.claimNumber })}</Title>
        <ClaimStatusBadge status={c.status} size="lg" />
      </Group>
      <Card withBorder>
        <Title order={3} size="h4">
          {t('portal.claim.next')}
        </Title>
        <Text mt="xs">{t(`portal.next.${c.status}`)}</Text>
      </Card>
      {open && <AnswerRequest claim={c} request={open} />}
      {request.error && <ProblemAlert error={request.error} />}

      <Card withBorder>
        <Title order={3} size="h4">
          {t('portal.claim.decision')}
        </Title>
        {c.decision ? (
          <Stack gap="xs" mt="xs">
            <Text>
              {t(`portal.outcome.${c.decision.outcome}`)} ·{' '}
              {money(c.decision.amountMinor, c.decision.currency)} ·{' '}
              {formatDateTime(c.decision.decidedAt, lang)}
            </Text>
            <Anchor href={`${claimPath(c.claimNumber)}/decision-letter`} target="_blank" rel="noopener">
              {t('portal.claim.readLetter')}
            </Anchor>
            {(letters.data?.items.length ?? 0) > 0 && (
              <List size="sm">
                {letters.data?.items.map((l) => (
                  <List.Item key={l.deliveryId}>
                    <Anchor href={`/documents/${l.documentId}/content`}>{l.subject}</Anchor> ·{' '}
                    {formatDateTime(l.createdAt, lang)}
                  </List.Item>
                ))}
              </List>
            )}
          </Stack>
        ) : (
          <Text mt="xs">{t('portal.claim.noDecision')}</Text>
        )}
      </Card>

      {c.decision && (
        <Card withBorder>
          <Title order={3} size="h4">
            {t('portal.claim.payment')}
          </Title>
          {ledger.error && <ProblemAlert error={ledger.error} />}
          {ledger.data && (
            <Stack gap="xs" mt="xs">
              <SimpleGrid cols={{ base: 1, xs: 3 }} spacing="xs">
                <Fact label={t('portal.pay.approved')} value={money(ledger.data.figures.approvedMinor)} />
                <Fact label={t('portal.pay.paid')} value={money(ledger.data.figures.paidPrincipalMinor)} />
                <Fact
                  label={t('portal.pay.outstanding')}
                  value={money(ledger.data.figures.outstandingMinor)}
                />
              </SimpleGrid>
              {ledger.data.payments.length === 0 && <Text>{t('portal.pay.none')}</Text>}
              {ledger.data.payments.map((p) => (
                <Text key={p.id} size="sm">
                  {p.paymentNumber}: {t(`portal.payStatus.${p.status}`)} ·{' '}
                  {money(p.principalMinor + p.interestMinor)} ·{' '}
                  {formatDate(p.settledOn ?? p.requestedExecutionDate, lang)}
                </Text>
              ))}
            </Stack>
          )}
        </Card>
      )}

      <Card withBorder>
        <Title order={3} size="h4">
          {t('portal.claim.messages')}
        </Title>
        {mine.length === 0 && <Text mt="xs">{t('portal.claim.noMessages')}</Text>}
        <Stack gap="sm" mt="xs">
          {mine.map((n) => (
            <div key={n.id}>
              <Text fw={600}>{n.subject}</Text>
              <Text size="sm" c="gray.7">
                {formatDateTime(n.createdAt, lang)}
              </Text>
              <Text size="sm" style={{ whiteSpace: 'pre-wrap' }}>
                {n.body}
              </Text>
            </div>
          ))}
        </Stack>
      </Card>

      <Card withBorder>
        <Title order={3} size="h4">
          {t('portal.claim.what')}
        </Title>
        <SimpleGrid cols={{ base: 2, sm: 3 }} mt="xs" spacing="xs">
          <Fact label={t('portal.claim.incidentDate')} value={formatDate(c.incidentDate, lang)} />
          <Fact label={t('portal.claim.registeredAt')} value={formatDateTime(c.registeredAt, lang)} />
          <Fact label={t('portal.claim.total')} value={money(c.totalClaimedMinor)} />
        </SimpleGrid>
        {c.description && <Text mt="xs">{c.description}</Text>}
        <Stack gap={4} mt="xs">
          {c.lines.map((l) => (
            <Text key={l.lineNo} size="sm">
              {l.lineNo}. {l.description ?? l.benefitCode} · {formatDate(l.serviceDate, lang)} ·{' '}
              {money(l.amountMinor, l.currency)}
            </Text>
          ))}
        </Stack>
      </Card>
    </Stack>
  );
}

function BackLink() {
  const { t } = useTranslation();
  return (
    <Anchor component={Link} to="/portal">
      ← {t('portal.claim.back')}
    </Anchor>
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
