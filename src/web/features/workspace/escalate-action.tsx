import { Text, Textarea } from '@mantine/core';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { api } from '../../api/client.ts';
import { ActionModal } from './action-modal.tsx';
import type { ActionProps } from './action-props.ts';
import { useClaimAction } from './use-claim-action.ts';

// Hand the claim to the supervisor with the reason. The customer is not told: the claim simply
// stays with the company.
export function EscalateAction({ claim, claimRef, opened, onClose }: ActionProps) {
  const { t } = useTranslation();
  const [reason, setReason] = useState('');
  const action = useClaimAction(
    claimRef,
    (text: string) =>
      api('POST', `/claims/${encodeURIComponent(claimRef)}/escalation`, {
        reason: text,
        version: claim.version,
      }),
    () => ({ title: t('workspace.escalate.done'), message: claim.claimNumber }),
    onClose,
  );
  // biome-ignore lint/correctness/useExhaustiveDependencies: a fresh attempt each time the dialog opens.
  useEffect(() => {
    if (opened) action.start();
  }, [opened]);
  return (
    <ActionModal
      opened={opened}
      onClose={onClose}
      title={t('workspace.escalate.title')}
      customerSees={false}
      confirmLabel={t('workspace.escalate.confirm')}
      pending={action.isPending}
      error={action.error}
      onConfirm={() => action.mutate(reason.trim())}
      onReview={() => reason.trim().length > 0}
      form={
        <Textarea
          label={t('workspace.escalate.reason')}
          required
          value={reason}
          onChange={(e) => setReason(e.currentTarget.value)}
          autosize
          minRows={3}
          maxLength={2000}
        />
      }
      preview={
        <>
          <Text>{t('workspace.escalate.preview')}</Text>
          <Text fs="italic">“{reason.trim()}”</Text>
        </>
      }
    />
  );
}
