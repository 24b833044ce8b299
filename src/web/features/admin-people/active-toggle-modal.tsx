import { Button, Group, Modal, Stack, Text } from '@mantine/core';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { api } from '../../api/client.ts';
import { ProblemAlert } from '../../components/problem-alert.tsx';
import { notifySuccess } from '../intake/notify.ts';
import type { AdminUser } from './admin-people-types.ts';

/**
 * Deactivating ends a login's sessions and stops its sign-in at once, so it is confirmed first,
 * saying so. The server refuses an administrator's own login; its problem shows here.
 */
export function ActiveToggleModal({ user, onClose }: { user: AdminUser; onClose: () => void }) {
  const { t } = useTranslation();
  const queryClient = useQueryClient();
  const deactivating = user.active;
  const save = useMutation({
    mutationFn: () =>
      api<AdminUser>('PATCH', `/users/${user.id}`, { version: user.version, active: !user.active }),
    onSuccess: async (updated) => {
      notifySuccess(
        t(deactivating ? 'adminPeople.active.deactivated' : 'adminPeople.active.reactivated', {
          name: updated.displayName,
        }),
      );
      await queryClient.invalidateQueries({ queryKey: ['admin-users'] });
      onClose();
    },
  });
  return (
    <Modal
      opened
      onClose={onClose}
      title={t(deactivating ? 'adminPeople.active.deactivateTitle' : 'adminPeople.active.reactivateTitle', {
        name: user.displayName,
      })}
      closeButtonProps={{ 'aria-label': t('adminPeople.close') }}
    >
      <Stack>
        <Text>
          {deactivating
            ? t('adminPeople.active.deactivateHelp', { name: user.displayName, email: user.email })
            : t('adminPeople.active.reactivateHelp', { name: user.displayName, email: user.email })}
        </Text>
        {save.error && <ProblemAlert error={save.error} />}
        <Group justify="flex-end">
          <Button variant="default" onClick={onClose}>
            {t('adminPeople.cancel')}
          </Button>
          <Button
            color={deactivating ? 'red.9' : undefined}
            loading={save.isPending}
            onClick={() => save.mutate()}
          >
            {deactivating
              ? t('adminPeople.active.deactivateConfirm')
              : t('adminPeople.active.reactivateConfirm')}
          </Button>
        </Group>
      </Stack>
    </Modal>
  );
}
