import { Badge, Blockquote, Card, Group, List, Stack, Text, Title } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { ProblemAlert } from '../../components/problem-alert.tsx';
import { formatDate, formatDateTime } from '../../i18n/format.ts';
import { useCodeText } from './code-text.ts';
import { useInformationRequests } from './workspace-queries.ts';
import type { InformationRequestView } from './workspace-types.ts';

// What we asked the customer and what they answered, side by side: the written answer as they
// wrote it, the documents they say they sent, and the files that reached the claim meanwhile —
// so the representative reads the answer here instead of asking the customer to repeat it.

// Filled with automatic text contrast: light badges in green or orange fail WCAG AA.
const STATUS_COLORS: Record<InformationRequestView['status'], string> = {
  open: 'orange.4',
  answered: 'green.3',
  expired: 'red.8',
  cancelled: 'gray.2',
};

export function InformationRequestsCard({ claimRef }: { claimRef: string }) {
  const { t } = useTranslation();
  const requests = useInformationRequests(claimRef);
  // Newest first: the open or latest request is the one the call is about.
  const items = [...(requests.data?.items ?? [])].reverse();
  return (
    <Card withBorder component="section" aria-labelledby="workspace-requests">
      <Title order={3} id="workspace-requests">
        {t('workspace.requests.title')}
      </Title>
      {requests.error && <ProblemAlert error={requests.error} />}
      {requests.data && items.length === 0 && <Text mt="xs">{t('workspace.requests.none')}</Text>}
      <Stack gap="md" mt="xs">
        {items.map((r) => (
          <RequestWithAnswer key={r.id} request={r} />
        ))}
      </Stack>
    </Card>
  );
}

function RequestWithAnswer({ request: r }: { request: InformationRequestView }) {
  const { t, i18n } = useTranslation();
  const lang = i18n.language;
  const words = useCodeText();
  return (
    <Stack gap={6} component="article" aria-label={t('workspace.requests.asked', askedParams())}>
      <Group gap="xs">
        <Badge variant="filled" autoContrast color={STATUS_COLORS[r.status] ?? 'gray.2'}>
          {words('workspace.requestStatus.', r.status)}
        </Badge>
      </Group>
      <Text size="sm">{t('workspace.requests.asked', askedParams())}</Text>
      <Text size="sm" fw={600}>
        {t('workspace.requests.askedFor')}
      </Text>
      <List size="sm">
        {r.items.map((item) => (
          <List.Item key={item.kind === 'document' ? item.document : item.text}>
            {item.kind === 'document' ? words('workspace.doc.', item.document) : `“${item.text}”`}
          </List.Item>
        ))}
      </List>
      {r.remindersSent > 0 && (
        <Text size="sm" c="gray.7">
          {t('workspace.requests.reminders', { count: r.remindersSent })}
        </Text>
      )}
      {r.answeredAt && (
        <Text size="sm" fw={600}>
          {t('workspace.requests.answered', {
            date: formatDateTime(r.answeredAt, lang),
            channel: words('workspace.channel.', r.answerChannel),
          })}
        </Text>
      )}
      {r.answer && (
        <>
          <Text size="sm" fw={600}>
            {t('workspace.requests.answerText')}
          </Text>
          {r.answer.answers.length === 0 && <Text size="sm">{t('workspace.requests.noText')}</Text>}
          {r.answer.answers.map((text) => (
            <Blockquote key={text} color="indigo" p="xs" style={{ whiteSpace: 'pre-wrap' }}>
              {text}
            </Blockquote>
          ))}
          {r.answer.note && <Text size="sm">{t('workspace.requests.note', { note: r.answer.note })}</Text>}
          {r.answer.documentKinds.length > 0 && (
            <>
              <Text size="sm" fw={600}>
                {t('workspace.requests.saysSent')}
              </Text>
              <List size="sm">
                {r.answer.documentKinds.map((k) => (
                  <List.Item key={k}>{words('workspace.doc.', k)}</List.Item>
                ))}
              </List>
            </>
          )}
        </>
      )}
      {(r.answer || r.documents.length > 0) && (
        <>
          <Text size="sm" fw={600}>
            {t('workspace.requests.files')}
          </Text>
          {r.documents.length === 0 ? (
            <Text size="sm">{t('workspace.requests.noFiles')}</Text>
          ) : (
            <List size="sm">
              {r.documents.map((d) => (
                <List.Item key={d.id} style={{ overflowWrap: 'anywhere' }}>
                  {t('workspace.requests.file', {
                    name: d.filename,
                    kind: d.kind ? words('workspace.doc.', d.kind) : t('workspace.requests.noKind'),
                    date: formatDateTime(d.createdAt, lang),
                  })}
                </List.Item>
              ))}
            </List>
          )}
        </>
      )}
    </Stack>
  );

  function askedParams() {
    return {
      date: formatDate(r.createdAt, lang),
      channel: words('workspace.channel.', r.channel),
      due: formatDate(r.dueOn, lang),
    };
  }
}
