import type { NavEntry } from '../../app/nav.ts';

export const portalNav: NavEntry[] = [{ to: '/portal', labelKey: 'nav.portal', roles: ['customer'] }];
