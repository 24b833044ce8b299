import { Group, Modal, NativeSelect, NumberInput, Stack, Text, TextInput } from '@mantine/core';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { type FormEvent, useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { ApiProblem, api } from '../../api/client.ts';
import { type DeadlinePolicy, inLanguage } from './admin-types.ts';
import { EditFormFooter } from './edit-form-footer.tsx';
import { notifyDone } from './notify.ts';
import { READABLE_ERRORS } from './readable.ts';

type Unit = 'calendar_days' | 'business_days' | 'business_hours';

// A company promise's clock (the law's deadlines have no edit button: the server refuses them
// too). A policy counted in hours stays in hours, one in days may switch between calendar and
// business days. The policy's `version` goes with the edit; a stale one (409) asks to reload. The
// server moves the due dates of the work already running on the policy and says how many.
export function EditPolicyModal({ policy, onClose }: { policy: DeadlinePolicy | null; onClose: () => void }) {
  const { t, i18n } = useTranslation();
  const queryClient = useQueryClient();
  const [unit, setUnit] = useState<Unit>('business_days');
  const [amount, setAmount] = useState<number | string>('');
  const [reason, setReason] = useState('');
  const save = useMutation({
    mutationFn: (p: DeadlinePolicy) =>
      api<{ realignedClocks: number }>('PATCH', `/deadline-policies/${encodeURIComponent(p.code)}`, {
        version: p.version,
        clock: { unit, amount: Number(amount) },
        ...(reason.trim() ? { reason: reason.trim() } : {}),
      }),
    onSuccess: async (result) => {
      notifyDone(t('admin.policyEdit.saved', { n: result.realignedClocks }));
      await queryClient.invalidateQueries({ queryKey: ['admin', 'deadline-policies'] });
      onClose();
    },
  });
  const { reset } = save;
  useEffect(() => {
    if (!policy) return;
    setUnit(policy.clock.unit === 'calendar_months' ? 'calendar_days' : policy.clock.unit);
    setAmount(policy.clock.amount);
    setReason('');
    reset();
  }, [policy, reset]);

  const problem = save.error instanceof ApiProblem ? save.error : null;
  const fieldError = (name: string) =>
    problem?.errors.find((e) => e.path[0] === 'clock' && e.path[1] === name)?.message;
  const hours = policy?.clock.unit === 'business_hours';
  const units: Unit[] = hours ? ['business_hours'] : ['calendar_days', 'business_days'];
  const submit = (event: FormEvent) => {
    event.preventDefault();
    if (policy) save.mutate(policy);
  };
  return (
    <Modal
      opened={policy !== null}
      onClose={onClose}
      title={policy ? t('admin.policyEdit.title', { policy: inLanguage(policy.label, i18n.language) }) : ''}
      closeButtonProps={{ 'aria-label': t('admin.close') }}
    >
      {policy && (
        <form onSubmit={submit} style={READABLE_ERRORS}>
          <Stack>
            <Text size="sm">
              <code>{policy.code}</code> · {policy.source}
            </Text>
            <Group grow align="start">
              <NumberInput
                label={t('admin.policyEdit.amount')}
                value={amount}
                onChange={setAmount}
                min={1}
                max={365}
                required
                error={fieldError('amount')}
              />
              <NativeSelect
                label={t('admin.policyEdit.unit')}
                value={unit}
                onChange={(e) => setUnit(e.currentTarget.value as Unit)}
                data={units.map((u) => ({ value: u, label: t(`admin.policyEdit.unit.${u}`) }))}
                error={fieldError('unit')}
              />
            </Group>
            <TextInput
              label={t('admin.policyEdit.reason')}
              value={reason}
              onChange={(e) => setReason(e.currentTarget.value)}
              maxLength={500}
            />
            <Text size="sm">{t('admin.policyEdit.running')}</Text>
            <EditFormFooter
              error={save.error}
              staleText={t('admin.policyEdit.stale')}
              queryKey={['admin', 'deadline-policies']}
              saving={save.isPending}
              saveLabel={t('admin.policyEdit.save')}
              onClose={onClose}
            />
          </Stack>
        </form>
      )}
    </Modal>
  );
}
