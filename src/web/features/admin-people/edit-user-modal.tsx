import { Alert, Button, Group, Modal, NativeSelect, Stack, TextInput } from '@mantine/core';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { type FormEvent, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { ApiProblem, api } from '../../api/client.ts';
import type { Language, Role } from '../../api/types.ts';
import { ProblemAlert } from '../../components/problem-alert.tsx';
import { notifySuccess } from '../intake/notify.ts';
import { useDepartments, useTeams } from './admin-people-queries.ts';
import { type AdminUser, STAFF_ROLES } from './admin-people-types.ts';
import { departmentOptions, languageOptions, roleOptions, teamOptions } from './user-options.ts';

/**
 * Change a login's name, role, team, department or language. Only what changed is sent, with the
 * version the screen showed: someone else's change in between is refused (reload and retry).
 * A customer login keeps its role and has no team or department.
 */
export function EditUserModal({ user, onClose }: { user: AdminUser; onClose: () => void }) {
  const { t, i18n } = useTranslation();
  const queryClient = useQueryClient();
  const teams = useTeams();
  const departments = useDepartments();
  const staff = user.role !== 'customer';
  const [displayName, setDisplayName] = useState(user.displayName);
  const [role, setRole] = useState<Role>(user.role);
  const [team, setTeam] = useState(user.team ?? '');
  const [department, setDepartment] = useState(user.department ?? '');
  const [locale, setLocale] = useState<Language>(user.locale);
  const changes = {
    ...(displayName.trim() !== user.displayName ? { displayName: displayName.trim() } : {}),
    ...(staff && role !== user.role ? { role } : {}),
    ...(staff && team !== (user.team ?? '') ? { team: team || null } : {}),
    ...(staff && department !== (user.department ?? '') ? { department: department || null } : {}),
    ...(locale !== user.locale ? { locale } : {}),
  };
  const save = useMutation({
    mutationFn: () => api<AdminUser>('PATCH', `/users/${user.id}`, { version: user.version, ...changes }),
    onSuccess: async (updated) => {
      notifySuccess(t('adminPeople.edit.done', { name: updated.displayName }));
      await queryClient.invalidateQueries({ queryKey: ['admin-users'] });
      onClose();
    },
  });
  const stale = save.error instanceof ApiProblem && save.error.code === 'version_conflict';
  const submit = (event: FormEvent) => {
    event.preventDefault();
    save.mutate();
  };
  return (
    <Modal
      opened
      onClose={onClose}
      title={t('adminPeople.edit.title', { name: user.displayName })}
      size="lg"
      closeButtonProps={{ 'aria-label': t('adminPeople.close') }}
    >
      <form onSubmit={submit}>
        <Stack>
          <TextInput
            label={t('adminPeople.users.name')}
            required
            value={displayName}
            onChange={(e) => setDisplayName(e.currentTarget.value)}
          />
          {staff && (
            <>
              <NativeSelect
                label={t('adminPeople.users.role')}
                value={role}
                onChange={(e) => setRole(e.currentTarget.value as Role)}
                data={roleOptions(t, STAFF_ROLES)}
              />
              <NativeSelect
                label={t('adminPeople.users.team')}
                value={team}
                onChange={(e) => setTeam(e.currentTarget.value)}
                data={teamOptions(teams.data, t('adminPeople.users.noTeam'), user.team)}
              />
              <NativeSelect
                label={t('adminPeople.users.department')}
                value={department}
                onChange={(e) => setDepartment(e.currentTarget.value)}
                data={departmentOptions(
                  departments.data,
                  i18n.language,
                  t('adminPeople.users.noDepartment'),
                  user.department,
                )}
              />
            </>
          )}
          <NativeSelect
            label={t('adminPeople.users.language')}
            value={locale}
            onChange={(e) => setLocale(e.currentTarget.value as Language)}
            data={languageOptions(t)}
          />
          {stale && (
            <Alert color="red" title={t('adminPeople.stale')} role="alert">
              {t('adminPeople.staleHelp')}
            </Alert>
          )}
          {save.error && !stale && <ProblemAlert error={save.error} />}
          <Group justify="flex-end">
            <Button variant="default" onClick={onClose}>
              {t('adminPeople.cancel')}
            </Button>
            <Button type="submit" loading={save.isPending} disabled={Object.keys(changes).length === 0}>
              {t('adminPeople.edit.save')}
            </Button>
          </Group>
        </Stack>
      </form>
    </Modal>
  );
}
