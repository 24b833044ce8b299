import { Table, Text, Title, VisuallyHidden } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { ProblemAlert } from '../../components/problem-alert.tsx';
import { ScrollTable } from '../../components/scroll-table.tsx';
import { usePermissionMatrix } from './admin-people-queries.ts';

/** Who may do what, as the server applies it (read-only): a permission per row, a role per column. */
export function PermissionMatrixSection() {
  const { t } = useTranslation();
  const matrix = usePermissionMatrix();
  return (
    <section aria-labelledby="permission-matrix-title">
      <Title order={3} id="permission-matrix-title" mb="xs">
        {t('adminPeople.matrix.title')}
      </Title>
      <Text size="sm" c="gray.7" mb="xs">
        {t('adminPeople.matrix.help')}
      </Text>
      {matrix.error && <ProblemAlert error={matrix.error} />}
      {!matrix.data && !matrix.error && <Text>{t('app.loading')}</Text>}
      {matrix.data && (
        <ScrollTable label={t('adminPeople.matrix.title')} minWidth={900}>
          <Table striped withColumnBorders>
            <Table.Thead>
              <Table.Tr>
                <Table.Th scope="col">{t('adminPeople.matrix.permission')}</Table.Th>
                {matrix.data.roles.map((role) => (
                  <Table.Th key={role} scope="col" ta="center">
                    {t(`adminPeople.role.${role}`)}
                  </Table.Th>
                ))}
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {matrix.data.permissions.map((p) => (
                <Table.Tr key={p.permission}>
                  <Table.Th scope="row" fw={400}>
                    <code>{p.permission}</code>
                  </Table.Th>
                  {matrix.data.roles.map((role) => {
                    const allowed = p.roles.includes(role);
                    return (
                      <Table.Td key={role} ta="center">
                        <span aria-hidden="true">{allowed ? '✓' : '–'}</span>
                        <VisuallyHidden>
                          {allowed ? t('adminPeople.matrix.allowed') : t('adminPeople.matrix.notAllowed')}
                        </VisuallyHidden>
                      </Table.Td>
                    );
                  })}
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        </ScrollTable>
      )}
    </section>
  );
}
