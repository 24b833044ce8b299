import { Select, Stack, Text, Textarea, TextInput } from '@mantine/core';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { api } from '../../api/client.ts';
import { ActionModal } from './action-modal.tsx';
import type { ActionProps } from './action-props.ts';
import { useClaimAction } from './use-claim-action.ts';
import { useCustomer } from './workspace-queries.ts';

const OUTCOMES = [
  'answered',
  'resolved',
  'callback_needed',
  'no_answer',
  'voicemail',
  'transferred',
] as const;

// Log a phone call about this claim (POST /calls, linked to the claim and its customer). The
// customer's number is filled in; the call log is staff's record, the customer gets nothing.
export function CallAction({ claim, claimRef, opened, onClose }: ActionProps) {
  const { t } = useTranslation();
  const customer = useCustomer(claimRef, claim.customerId);
  const [direction, setDirection] = useState<string>('inbound');
  const [phone, setPhone] = useState('');
  const [outcome, setOutcome] = useState<string>('answered');
  const [notes, setNotes] = useState('');
  const action = useClaimAction(
    claimRef,
    (body: Record<string, unknown>, key: string) => api('POST', '/calls', body, { 'Idempotency-Key': key }),
    () => ({ title: t('workspace.call.done'), message: claim.claimNumber }),
    onClose,
  );
  // biome-ignore lint/correctness/useExhaustiveDependencies: a fresh attempt each time the dialog opens.
  useEffect(() => {
    if (!opened) return;
    action.start();
    setPhone(customer.data?.phone ?? '');
    setNotes('');
  }, [opened]);
  const body = {
    direction,
    phoneNumber: phone.trim(),
    customerId: claim.customerId,
    claimId: claim.id,
    outcome,
    ...(notes.trim() ? { notes: notes.trim() } : {}),
  };
  return (
    <ActionModal
      opened={opened}
      onClose={onClose}
      title={t('workspace.call.title')}
      customerSees={false}
      confirmLabel={t('workspace.call.confirm')}
      pending={action.isPending}
      error={action.error}
      onConfirm={() => action.mutate(body)}
      onReview={() => phone.trim().length > 0}
      form={
        <Stack>
          <Select
            label={t('workspace.call.direction')}
            data={['inbound', 'outbound'].map((d) => ({ value: d, label: t(`workspace.call.${d}`) }))}
            value={direction}
            onChange={(v) => v && setDirection(v)}
            allowDeselect={false}
          />
          <TextInput
            label={t('workspace.call.phone')}
            required
            type="tel"
            value={phone}
            onChange={(e) => setPhone(e.currentTarget.value)}
          />
          <Select
            label={t('workspace.call.outcome')}
            data={OUTCOMES.map((o) => ({ value: o, label: t(`workspace.callOutcome.${o}`) }))}
            value={outcome}
            onChange={(v) => v && setOutcome(v)}
            allowDeselect={false}
          />
          <Textarea
            label={t('workspace.call.notes')}
            value={notes}
            onChange={(e) => setNotes(e.currentTarget.value)}
            autosize
            minRows={2}
          />
        </Stack>
      }
      preview={
        <Text>
          {t('workspace.call.preview', {
            direction: t(`workspace.call.${direction}`),
            phone: phone.trim(),
            outcome: t(`workspace.callOutcome.${outcome}`),
          })}
        </Text>
      }
    />
  );
}
