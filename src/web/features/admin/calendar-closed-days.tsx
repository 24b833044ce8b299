import { Button, Group, Paper, Stack, TextInput, Title } from '@mantine/core';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { type FormEvent, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { ApiProblem, api } from '../../api/client.ts';
import { ProblemAlert } from '../../components/problem-alert.tsx';
import { formatDate } from '../../i18n/format.ts';
import { notifyDone } from './notify.ts';
import { READABLE_ERRORS } from './readable.ts';

// Administrators close the office on a working day (a local holiday, a move) and open it again.
// Public holidays are the law's and the shipped closed days (julafton…) the company's standing
// rule: only days added here can be removed here. The server moves the due dates of running work
// that the day falls before, and says how many.

type Realigned = { realignedClocks: number };

function useInvalidateCalendar() {
  const queryClient = useQueryClient();
  return () => queryClient.invalidateQueries({ queryKey: ['admin', 'calendar'] });
}

export function AddClosedDay({ country }: { country: 'SE' | 'IT' }) {
  const { t } = useTranslation();
  const invalidate = useInvalidateCalendar();
  const [date, setDate] = useState('');
  const [reason, setReason] = useState('');
  const add = useMutation({
    mutationFn: () =>
      api<Realigned>('POST', `/business-calendars/${country}/closed-days`, { date, reason: reason.trim() }),
    onSuccess: async (r) => {
      notifyDone(t('admin.closedDay.added', { n: r.realignedClocks }));
      setDate('');
      setReason('');
      await invalidate();
    },
  });
  const problem = add.error instanceof ApiProblem ? add.error : null;
  const fieldError = (name: string) => problem?.errors.find((e) => e.path[0] === name)?.message;
  const submit = (event: FormEvent) => {
    event.preventDefault();
    add.mutate();
  };
  return (
    <Paper withBorder p="sm">
      <form onSubmit={submit} style={READABLE_ERRORS} aria-labelledby="add-closed-day-title">
        <Stack gap="xs">
          <Title order={4} id="add-closed-day-title">
            {t('admin.closedDay.title', { country: t(`admin.country.${country}`) })}
          </Title>
          <Group align="end">
            <TextInput
              type="date"
              required
              label={t('admin.closedDay.date')}
              value={date}
              onChange={(e) => setDate(e.currentTarget.value)}
              error={fieldError('date')}
            />
            <TextInput
              required
              label={t('admin.closedDay.reason')}
              value={reason}
              onChange={(e) => setReason(e.currentTarget.value)}
              maxLength={200}
              error={fieldError('reason')}
            />
            <Button type="submit" loading={add.isPending}>
              {t('admin.closedDay.add')}
            </Button>
          </Group>
          {add.error && !fieldError('date') && !fieldError('reason') ? (
            <ProblemAlert error={add.error} />
          ) : null}
        </Stack>
      </form>
    </Paper>
  );
}

export function RemoveClosedDay({ country, date }: { country: 'SE' | 'IT'; date: string }) {
  const { t, i18n } = useTranslation();
  const invalidate = useInvalidateCalendar();
  const remove = useMutation({
    mutationFn: () => api<Realigned>('POST', `/business-calendars/${country}/closed-days/${date}/reopen`, {}),
    onSuccess: async (r) => {
      notifyDone(t('admin.closedDay.removed', { n: r.realignedClocks }));
      await invalidate();
    },
  });
  const label = formatDate(date, i18n.language);
  return (
    <Stack gap={4}>
      <Button
        size="xs"
        variant="default"
        loading={remove.isPending}
        onClick={() => remove.mutate()}
        aria-label={t('admin.closedDay.removeFor', { date: label })}
      >
        {t('admin.closedDay.remove')}
      </Button>
      {remove.error ? <ProblemAlert error={remove.error} /> : null}
    </Stack>
  );
}
