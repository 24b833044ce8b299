import { Button, Group, Stack, Text, Title } from '@mantine/core';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useMe } from '../../app/session.ts';
import { ProblemAlert } from '../../components/problem-alert.tsx';
import { ActiveToggleModal } from './active-toggle-modal.tsx';
import { PAGE_SIZE, useUsers } from './admin-people-queries.ts';
import type { AdminUser, UserFilters } from './admin-people-types.ts';
import { CreateUserModal } from './create-user-modal.tsx';
import { EditUserModal } from './edit-user-modal.tsx';
import { PermissionMatrixSection } from './permission-matrix.tsx';
import { NO_FILTERS, UserFiltersBar } from './user-filters.tsx';
import { UsersTable } from './users-table.tsx';

/** Users and roles: the logins (administrators change them, auditors read) and the permission matrix. */
export function UsersPage() {
  const { t } = useTranslation();
  const me = useMe();
  const canManage = me.data?.role === 'administrator';
  const [filters, setFilters] = useState<UserFilters>(NO_FILTERS);
  const [offset, setOffset] = useState(0);
  const [creating, setCreating] = useState(false);
  const [editing, setEditing] = useState<AdminUser | null>(null);
  const [toggling, setToggling] = useState<AdminUser | null>(null);
  const users = useUsers(filters, offset);
  const page = users.data;
  return (
    <Stack>
      <Group justify="space-between">
        <Title order={2}>{t('adminPeople.users.title')}</Title>
        {canManage && <Button onClick={() => setCreating(true)}>{t('adminPeople.users.new')}</Button>}
      </Group>
      {!canManage && <Text c="gray.7">{t('adminPeople.readOnly')}</Text>}
      <UserFiltersBar
        filters={filters}
        onChange={(next) => {
          setFilters(next);
          setOffset(0);
        }}
      />
      {users.error && <ProblemAlert error={users.error} />}
      {!page && !users.error && <Text>{t('app.loading')}</Text>}
      {page && (
        <>
          <UsersTable
            users={page.items}
            canManage={canManage}
            onEdit={setEditing}
            onToggleActive={setToggling}
          />
          {page.total > 0 && (
            <Group justify="space-between">
              <Text size="sm" aria-live="polite">
                {t('adminPeople.users.showing', {
                  from: page.offset + 1,
                  to: page.offset + page.items.length,
                  total: page.total,
                })}
              </Text>
              <Group gap="xs">
                <Button
                  variant="default"
                  size="xs"
                  disabled={offset === 0}
                  onClick={() => setOffset(Math.max(0, offset - PAGE_SIZE))}
                >
                  {t('adminPeople.users.previous')}
                </Button>
                <Button
                  variant="default"
                  size="xs"
                  disabled={page.offset + page.items.length >= page.total}
                  onClick={() => setOffset(offset + PAGE_SIZE)}
                >
                  {t('adminPeople.users.next')}
                </Button>
              </Group>
            </Group>
          )}
        </>
      )}
      <PermissionMatrixSection />
      {creating && <CreateUserModal opened onClose={() => setCreating(false)} />}
      {editing && <EditUserModal user={editing} onClose={() => setEditing(null)} />}
      {toggling && <ActiveToggleModal user={toggling} onClose={() => setToggling(null)} />}
    </Stack>
  );
}
