import { Alert, Button, Group, Modal, Stack, Text } from '@mantine/core';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { api } from '../../api/client.ts';
import { ProblemAlert } from '../../components/problem-alert.tsx';
import { notifySuccess } from '../intake/notify.ts';
import type { AdminUser, HandedBack } from './admin-people-types.ts';

/**
 * Deactivating ends a login's sessions and stops its sign-in at once, and the server gives the
 * login's open work back to the queues, so it is confirmed first, saying both. Afterwards the
 * dialog stays open with how many items went back: the administrator may need to tell the team
 * lead that those items now wait in the queue. The server refuses an administrator's own login;
 * its problem shows here.
 */
export function ActiveToggleModal({ user, onClose }: { user: AdminUser; onClose: () => void }) {
  const { t } = useTranslation();
  const queryClient = useQueryClient();
  const deactivating = user.active;
  const [handedBack, setHandedBack] = useState<HandedBack | null>(null);
  const save = useMutation({
    mutationFn: () =>
      api<AdminUser & { handedBack?: HandedBack }>('PATCH', `/users/${user.id}`, {
        version: user.version,
        active: !user.active,
      }),
    onSuccess: async (updated) => {
      notifySuccess(
        t(deactivating ? 'adminPeople.active.deactivated' : 'adminPeople.active.reactivated', {
          name: updated.displayName,
        }),
      );
      await queryClient.invalidateQueries({ queryKey: ['admin-users'] });
      if (updated.handedBack) setHandedBack(updated.handedBack);
      else onClose();
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
      {handedBack ? (
        <Stack>
          <Alert
            color="blue"
            role="status"
            title={t('adminPeople.active.handedBackTitle', { name: user.displayName })}
          >
            {handedBack.total === 0
              ? t('adminPeople.active.handedBackNone')
              : t('adminPeople.active.handedBack', {
                  total: handedBack.total,
                  claims: handedBack.claims,
                  cases: handedBack.serviceCases,
                  referrals: handedBack.referrals,
                })}
          </Alert>
          <Group justify="flex-end">
            <Button onClick={onClose}>{t('adminPeople.active.done')}</Button>
          </Group>
        </Stack>
      ) : (
        <Stack>
          <Text>
            {deactivating
              ? t('adminPeople.active.deactivateHelp', { name: user.displayName, email: user.email })
              : t('adminPeople.active.reactivateHelp', { name: user.displayName, email: user.email })}
          </Text>
          {deactivating && user.role !== 'customer' && <Text>{t('adminPeople.active.deactivateWork')}</Text>}
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
      )}
    </Modal>
  );
}
