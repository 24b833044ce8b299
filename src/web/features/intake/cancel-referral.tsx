import { Button, Group, Modal, Stack, Text, Textarea } from '@mantine/core';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { api } from '../../api/client.ts';
import type { Me } from '../../api/types.ts';
import { useMe } from '../../app/session.ts';
import { ActionError } from './action-error.tsx';
import { type CaseView, localized, type Referral } from './intake-types.ts';
import { notifySuccess } from './notify.ts';

/**
 * Whether the signed-in person may call the referral off — as the server decides it
 * (referrals/cancel-referral.ts): a supervisor, whoever referred it, or the case's owner, and
 * only while it is live. The case is read only when that is the one question left.
 */
export function useMayCancel(r: Referral): boolean {
  const me = useMe().data ?? null;
  const live = r.status === 'open' || r.status === 'accepted';
  const staff = me !== null && (me.role === 'representative' || me.role === 'supervisor');
  const direct = staff && (me.role === 'supervisor' || me.userId === r.referredBy);
  const caseView = useQuery({
    queryKey: ['case', r.caseNumber],
    queryFn: () => api<CaseView>('GET', `/cases/${encodeURIComponent(r.caseNumber)}`),
    enabled: live && staff && !direct,
  });
  return live && (direct || isOwner(me, caseView.data));
}

function isOwner(me: Me | null, view: CaseView | undefined): boolean {
  return !!me && !!view?.workItem?.ownerId && view.workItem.ownerId === me.userId;
}

/**
 * "Cancel the referral…": the question is no longer needed (it answered itself, the customer
 * withdrew). Shown only to those useMayCancel allows. A reason, then a confirmation saying what follows: the department is told and its
 * clock stops; the customer is not told (they never saw the referral).
 */
export function CancelReferral({
  referral: r,
  onCancelled,
}: {
  referral: Referral;
  onCancelled: (next: Referral) => void;
}) {
  const { t, i18n } = useTranslation();
  const queryClient = useQueryClient();
  const [opened, setOpened] = useState(false);
  const [reason, setReason] = useState('');
  const cancel = useMutation({
    mutationFn: () =>
      api<Referral>('POST', `/referrals/${encodeURIComponent(r.referralNumber)}/cancel`, {
        version: r.version,
        reason: reason.trim(),
      }),
    onSuccess: (next) => {
      onCancelled(next);
      void queryClient.invalidateQueries({ queryKey: ['case', next.caseNumber] });
      void queryClient.invalidateQueries({ queryKey: ['case-referrals', next.caseNumber] });
      setOpened(false);
      notifySuccess(t('intake.referral.cancelled'));
    },
  });
  const reload = () => {
    cancel.reset();
    setOpened(false);
    void queryClient.invalidateQueries({ queryKey: ['referral'] });
  };
  return (
    <>
      <Button variant="default" color="red" w="fit-content" onClick={() => setOpened(true)}>
        {t('intake.referral.cancel')}
      </Button>
      <Modal
        opened={opened}
        onClose={() => setOpened(false)}
        title={t('intake.referral.cancelTitle', { number: r.referralNumber })}
        closeButtonProps={{ 'aria-label': t('intake.close') }}
      >
        <form
          noValidate
          onSubmit={(e) => {
            e.preventDefault();
            if (reason.trim()) cancel.mutate();
          }}
        >
          <Stack>
            <ActionError error={cancel.error} onReload={reload} />
            <Text>
              {t('intake.referral.cancelEffect', { department: localized(r.departmentName, i18n.language) })}
            </Text>
            <Textarea
              label={t('intake.referral.cancelReason')}
              value={reason}
              onChange={(e) => setReason(e.currentTarget.value)}
              autosize
              minRows={2}
              maxLength={2000}
              required
              data-autofocus
            />
            <Group justify="flex-end">
              <Button variant="default" onClick={() => setOpened(false)}>
                {t('intake.referral.keep')}
              </Button>
              <Button type="submit" color="red.8" disabled={!reason.trim()} loading={cancel.isPending}>
                {t('intake.referral.confirmCancel')}
              </Button>
            </Group>
          </Stack>
        </form>
      </Modal>
    </>
  );
}
