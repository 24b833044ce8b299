import { Button, Group, NativeSelect, TextInput } from '@mantine/core';
import { type FormEvent, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useDepartments, useTeams } from './admin-people-queries.ts';
import { ROLES, type UserFilters } from './admin-people-types.ts';
import { departmentOptions, roleOptions, teamOptions } from './user-options.ts';

export const NO_FILTERS: UserFilters = { role: '', team: '', department: '', active: '', q: '' };

/** Role, team, department and status apply at once; the name search on "Search" (or Enter). */
export function UserFiltersBar({
  filters,
  onChange,
}: {
  filters: UserFilters;
  onChange: (filters: UserFilters) => void;
}) {
  const { t, i18n } = useTranslation();
  const teams = useTeams();
  const departments = useDepartments();
  const [q, setQ] = useState(filters.q);
  const set = (patch: Partial<UserFilters>) => onChange({ ...filters, ...patch });
  const search = (event: FormEvent) => {
    event.preventDefault();
    set({ q });
  };
  return (
    <form onSubmit={search} aria-label={t('adminPeople.users.filters')}>
      <Group align="flex-end" gap="sm" wrap="wrap">
        <NativeSelect
          label={t('adminPeople.users.role')}
          value={filters.role}
          onChange={(e) => set({ role: e.currentTarget.value })}
          data={[{ value: '', label: t('adminPeople.users.any') }, ...roleOptions(t, ROLES)]}
        />
        <NativeSelect
          label={t('adminPeople.users.team')}
          value={filters.team}
          onChange={(e) => set({ team: e.currentTarget.value })}
          data={teamOptions(teams.data, t('adminPeople.users.any'))}
        />
        <NativeSelect
          label={t('adminPeople.users.department')}
          value={filters.department}
          onChange={(e) => set({ department: e.currentTarget.value })}
          data={departmentOptions(departments.data, i18n.language, t('adminPeople.users.any'))}
        />
        <NativeSelect
          label={t('adminPeople.users.status')}
          value={filters.active}
          onChange={(e) => set({ active: e.currentTarget.value as UserFilters['active'] })}
          data={[
            { value: '', label: t('adminPeople.users.any') },
            { value: 'true', label: t('adminPeople.users.active') },
            { value: 'false', label: t('adminPeople.users.inactive') },
          ]}
        />
        <TextInput
          label={t('adminPeople.users.search')}
          value={q}
          onChange={(e) => setQ(e.currentTarget.value)}
        />
        <Button type="submit" variant="default">
          {t('adminPeople.users.searchButton')}
        </Button>
      </Group>
    </form>
  );
}
