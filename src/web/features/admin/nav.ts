import type { NavEntry } from '../../app/nav.ts';

// One header link for the configuration screens; the pages link to each other (admin-tabs.tsx).
export const adminNav: NavEntry[] = [
  { to: '/desk/admin/products', labelKey: 'admin.nav.configuration', roles: ['administrator', 'auditor'] },
];
