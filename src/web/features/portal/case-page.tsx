import { Anchor, Button, Card, Group, Stack, Text, Textarea, Title } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { Link } from '@tanstack/react-router';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { api } from '../../api/client.ts';
import { ProblemAlert } from '../../components/problem-alert.tsx';
import { formatDate, formatDateTime } from '../../i18n/format.ts';
import { CaseStatusBadge } from './claim-status.tsx';
import { type CaseView, type Complaint, createWithKey } from './portal-api.ts';

// One case: its messages (the customer sees only those meant for them) and a reply box; for a
// complaint also the day we answer by and, once given, the final answer.
export function CasePage({ caseRef }: { caseRef: string }) {
  const { t, i18n } = useTranslation();
  const lang = i18n.language;
  const queryClient = useQueryClient();
  const path = `/cases/${encodeURIComponent(caseRef)}`;
  const view = useQuery({ queryKey: ['portal-case', caseRef], queryFn: () => api<CaseView>('GET', path) });
  const complaint = useQuery({
    queryKey: ['portal-complaint', caseRef],
    queryFn: () => api<Complaint>('GET', `/complaints/${encodeURIComponent(caseRef)}`),
    enabled: view.data?.kind === 'complaint',
  });
  const [reply, setReply] = useState('');
  const send = useMutation({
    mutationFn: () => createWithKey<CaseView>(`${path}/messages`, { body: reply.trim() }),
    onSuccess: (updated) => {
      queryClient.setQueryData(['portal-case', caseRef], updated);
      setReply('');
      notifications.show({
        color: 'green',
        message: t('portal.case.sent'),
        closeButtonProps: { 'aria-label': t('portal.close') },
      });
    },
  });
  const c = view.data;
  const closed = c?.status === 'closed' || c?.status === 'withdrawn';
  return (
    <Stack maw={760}>
      <Anchor component={Link} to="/portal/cases">
        ← {t('portal.case.back')}
      </Anchor>
      {view.error && <ProblemAlert error={view.error} />}
      {!c && !view.error && <Text>{t('app.loading')}</Text>}
      {c && (
        <>
          <Group justify="space-between" wrap="wrap">
            <Title order={2}>{t('portal.case.title', { number: c.caseNumber })}</Title>
            <CaseStatusBadge status={c.status} />
          </Group>
          <Text>
            {t(`portal.caseKind.${c.kind}`)}: {c.subject}
          </Text>
          {complaint.data && (
            <Card withBorder>
              <Text>
                {t('portal.case.cause')}: {complaint.data.causeCategoryLabel}
              </Text>
              {complaint.data.dueOn && (
                <Text>{t('portal.case.answerBy', { date: formatDate(complaint.data.dueOn, lang) })}</Text>
              )}
              {complaint.data.finalAnswer && (
                <Text mt="xs" style={{ whiteSpace: 'pre-wrap' }}>
                  {complaint.data.finalAnswer}
                </Text>
              )}
            </Card>
          )}
          <Title order={3} size="h4">
            {t('portal.case.messages')}
          </Title>
          {c.messages.filter((m) => m.visibility === 'customer').length === 0 && (
            <Text>{t('portal.case.noMessages')}</Text>
          )}
          {c.messages
            .filter((m) => m.visibility === 'customer')
            .map((m) => (
              <Card
                key={m.id}
                withBorder
                ml={m.authorKind === 'customer' ? 'xl' : 0}
                mr={m.authorKind === 'customer' ? 0 : 'xl'}
                bg={m.authorKind === 'customer' ? 'gray.0' : undefined}
              >
                <Text size="sm" fw={600}>
                  {t(`portal.case.author.${m.authorKind}`)} · {formatDateTime(m.createdAt, lang)}
                </Text>
                <Text style={{ whiteSpace: 'pre-wrap' }}>{m.body}</Text>
              </Card>
            ))}
          {!closed && (
            <Stack gap="xs">
              <Textarea
                label={t('portal.case.reply')}
                autosize
                minRows={3}
                maxLength={4000}
                value={reply}
                onChange={(e) => setReply(e.currentTarget.value)}
              />
              {send.error && <ProblemAlert error={send.error} />}
              <Button onClick={() => send.mutate()} loading={send.isPending} disabled={!reply.trim()}>
                {t('portal.case.send')}
              </Button>
            </Stack>
          )}
        </>
      )}
    </Stack>
  );
}
