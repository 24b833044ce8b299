import type { NavEntry } from '../../app/nav.ts';

export const supervisorNav: NavEntry[] = [
  {
    to: '/desk',
    labelKey: 'nav.desk',
    roles: ['representative', 'supervisor', 'department_agent', 'administrator', 'auditor'],
  },
];
