import type { NavEntry } from '../../app/nav.ts';

export const intakeNav: NavEntry[] = [
  {
    to: '/desk/search',
    labelKey: 'intake.nav.search',
    roles: ['representative', 'supervisor', 'department_agent', 'administrator', 'auditor'],
  },
  { to: '/desk/new-claim', labelKey: 'intake.nav.newClaim', roles: ['representative', 'supervisor'] },
  {
    to: '/desk/cases',
    labelKey: 'intake.nav.cases',
    roles: ['representative', 'supervisor', 'department_agent', 'administrator', 'auditor'],
  },
];
