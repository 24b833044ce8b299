import { Button, Modal, Select, Stack, Textarea } from '@mantine/core';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { api } from '../../api/client.ts';
import { ProblemAlert } from '../../components/problem-alert.tsx';
import type { Call } from './intake-types.ts';
import { notifySuccess } from './notify.ts';

export const CALL_OUTCOMES = ['answered', 'resolved', 'callback_needed', 'transferred'] as const;

type OpenItem = { kind: 'claim' | 'case'; id: string; reference: string };

/**
 * Logs an inbound call (POST /calls). The Idempotency-Key is kept for the one call being logged, so
 * a double click or a retry after a network error never logs it twice.
 */
export function useLogCall(number: string, customerId: string | null) {
  const queryClient = useQueryClient();
  const key = useRef(crypto.randomUUID());
  return useMutation({
    mutationFn: (input: { outcome?: string; notes?: string; about?: OpenItem | null }) =>
      api<Call>(
        'POST',
        '/calls',
        {
          direction: 'inbound',
          phoneNumber: number,
          ...(customerId ? { customerId } : {}),
          ...(input.outcome ? { outcome: input.outcome } : {}),
          ...(input.notes?.trim() ? { notes: input.notes.trim() } : {}),
          ...(input.about?.kind === 'claim' ? { claimId: input.about.id } : {}),
          ...(input.about?.kind === 'case' ? { caseId: input.about.id } : {}),
        },
        { 'Idempotency-Key': key.current },
      ),
    onSuccess: () => void queryClient.invalidateQueries({ queryKey: ['screen-pop'] }),
  });
}

/** "Log this call": the outcome, what it was about and a note, in a small dialog. */
export function LogCallButton({
  number,
  customerId,
  openItems,
  onLogged,
  logged = false,
}: {
  number: string;
  customerId: string | null;
  openItems: OpenItem[];
  onLogged?: (callId: string) => void;
  logged?: boolean;
}) {
  const { t } = useTranslation();
  const [opened, setOpened] = useState(false);
  const [outcome, setOutcome] = useState<string>('answered');
  const [about, setAbout] = useState<string | null>(null);
  const [notes, setNotes] = useState('');
  const log = useLogCall(number, customerId);
  const submit = () =>
    log.mutate(
      { outcome, notes, about: openItems.find((i) => i.id === about) ?? null },
      {
        onSuccess: (call) => {
          setOpened(false);
          notifySuccess(t('intake.call.logged'));
          onLogged?.(call.id);
        },
      },
    );
  return (
    <>
      <Button variant="default" onClick={() => setOpened(true)} disabled={logged || log.isSuccess}>
        {logged || log.isSuccess ? t('intake.call.loggedButton') : t('intake.call.log')}
      </Button>
      <Modal
        opened={opened}
        onClose={() => setOpened(false)}
        title={t('intake.call.logTitle')}
        closeButtonProps={{ 'aria-label': t('intake.close') }}
      >
        <Stack>
          {log.error && <ProblemAlert error={log.error} />}
          <Select
            label={t('intake.call.outcome')}
            data={CALL_OUTCOMES.map((o) => ({ value: o, label: t(`intake.callOutcome.${o}`) }))}
            value={outcome}
            onChange={(v) => setOutcome(v ?? 'answered')}
            allowDeselect={false}
          />
          {openItems.length > 0 && (
            <Select
              label={t('intake.call.about')}
              data={openItems.map((i) => ({ value: i.id, label: i.reference }))}
              value={about}
              onChange={setAbout}
              clearable
            />
          )}
          <Textarea
            label={t('intake.call.notes')}
            value={notes}
            onChange={(e) => setNotes(e.currentTarget.value)}
            autosize
            minRows={3}
          />
          <Button onClick={submit} loading={log.isPending}>
            {t('intake.call.save')}
          </Button>
        </Stack>
      </Modal>
    </>
  );
}
