import type { NavEntry } from '../../app/nav.ts';

export const supervisorNav: NavEntry[] = [
  {
    to: '/desk',
    labelKey: 'nav.desk',
    roles: ['representative', 'supervisor', 'department_agent', 'administrator', 'auditor'],
  },
  { to: '/desk/supervisor', labelKey: 'supervisor.nav.supervisor', roles: ['supervisor'] },
  {
    to: '/desk/reports',
    labelKey: 'supervisor.nav.reports',
    roles: ['supervisor', 'administrator', 'auditor'],
  },
];
