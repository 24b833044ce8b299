import { Anchor, Button, Group, Table, Tabs, Text, Title } from '@mantine/core';
import { useInfiniteQuery } from '@tanstack/react-query';
import { Link } from '@tanstack/react-router';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { api } from '../../api/client.ts';
import type { QueueItem, QueuePage as QueuePageData } from '../../api/types.ts';
import { ProblemAlert } from '../../components/problem-alert.tsx';
import { ScrollTable } from '../../components/scroll-table.tsx';
import { formatDuration, formatMoney } from '../../i18n/format.ts';
import { DeadlineBadge } from './deadline-badge.tsx';

const QUEUES = ['personal', 'team', 'unassigned', 'escalations'] as const;
type QueueName = (typeof QUEUES)[number];

// The representative's home: a work queue, deadline first (the server orders it and pages it by
// keyset, so a queue of 100k items costs one page at a time).
export function QueuePage() {
  const { t } = useTranslation();
  const [queue, setQueue] = useState<QueueName>('personal');
  return (
    <>
      <Title order={2} mb="md">
        {t('queue.title')}
      </Title>
      <Tabs value={queue} onChange={(v) => v && setQueue(v as QueueName)}>
        <Tabs.List>
          {QUEUES.map((q) => (
            <Tabs.Tab key={q} value={q}>
              {t(`queue.${q}`)}
            </Tabs.Tab>
          ))}
        </Tabs.List>
      </Tabs>
      <QueueTable queue={queue} />
    </>
  );
}

function QueueTable({ queue }: { queue: QueueName }) {
  const { t, i18n } = useTranslation();
  const pages = useInfiniteQuery({
    queryKey: ['queue', queue],
    initialPageParam: null as string | null,
    queryFn: ({ pageParam }) =>
      api<QueuePageData>(
        'GET',
        `/queues/${queue}?limit=50${pageParam ? `&cursor=${encodeURIComponent(pageParam)}` : ''}`,
      ),
    getNextPageParam: (last) => last.nextCursor,
  });
  if (pages.error) return <ProblemAlert error={pages.error} />;
  if (!pages.data) return <Text mt="md">{t('app.loading')}</Text>;
  const items = pages.data.pages.flatMap((p) => p.items);
  if (items.length === 0) return <Text mt="md">{t('queue.empty')}</Text>;
  return (
    <>
      <ScrollTable label={t('queue.title')} minWidth={700}>
        <Table striped highlightOnHover mt="md">
          <Table.Thead>
            <Table.Tr>
              <Table.Th>{t('queue.reference')}</Table.Th>
              <Table.Th>{t('queue.summary')}</Table.Th>
              <Table.Th>{t('queue.status')}</Table.Th>
              <Table.Th>{t('queue.deadline')}</Table.Th>
              <Table.Th>{t('queue.timeLeft')}</Table.Th>
              <Table.Th>{t('queue.amount')}</Table.Th>
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {items.map((item) => (
              <Table.Tr key={item.id}>
                <Table.Td>
                  <ItemLink item={item} />
                </Table.Td>
                <Table.Td>{item.summary}</Table.Td>
                <Table.Td>{item.status}</Table.Td>
                <Table.Td>
                  <DeadlineBadge state={item.deadlineState} />
                </Table.Td>
                <Table.Td>
                  {item.timeLeftMs === null
                    ? '—'
                    : item.timeLeftMs < 0
                      ? t('time.overdue', { duration: formatDuration(item.timeLeftMs, i18n.language) })
                      : formatDuration(item.timeLeftMs, i18n.language)}
                </Table.Td>
                <Table.Td>
                  {item.amountMinor !== null && item.currency
                    ? formatMoney(item.amountMinor, item.currency, i18n.language)
                    : '—'}
                </Table.Td>
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
      </ScrollTable>
      {pages.hasNextPage && (
        <Group justify="center" mt="md">
          <Button variant="default" loading={pages.isFetchingNextPage} onClick={() => pages.fetchNextPage()}>
            {t('queue.more')}
          </Button>
        </Group>
      )}
    </>
  );
}

function ItemLink({ item }: { item: QueueItem }) {
  if (item.kind !== 'claim') return <Text span>{item.reference}</Text>;
  return (
    <Anchor component={Link} to={`/desk/claims/${encodeURIComponent(item.reference)}`}>
      {item.reference}
    </Anchor>
  );
}
