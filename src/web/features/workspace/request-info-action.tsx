import { Checkbox, List, Select, Stack, Text, Textarea } from '@mantine/core';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { api } from '../../api/client.ts';
import { ActionModal } from './action-modal.tsx';
import type { ActionProps } from './action-props.ts';
import { useClaimAction } from './use-claim-action.ts';
import { DOCUMENT_KINDS, type WorkspaceClaim } from './workspace-types.ts';

type Item = { kind: 'document'; document: string } | { kind: 'question'; text: string };

// Ask the customer for documents or answers. The documents the assessment found missing are
// ticked to begin with; the confirmation lists exactly what the customer will be asked for.
export function RequestInfoAction({ claim, claimRef, opened, onClose }: ActionProps) {
  const { t } = useTranslation();
  const missing = [...new Set(claim.assessment?.missing.map((m) => m.document) ?? [])];
  const [documents, setDocuments] = useState<string[]>(missing);
  const [question, setQuestion] = useState('');
  const [channel, setChannel] = useState<string | null>(null);
  const [formError, setFormError] = useState<string | null>(null);
  const action = useClaimAction(
    claimRef,
    (items: Item[], idempotencyKey) =>
      api<WorkspaceClaim>(
        'POST',
        `/claims/${encodeURIComponent(claimRef)}/information-requests`,
        { version: claim.version, items, ...(channel ? { channel } : {}) },
        { 'idempotency-key': idempotencyKey },
      ),
    () => ({ title: t('workspace.requestInfo.done'), message: claim.claimNumber }),
    onClose,
  );
  // biome-ignore lint/correctness/useExhaustiveDependencies: a fresh attempt each time the dialog opens.
  useEffect(() => {
    if (opened) action.start();
  }, [opened]);
  const items: Item[] = [
    ...documents.map((d) => ({ kind: 'document' as const, document: d })),
    ...(question.trim() ? [{ kind: 'question' as const, text: question.trim() }] : []),
  ];
  return (
    <ActionModal
      opened={opened}
      onClose={onClose}
      title={t('workspace.requestInfo.title')}
      customerSees
      confirmLabel={t('workspace.requestInfo.send')}
      pending={action.isPending}
      error={action.error}
      onConfirm={() => action.mutate(items)}
      onReview={() => {
        const ok = items.length > 0;
        setFormError(ok ? null : t('workspace.requestInfo.empty'));
        return ok;
      }}
      form={
        <Stack>
          <Checkbox.Group
            label={t('workspace.requestInfo.documents')}
            value={documents}
            onChange={setDocuments}
          >
            <Stack gap={6} mt="xs">
              {DOCUMENT_KINDS.map((k) => (
                <Checkbox key={k} value={k} label={t(`workspace.doc.${k}`)} />
              ))}
            </Stack>
          </Checkbox.Group>
          <Textarea
            label={t('workspace.requestInfo.question')}
            value={question}
            onChange={(e) => setQuestion(e.currentTarget.value)}
            autosize
            minRows={2}
            maxLength={1000}
          />
          <Select
            label={t('workspace.requestInfo.channel')}
            placeholder={t('workspace.requestInfo.usualChannel')}
            data={['portal', 'email', 'letter'].map((c) => ({
              value: c,
              label: t(`workspace.channel.${c}`),
            }))}
            value={channel}
            onChange={setChannel}
            clearable
          />
          {formError && (
            <Text c="red.8" role="alert">
              {formError}
            </Text>
          )}
        </Stack>
      }
      preview={
        <>
          <Text>{t('workspace.requestInfo.preview', { number: claim.claimNumber })}</Text>
          <List>
            {items.map((i) => (
              <List.Item key={i.kind === 'document' ? i.document : 'question'}>
                {i.kind === 'document' ? t(`workspace.doc.${i.document}`) : `“${i.text}”`}
              </List.Item>
            ))}
          </List>
          <Text size="sm">
            {t('workspace.requestInfo.via', {
              channel: channel ? t(`workspace.channel.${channel}`) : t('workspace.requestInfo.usualChannel'),
            })}
          </Text>
        </>
      }
    />
  );
}
