import type { NavEntry } from '../../app/nav.ts';

// The customer's header links (the same four are shown in the page on a phone: portal-shell.tsx).
export const portalNav: NavEntry[] = [
  { to: '/portal', labelKey: 'portal.nav.claims', roles: ['customer'] },
  { to: '/portal/new-claim', labelKey: 'portal.nav.newClaim', roles: ['customer'] },
  { to: '/portal/cases', labelKey: 'portal.nav.cases', roles: ['customer'] },
  { to: '/portal/profile', labelKey: 'portal.nav.profile', roles: ['customer'] },
];
