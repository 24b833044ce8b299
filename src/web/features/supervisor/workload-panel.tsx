import { Table, Text, Title } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { ProblemAlert } from '../../components/problem-alert.tsx';
import { ScrollTable } from '../../components/scroll-table.tsx';
import type { Workload } from './supervisor-types.ts';

/** Open items per person (with warning and breached counts) and each team's unassigned work. */
export function WorkloadPanel({ workload, error }: { workload: Workload | undefined; error: unknown }) {
  const { t } = useTranslation();
  return (
    <section aria-labelledby="workload-title">
      <Title order={3} id="workload-title" mb="xs">
        {t('supervisor.workload.title')}
      </Title>
      {error ? <ProblemAlert error={error} /> : null}
      {!workload && !error && <Text>{t('app.loading')}</Text>}
      {workload && (
        <ScrollTable label={t('supervisor.workload.title')} minWidth={640}>
          <Table striped>
            <Table.Thead>
              <Table.Tr>
                <Table.Th>{t('supervisor.workload.person')}</Table.Th>
                <Table.Th>{t('supervisor.workload.team')}</Table.Th>
                <Table.Th style={{ textAlign: 'right' }}>{t('supervisor.workload.open')}</Table.Th>
                <Table.Th style={{ textAlign: 'right' }}>{t('deadline.warning')}</Table.Th>
                <Table.Th style={{ textAlign: 'right' }}>{t('deadline.breached')}</Table.Th>
                <Table.Th style={{ textAlign: 'right' }}>{t('supervisor.workload.escalated')}</Table.Th>
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {workload.people.map((p) => (
                <Table.Tr key={p.userId}>
                  <Table.Td>{p.displayName}</Table.Td>
                  <Table.Td>{p.team}</Table.Td>
                  <Table.Td style={{ textAlign: 'right' }}>{p.open}</Table.Td>
                  <Table.Td style={{ textAlign: 'right' }}>{p.warning}</Table.Td>
                  <Table.Td style={{ textAlign: 'right' }}>{p.breached}</Table.Td>
                  <Table.Td style={{ textAlign: 'right' }}>{p.escalatedToThem}</Table.Td>
                </Table.Tr>
              ))}
              {workload.unassigned.map((u) => (
                <Table.Tr key={`unassigned-${u.team}`}>
                  <Table.Td fs="italic">{t('supervisor.workload.unassigned')}</Table.Td>
                  <Table.Td>{u.team}</Table.Td>
                  <Table.Td style={{ textAlign: 'right' }}>{u.open}</Table.Td>
                  <Table.Td style={{ textAlign: 'right' }}>{u.warning}</Table.Td>
                  <Table.Td style={{ textAlign: 'right' }}>{u.breached}</Table.Td>
                  <Table.Td style={{ textAlign: 'right' }}>—</Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        </ScrollTable>
      )}
    </section>
  );
}
