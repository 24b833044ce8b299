import { Text, Textarea } from '@mantine/core';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { api } from '../../api/client.ts';
import { ActionModal } from './action-modal.tsx';
import type { ActionProps } from './action-props.ts';
import { useClaimAction } from './use-claim-action.ts';

// An internal note (POST /claims/{ref}/notes): staff read it, the customer never does.
export function NoteAction({ claim, claimRef, opened, onClose }: ActionProps) {
  const { t } = useTranslation();
  const [body, setBody] = useState('');
  const action = useClaimAction(
    claimRef,
    (text: string, key: string) =>
      api(
        'POST',
        `/claims/${encodeURIComponent(claimRef)}/notes`,
        { body: text },
        { 'Idempotency-Key': key },
      ),
    () => ({ title: t('workspace.note.done'), message: claim.claimNumber }),
    () => {
      setBody('');
      onClose();
    },
  );
  // biome-ignore lint/correctness/useExhaustiveDependencies: a fresh attempt each time the dialog opens.
  useEffect(() => {
    if (opened) action.start();
  }, [opened]);
  return (
    <ActionModal
      opened={opened}
      onClose={onClose}
      title={t('workspace.note.title')}
      customerSees={false}
      confirmLabel={t('workspace.note.confirm')}
      pending={action.isPending}
      error={action.error}
      onConfirm={() => action.mutate(body.trim())}
      onReview={() => body.trim().length > 0}
      form={
        <Textarea
          label={t('workspace.note.body')}
          required
          value={body}
          onChange={(e) => setBody(e.currentTarget.value)}
          autosize
          minRows={3}
          maxLength={5000}
        />
      }
      preview={
        <>
          <Text>{t('workspace.note.preview')}</Text>
          <Text style={{ whiteSpace: 'pre-wrap' }}>{body.trim()}</Text>
        </>
      }
    />
  );
}
