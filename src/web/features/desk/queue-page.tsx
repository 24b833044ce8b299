import { Anchor, Button, Group, Table, Tabs, Text, Title } from '@mantine/core';
import { useDebouncedValue } from '@mantine/hooks';
import { useInfiniteQuery } from '@tanstack/react-query';
import { Link } from '@tanstack/react-router';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { api } from '../../api/client.ts';
import type { QueueItem, QueuePage as QueuePageData } from '../../api/types.ts';
import { ProblemAlert } from '../../components/problem-alert.tsx';
import { ScrollTable } from '../../components/scroll-table.tsx';
import { formatMoney } from '../../i18n/format.ts';
import { useCodeText } from '../workspace/code-text.ts';
import { DeadlineBadge } from './deadline-badge.tsx';
import { NO_FILTER, type QueueFilter, QueueFilters, queueQuery } from './queue-filters.tsx';
import { TimeLeft } from './time-left.tsx';

/** Where each kind of work item's status codes have their words (the workspace's texts). */
const STATUS_TEXTS: Record<string, string> = {
  claim: 'workspace.status.',
  service_case: 'workspace.caseStatus.',
  referral: 'workspace.referralStatus.',
};

const QUEUES = ['personal', 'team', 'unassigned', 'escalations'] as const;
type QueueName = (typeof QUEUES)[number];

// The desk's home: my queue, my team's, the unassigned and what was escalated to me. The server
// sorts, filters and pages by keyset, so a queue of 100k items costs one page at a time and the
// order is right across pages (sorting only the loaded rows would not be).
export function QueuePage() {
  const { t } = useTranslation();
  const [queue, setQueue] = useState<QueueName>('personal');
  const [filter, setFilter] = useState<QueueFilter>(NO_FILTER);
  const [debounced] = useDebouncedValue(filter, 300);
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
      <QueueFilters value={filter} onChange={setFilter} />
      <QueueTable queue={queue} query={queueQuery(debounced)} />
    </>
  );
}

function QueueTable({ queue, query }: { queue: QueueName; query: string }) {
  const { t, i18n } = useTranslation();
  const codeText = useCodeText();
  const pages = useInfiniteQuery({
    queryKey: ['queue', queue, query],
    initialPageParam: null as string | null,
    queryFn: ({ pageParam }) =>
      api<QueuePageData>(
        'GET',
        `/queues/${queue}?limit=50${query}${pageParam ? `&cursor=${encodeURIComponent(pageParam)}` : ''}`,
      ),
    getNextPageParam: (last) => last.nextCursor,
  });
  if (pages.error) return <ProblemAlert error={pages.error} />;
  if (!pages.data) return <Text mt="md">{t('app.loading')}</Text>;
  const items = pages.data.pages.flatMap((p) => p.items);
  if (items.length === 0) return <Text mt="md">{t('queue.empty')}</Text>;
  return (
    <>
      <ScrollTable label={t('queue.title')} minWidth={900}>
        <Table striped highlightOnHover mt="md">
          <Table.Thead>
            <Table.Tr>
              <Table.Th>{t('queue.reference')}</Table.Th>
              <Table.Th>{t('supervisor.queue.kind')}</Table.Th>
              <Table.Th>{t('queue.summary')}</Table.Th>
              <Table.Th>{t('queue.status')}</Table.Th>
              <Table.Th>{t('supervisor.queue.priority')}</Table.Th>
              <Table.Th>{t('queue.deadline')}</Table.Th>
              <Table.Th>{t('queue.timeLeft')}</Table.Th>
              <Table.Th style={{ textAlign: 'right' }}>{t('queue.amount')}</Table.Th>
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {items.map((item) => (
              <Table.Tr key={item.id}>
                <Table.Td>
                  <ItemLink item={item} />
                </Table.Td>
                <Table.Td>{t(`supervisor.kind.${item.kind}`)}</Table.Td>
                <Table.Td>{item.summary}</Table.Td>
                <Table.Td>{codeText(STATUS_TEXTS[item.kind] ?? 'workspace.status.', item.status)}</Table.Td>
                <Table.Td>{item.priority}</Table.Td>
                <Table.Td>
                  <DeadlineBadge state={item.deadlineState} />
                </Table.Td>
                <Table.Td>
                  <TimeLeft ms={item.timeLeftMs} />
                </Table.Td>
                <Table.Td style={{ textAlign: 'right' }}>
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

// Where each kind of work item is worked; triage items (unmatched email) have no page yet.
const ITEM_PAGES: Partial<Record<QueueItem['kind'], string>> = {
  claim: '/desk/claims',
  service_case: '/desk/cases',
  referral: '/desk/referrals',
};

export function ItemLink({ item }: { item: Pick<QueueItem, 'kind' | 'reference'> }) {
  const page = ITEM_PAGES[item.kind];
  if (!page) return <Text span>{item.reference}</Text>;
  return (
    <Anchor component={Link} to={`${page}/${encodeURIComponent(item.reference)}`}>
      {item.reference}
    </Anchor>
  );
}
