import { Badge, Button, Group, Table, Text } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { ScrollTable } from '../../components/scroll-table.tsx';
import { formatDateTime } from '../../i18n/format.ts';
import type { AdminUser } from './admin-people-types.ts';

/** The logins, one row each; administrators get "Edit" and "Deactivate"/"Reactivate" per row. */
export function UsersTable({
  users,
  canManage,
  onEdit,
  onToggleActive,
}: {
  users: AdminUser[];
  canManage: boolean;
  onEdit: (user: AdminUser) => void;
  onToggleActive: (user: AdminUser) => void;
}) {
  const { t, i18n } = useTranslation();
  if (users.length === 0) return <Text>{t('adminPeople.users.none')}</Text>;
  return (
    <ScrollTable label={t('adminPeople.users.tableLabel')} minWidth={1000}>
      <Table striped highlightOnHover>
        <Table.Thead>
          <Table.Tr>
            <Table.Th>{t('adminPeople.users.name')}</Table.Th>
            <Table.Th>{t('adminPeople.users.email')}</Table.Th>
            <Table.Th>{t('adminPeople.users.role')}</Table.Th>
            <Table.Th>{t('adminPeople.users.team')}</Table.Th>
            <Table.Th>{t('adminPeople.users.department')}</Table.Th>
            <Table.Th>{t('adminPeople.users.language')}</Table.Th>
            <Table.Th>{t('adminPeople.users.status')}</Table.Th>
            <Table.Th>{t('adminPeople.users.lastSignIn')}</Table.Th>
            {canManage && <Table.Th>{t('adminPeople.users.actions')}</Table.Th>}
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {users.map((u) => (
            <Table.Tr key={u.id}>
              <Table.Td>{u.displayName}</Table.Td>
              <Table.Td>{u.email}</Table.Td>
              <Table.Td>
                {t(`adminPeople.role.${u.role}`)}
                {u.customerNumber && (
                  <Text span size="sm" c="gray.7">
                    {' '}
                    ({u.customerNumber})
                  </Text>
                )}
              </Table.Td>
              <Table.Td>{u.team ?? '—'}</Table.Td>
              <Table.Td>{u.department ?? '—'}</Table.Td>
              <Table.Td>{t(`adminPeople.language.${u.locale}`)}</Table.Td>
              <Table.Td>
                <Badge
                  variant="filled"
                  color={u.active ? 'indigo' : 'gray.7'}
                  autoContrast
                  style={{ minWidth: 'max-content' }}
                >
                  {u.active ? t('adminPeople.users.active') : t('adminPeople.users.inactive')}
                </Badge>
              </Table.Td>
              <Table.Td>{u.lastSignInAt ? formatDateTime(u.lastSignInAt, i18n.language) : '—'}</Table.Td>
              {canManage && (
                <Table.Td>
                  <Group gap="xs" wrap="nowrap">
                    <Button
                      size="xs"
                      variant="default"
                      onClick={() => onEdit(u)}
                      aria-label={t('adminPeople.users.editUser', { name: u.displayName })}
                    >
                      {t('adminPeople.users.edit')}
                    </Button>
                    <Button
                      size="xs"
                      variant={u.active ? 'outline' : 'default'}
                      color={u.active ? 'red.9' : undefined}
                      onClick={() => onToggleActive(u)}
                      aria-label={t(
                        u.active ? 'adminPeople.users.deactivateUser' : 'adminPeople.users.reactivateUser',
                        { name: u.displayName },
                      )}
                    >
                      {u.active ? t('adminPeople.users.deactivate') : t('adminPeople.users.reactivate')}
                    </Button>
                  </Group>
                </Table.Td>
              )}
            </Table.Tr>
          ))}
        </Table.Tbody>
      </Table>
    </ScrollTable>
  );
}
