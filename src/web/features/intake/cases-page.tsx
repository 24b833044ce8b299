import { Anchor, Button, Group, Select, Table, Text, Title } from '@mantine/core';
import { useInfiniteQuery } from '@tanstack/react-query';
import { Link } from '@tanstack/react-router';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { api } from '../../api/client.ts';
import { useMe } from '../../app/session.ts';
import { ProblemAlert } from '../../components/problem-alert.tsx';
import { ScrollTable } from '../../components/scroll-table.tsx';
import { formatDateTime } from '../../i18n/format.ts';
import { CaseStatusBadge } from './case-status-badge.tsx';
import { CASE_KINDS, CASE_STATUSES, type CasePage } from './intake-types.ts';
import { NewCaseButton } from './new-case-form.tsx';

// Service cases, newest first, filtered by status and kind on the server and paged by its cursor.
export function CasesPage() {
  const { t, i18n } = useTranslation();
  const [status, setStatus] = useState<string | null>(null);
  const [kind, setKind] = useState<string | null>(null);
  const pages = useInfiniteQuery({
    queryKey: ['cases', status, kind],
    initialPageParam: null as string | null,
    queryFn: ({ pageParam }) => {
      const q = new URLSearchParams({ limit: '50' });
      if (status) q.set('status', status);
      if (kind) q.set('kind', kind);
      if (pageParam) q.set('cursor', pageParam);
      return api<CasePage>('GET', `/cases?${q}`);
    },
    getNextPageParam: (last) => last.nextCursor,
  });
  const role = useMe().data?.role;
  const mayOpen = role === 'representative' || role === 'supervisor';
  const items = pages.data?.pages.flatMap((p) => p.items) ?? [];
  return (
    <>
      <Group justify="space-between" mb="md">
        <Title order={2}>{t('intake.cases.title')}</Title>
        {mayOpen && <NewCaseButton />}
      </Group>
      <Group mb="md">
        <Select
          label={t('intake.cases.status')}
          placeholder={t('intake.cases.all')}
          data={CASE_STATUSES.map((s) => ({ value: s, label: t(`intake.caseStatus.${s}`) }))}
          value={status}
          onChange={setStatus}
          clearable
        />
        <Select
          label={t('intake.cases.kind')}
          placeholder={t('intake.cases.all')}
          data={CASE_KINDS.map((k) => ({ value: k, label: t(`intake.caseKind.${k}`) }))}
          value={kind}
          onChange={setKind}
          clearable
        />
      </Group>
      {pages.error && <ProblemAlert error={pages.error} />}
      {!pages.data && !pages.error && <Text>{t('app.loading')}</Text>}
      {pages.data && items.length === 0 && <Text>{t('intake.cases.empty')}</Text>}
      {items.length > 0 && (
        <ScrollTable label={t('intake.cases.title')} minWidth={760}>
          <Table striped highlightOnHover>
            <Table.Thead>
              <Table.Tr>
                <Table.Th>{t('intake.case.number')}</Table.Th>
                <Table.Th>{t('intake.cases.kind')}</Table.Th>
                <Table.Th>{t('intake.case.subject')}</Table.Th>
                <Table.Th>{t('intake.cases.status')}</Table.Th>
                <Table.Th>{t('intake.case.opened')}</Table.Th>
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {items.map((c) => (
                <Table.Tr key={c.id}>
                  <Table.Td>
                    <Anchor component={Link} to={`/desk/cases/${c.caseNumber}`}>
                      {c.caseNumber}
                    </Anchor>
                  </Table.Td>
                  <Table.Td>{t(`intake.caseKind.${c.kind}`)}</Table.Td>
                  <Table.Td>{c.subject}</Table.Td>
                  <Table.Td>
                    <CaseStatusBadge status={c.status} />
                  </Table.Td>
                  <Table.Td>{formatDateTime(c.createdAt, i18n.language)}</Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        </ScrollTable>
      )}
      {pages.hasNextPage && (
        <Group justify="center" mt="md">
          <Button variant="default" loading={pages.isFetchingNextPage} onClick={() => pages.fetchNextPage()}>
            {t('intake.cases.more')}
          </Button>
        </Group>
      )}
    </>
  );
}
