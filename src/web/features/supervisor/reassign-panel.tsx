import { Button, Group, Modal, NativeSelect, Stack, Table, Text, Title } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { ApiProblem, api } from '../../api/client.ts';
import { ProblemAlert } from '../../components/problem-alert.tsx';
import { ScrollTable } from '../../components/scroll-table.tsx';
import { DeadlineBadge } from '../desk/deadline-badge.tsx';
import { ItemLink } from '../desk/queue-page.tsx';
import { TimeLeft } from '../desk/time-left.tsx';
import type { AssignableItem, WorkloadPerson } from './supervisor-types.ts';

const PATHS: Partial<Record<AssignableItem['kind'], string>> = { claim: 'claims', service_case: 'cases' };

/** The team's open work, most urgent first, each with "Reassign" (claims and service cases). */
export function ReassignPanel({ team, people }: { team: string; people: WorkloadPerson[] }) {
  const { t } = useTranslation();
  const [moving, setMoving] = useState<AssignableItem | null>(null);
  const queue = useQuery({
    queryKey: ['queue', 'team', team, 'reassign'],
    queryFn: () =>
      api<{ items: AssignableItem[] }>('GET', `/queues/team?team=${encodeURIComponent(team)}&limit=100`),
  });
  const nameOf = (id: string | null) =>
    id === null
      ? t('supervisor.workload.unassigned')
      : (people.find((p) => p.userId === id)?.displayName ?? '—');
  return (
    <section aria-labelledby="reassign-title">
      <Title order={3} id="reassign-title" mb="xs">
        {t('supervisor.reassign.title', { team })}
      </Title>
      {queue.error && <ProblemAlert error={queue.error} />}
      {!queue.data && !queue.error && <Text>{t('app.loading')}</Text>}
      {queue.data && queue.data.items.length === 0 && <Text>{t('queue.empty')}</Text>}
      {queue.data && queue.data.items.length > 0 && (
        <ScrollTable label={t('supervisor.reassign.title', { team })} minWidth={760}>
          <Table striped>
            <Table.Thead>
              <Table.Tr>
                <Table.Th>{t('queue.reference')}</Table.Th>
                <Table.Th>{t('supervisor.reassign.owner')}</Table.Th>
                <Table.Th>{t('queue.deadline')}</Table.Th>
                <Table.Th>{t('queue.timeLeft')}</Table.Th>
                <Table.Th>{t('supervisor.actions')}</Table.Th>
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {queue.data.items.map((item) => (
                <Table.Tr key={item.id}>
                  <Table.Td>
                    <ItemLink item={item} />
                  </Table.Td>
                  <Table.Td>{nameOf(item.ownerId)}</Table.Td>
                  <Table.Td>
                    <DeadlineBadge state={item.deadlineState} />
                  </Table.Td>
                  <Table.Td>
                    <TimeLeft ms={item.timeLeftMs} />
                  </Table.Td>
                  <Table.Td>
                    {PATHS[item.kind] && (
                      <Button
                        size="xs"
                        variant="default"
                        onClick={() => setMoving(item)}
                        aria-label={t('supervisor.reassign.reassignItem', { reference: item.reference })}
                      >
                        {t('supervisor.reassign.reassign')}
                      </Button>
                    )}
                  </Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        </ScrollTable>
      )}
      {moving && <ReassignModal item={moving} people={people} onClose={() => setMoving(null)} />}
    </section>
  );
}

function ReassignModal({
  item,
  people,
  onClose,
}: {
  item: AssignableItem;
  people: WorkloadPerson[];
  onClose: () => void;
}) {
  const { t } = useTranslation();
  const queryClient = useQueryClient();
  const candidates = people.filter((p) => p.team === item.team && p.userId !== item.ownerId);
  const [target, setTarget] = useState<string>(candidates[0]?.userId ?? '');
  const save = useMutation({
    mutationFn: () =>
      api('POST', `/${PATHS[item.kind]}/${encodeURIComponent(item.reference)}/assignment`, {
        userId: target === '' ? null : target,
        version: item.version,
      }),
    onSuccess: async () => {
      const name =
        candidates.find((p) => p.userId === target)?.displayName ?? t('supervisor.workload.unassigned');
      notifications.show({
        color: 'green',
        message: t('supervisor.reassign.done', { reference: item.reference, name }),
      });
      await Promise.all([
        queryClient.invalidateQueries({ queryKey: ['queue'] }),
        queryClient.invalidateQueries({ queryKey: ['workload'] }),
      ]);
      onClose();
    },
  });
  const stale = save.error instanceof ApiProblem && save.error.code === 'version_conflict';
  return (
    <Modal
      opened
      closeButtonProps={{ 'aria-label': t('supervisor.close') }}
      onClose={onClose}
      title={t('supervisor.reassign.modalTitle', { reference: item.reference })}
    >
      <form
        onSubmit={(e) => {
          e.preventDefault();
          save.mutate();
        }}
      >
        <Stack>
          <NativeSelect
            label={t('supervisor.reassign.to')}
            value={target}
            onChange={(e) => setTarget(e.currentTarget.value)}
            data={[
              ...candidates.map((p) => ({
                value: p.userId,
                label: t('supervisor.reassign.candidate', { name: p.displayName, open: p.open }),
              })),
              ...(item.ownerId ? [{ value: '', label: t('supervisor.reassign.backToTeam') }] : []),
            ]}
            data-autofocus
          />
          {stale && <Text c="red.8">{t('supervisor.reassign.stale')}</Text>}
          {save.error && <ProblemAlert error={save.error} />}
          <Group justify="flex-end">
            <Button variant="default" onClick={onClose}>
              {t('supervisor.cancel')}
            </Button>
            <Button
              type="submit"
              loading={save.isPending}
              disabled={candidates.length === 0 && !item.ownerId}
            >
              {t('supervisor.reassign.confirm')}
            </Button>
          </Group>
        </Stack>
      </form>
    </Modal>
  );
}
