import { Checkbox, Modal, NumberInput, Stack, Text, TextInput } from '@mantine/core';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { type FormEvent, useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { ApiProblem, api } from '../../api/client.ts';
import { toMajor, toMinor } from '../../i18n/money.ts';
import type { AuthorityLimit } from './admin-types.ts';
import { EditFormFooter } from './edit-form-footer.tsx';
import { notifyDone } from './notify.ts';
import { READABLE_ERRORS } from './readable.ts';

/** Who the row is for, as a person reads it: a role, or one named user. */
export function useHolder() {
  const { t } = useTranslation();
  return (l: AuthorityLimit) => (l.user ? l.user.displayName : t(`admin.role.${l.role ?? 'representative'}`));
}

// Amounts are typed in major units and sent in minor units. The row's `version` goes with the
// edit: if someone changed the limit meanwhile the server refuses (409) and the dialog says to reload.
export function EditLimitModal({ limit, onClose }: { limit: AuthorityLimit | null; onClose: () => void }) {
  const { t } = useTranslation();
  const holder = useHolder();
  const queryClient = useQueryClient();
  const [max, setMax] = useState<number | string>('');
  const [own, setOwn] = useState<number | string>('');
  const [causes, setCauses] = useState('');
  const [mayDeny, setMayDeny] = useState(true);
  const save = useMutation({
    mutationFn: (l: AuthorityLimit) =>
      api<AuthorityLimit>('PATCH', `/authority-limits/${l.id}`, {
        version: l.version,
        maxAmountMinor: toMinor(Number(max), l.currency),
        ownRegistrationMaxMinor: toMinor(Number(own), l.currency),
        causes:
          causes.trim() === ''
            ? null
            : causes
                .split(',')
                .map((c) => c.trim())
                .filter(Boolean),
        mayDeny,
      }),
    onSuccess: async () => {
      notifyDone(t('admin.authority.saved'));
      await queryClient.invalidateQueries({ queryKey: ['admin', 'authority-limits'] });
      onClose();
    },
  });
  const { reset } = save;
  useEffect(() => {
    if (!limit) return;
    setMax(toMajor(limit.maxAmountMinor, limit.currency));
    setOwn(toMajor(limit.ownRegistrationMaxMinor, limit.currency));
    setCauses(limit.causes?.join(', ') ?? '');
    setMayDeny(limit.mayDeny);
    reset();
  }, [limit, reset]);

  const problem = save.error instanceof ApiProblem ? save.error : null;
  const fieldError = (name: string) => problem?.errors.find((e) => e.path[0] === name)?.message;
  const submit = (event: FormEvent) => {
    event.preventDefault();
    if (limit) save.mutate(limit);
  };
  return (
    <Modal
      opened={limit !== null}
      onClose={onClose}
      title={limit ? t('admin.authority.editTitle', { holder: holder(limit) }) : ''}
      closeButtonProps={{ 'aria-label': t('admin.close') }}
    >
      {limit && (
        <form onSubmit={submit} style={READABLE_ERRORS}>
          <Stack>
            <Text size="sm">
              {t('admin.authority.scope', {
                product: limit.productCode ?? t('admin.authority.anyProduct'),
                currency: limit.currency,
              })}
            </Text>
            <NumberInput
              label={t('admin.authority.maxAmountIn', { currency: limit.currency })}
              value={max}
              onChange={setMax}
              min={0}
              required
              error={fieldError('maxAmountMinor')}
            />
            <NumberInput
              label={t('admin.authority.ownMaxIn', { currency: limit.currency })}
              description={t('admin.authority.ownMaxHelp')}
              value={own}
              onChange={setOwn}
              min={0}
              required
              error={fieldError('ownRegistrationMaxMinor')}
            />
            <TextInput
              label={t('admin.authority.causes')}
              description={t('admin.authority.causesHelp')}
              value={causes}
              onChange={(e) => setCauses(e.currentTarget.value)}
              error={fieldError('causes')}
            />
            <Checkbox
              label={t('admin.authority.mayDeny')}
              checked={mayDeny}
              onChange={(e) => setMayDeny(e.currentTarget.checked)}
            />
            <EditFormFooter
              error={save.error}
              staleText={t('admin.authority.stale')}
              queryKey={['admin', 'authority-limits']}
              saving={save.isPending}
              saveLabel={t('admin.authority.save')}
              onClose={onClose}
            />
          </Stack>
        </form>
      )}
    </Modal>
  );
}
