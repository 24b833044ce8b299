import { Button, Card, List, Stack, Text, Textarea, Title } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { api } from '../../api/client.ts';
import { ProblemAlert } from '../../components/problem-alert.tsx';
import { formatDate } from '../../i18n/format.ts';
import { type ChosenFile, DocumentDrop } from './document-drop.tsx';
import { claimPath, type InformationRequest, type PortalClaim, uploadDocument } from './portal-api.ts';

// Answering a request for information: the files go to the claim first (each with its kind), then
// the answer names the kinds sent and the written answers, and the claim continues (re-assessed).
export function AnswerRequest({
  claim,
  request,
}: {
  claim: PortalClaim;
  request: NonNullable<InformationRequest['request']>;
}) {
  const { t, i18n } = useTranslation();
  const queryClient = useQueryClient();
  const wanted = request.items.flatMap((i) => (i.kind === 'document' ? [i.document] : []));
  const questions = request.items.flatMap((i) => (i.kind === 'question' ? [i.text] : []));
  const [files, setFiles] = useState<ChosenFile[]>([]);
  const [answer, setAnswer] = useState('');
  const send = useMutation({
    mutationFn: async () => {
      for (const f of files) {
        await uploadDocument({ entityType: 'claim', entityId: claim.id, file: f.file, kind: f.kind });
      }
      return api<PortalClaim>('POST', `${claimPath(claim.claimNumber)}/information-requests/answer`, {
        channel: 'portal',
        documents: [...new Set(files.map((f) => f.kind))],
        answers: answer.trim() ? [answer.trim()] : [],
      });
    },
    onSuccess: async () => {
      notifications.show({
        color: 'green',
        message: t('portal.answer.sent'),
        closeButtonProps: { 'aria-label': t('portal.close') },
      });
      setFiles([]);
      setAnswer('');
      await queryClient.invalidateQueries({ queryKey: ['portal-claim', claim.claimNumber] });
    },
  });
  const empty = files.length === 0 && !answer.trim();
  return (
    <Card withBorder style={{ borderColor: 'var(--mantine-color-orange-8)' }}>
      <Stack>
        <Title order={3}>{t('portal.answer.title')}</Title>
        <Text>{t('portal.answer.dueOn', { date: formatDate(request.dueOn, i18n.language) })}</Text>
        <List>
          {wanted.map((d) => (
            <List.Item key={d}>{t(`portal.docKind.${d}`)}</List.Item>
          ))}
          {questions.map((q) => (
            <List.Item key={q}>{q}</List.Item>
          ))}
        </List>
        <DocumentDrop
          files={files}
          onChange={setFiles}
          label={t('portal.answer.drop')}
          defaultKind={wanted[0] ?? 'receipt'}
        />
        <Textarea
          label={t('portal.answer.text')}
          autosize
          minRows={2}
          maxLength={1000}
          value={answer}
          onChange={(e) => setAnswer(e.currentTarget.value)}
        />
        {send.error && <ProblemAlert error={send.error} />}
        <Button onClick={() => send.mutate()} loading={send.isPending} disabled={empty}>
          {t('portal.answer.submit')}
        </Button>
      </Stack>
    </Card>
  );
}
