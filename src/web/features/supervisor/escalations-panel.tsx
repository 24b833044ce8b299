import { Button, Group, Modal, Stack, Table, Text, Textarea, Title } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { Link } from '@tanstack/react-router';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { api } from '../../api/client.ts';
import type { Page } from '../../api/types.ts';
import { ProblemAlert } from '../../components/problem-alert.tsx';
import { ScrollTable } from '../../components/scroll-table.tsx';
import { formatDateTime } from '../../i18n/format.ts';
import type { Escalation } from './supervisor-types.ts';

// Claims handed to me, oldest first. "Decide" opens the claim workspace (where the decision and
// its confirmation live); "Return" sends the claim back to its representative with a comment.
export function EscalationsPanel() {
  const { t, i18n } = useTranslation();
  const [returning, setReturning] = useState<Escalation | null>(null);
  const list = useQuery({
    queryKey: ['escalations'],
    queryFn: () => api<Page<Escalation>>('GET', '/escalations?limit=200'),
  });
  return (
    <section aria-labelledby="escalations-title">
      <Title order={3} id="escalations-title" mb="xs">
        {t('supervisor.escalations.title')}
      </Title>
      {list.error && <ProblemAlert error={list.error} />}
      {!list.data && !list.error && <Text>{t('app.loading')}</Text>}
      {list.data && list.data.items.length === 0 && <Text>{t('supervisor.escalations.empty')}</Text>}
      {list.data && list.data.items.length > 0 && (
        <ScrollTable label={t('supervisor.escalations.title')} minWidth={760}>
          <Table striped>
            <Table.Thead>
              <Table.Tr>
                <Table.Th>{t('supervisor.escalations.claim')}</Table.Th>
                <Table.Th>{t('supervisor.escalations.reason')}</Table.Th>
                <Table.Th>{t('supervisor.escalations.by')}</Table.Th>
                <Table.Th>{t('supervisor.escalations.since')}</Table.Th>
                <Table.Th>{t('supervisor.actions')}</Table.Th>
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {list.data.items.map((e) => (
                <Table.Tr key={e.id}>
                  <Table.Td>{e.claimNumber}</Table.Td>
                  <Table.Td>
                    {t(`supervisor.escalationReason.${e.reason}`)}
                    {e.comment && (
                      <Text size="sm" c="gray.7">
                        {e.comment}
                      </Text>
                    )}
                  </Table.Td>
                  <Table.Td>{e.escalatedByName ?? '—'}</Table.Td>
                  <Table.Td>{formatDateTime(e.createdAt, i18n.language)}</Table.Td>
                  <Table.Td>
                    <Group gap="xs" wrap="nowrap">
                      <Button
                        size="xs"
                        component={Link}
                        to={`/desk/claims/${encodeURIComponent(e.claimNumber)}`}
                        aria-label={t('supervisor.escalations.decideClaim', { claim: e.claimNumber })}
                      >
                        {t('supervisor.escalations.decide')}
                      </Button>
                      <Button
                        size="xs"
                        variant="default"
                        onClick={() => setReturning(e)}
                        aria-label={t('supervisor.escalations.returnClaim', { claim: e.claimNumber })}
                      >
                        {t('supervisor.escalations.return')}
                      </Button>
                    </Group>
                  </Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        </ScrollTable>
      )}
      {returning && <ReturnModal escalation={returning} onClose={() => setReturning(null)} />}
    </section>
  );
}

function ReturnModal({ escalation, onClose }: { escalation: Escalation; onClose: () => void }) {
  const { t } = useTranslation();
  const queryClient = useQueryClient();
  const [comment, setComment] = useState('');
  const send = useMutation({
    // The claim's version as the list read it: if the claim moved on since, the return is refused
    // (409 version_conflict) rather than undoing a colleague's change unseen.
    mutationFn: () =>
      api('POST', `/claims/${encodeURIComponent(escalation.claimNumber)}/escalation/return`, {
        comment,
        version: escalation.claimVersion,
      }),
    onSuccess: async () => {
      notifications.show({
        color: 'green',
        message: t('supervisor.escalations.returned', { claim: escalation.claimNumber }),
      });
      await queryClient.invalidateQueries({ queryKey: ['escalations'] });
      await queryClient.invalidateQueries({ queryKey: ['workload'] });
      onClose();
    },
  });
  return (
    <Modal
      opened
      closeButtonProps={{ 'aria-label': t('supervisor.close') }}
      onClose={onClose}
      title={t('supervisor.escalations.returnTitle', { claim: escalation.claimNumber })}
    >
      <form
        onSubmit={(e) => {
          e.preventDefault();
          send.mutate();
        }}
      >
        <Stack>
          {/* The representative reads this comment; the customer is not told anything. */}
          <Text size="sm">
            {t('supervisor.escalations.returnExplain', { name: escalation.escalatedByName ?? '—' })}
          </Text>
          <Textarea
            label={t('supervisor.escalations.comment')}
            required
            minRows={3}
            value={comment}
            onChange={(e) => setComment(e.currentTarget.value)}
            data-autofocus
          />
          {send.error && <ProblemAlert error={send.error} />}
          <Group justify="flex-end">
            <Button variant="default" onClick={onClose}>
              {t('supervisor.cancel')}
            </Button>
            <Button type="submit" loading={send.isPending} disabled={!comment.trim()}>
              {t('supervisor.escalations.returnConfirm')}
            </Button>
          </Group>
        </Stack>
      </form>
    </Modal>
  );
}
