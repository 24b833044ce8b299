import type { NavEntry } from '../../app/nav.ts';

export const adminPeopleNav: NavEntry[] = [
  { to: '/desk/admin/users', labelKey: 'adminPeople.nav.users', roles: ['administrator', 'auditor'] },
  { to: '/desk/admin/templates', labelKey: 'adminPeople.nav.templates', roles: ['administrator', 'auditor'] },
];
