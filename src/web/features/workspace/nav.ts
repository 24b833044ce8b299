import type { NavEntry } from '../../app/nav.ts';

export const workspaceNav: NavEntry[] = [];
