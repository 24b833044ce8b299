import { createRoute } from '@tanstack/react-router';
import { deskRoute, requireRoles } from '../../app/routes-base.tsx';
import { TemplatesPage } from './templates-page.tsx';
import { UsersPage } from './users-page.tsx';

// The administrator's users and roles, and the templates preview. Auditors read both (the
// server lets them read, never change); everyone else goes back to the desk.
const ADMIN_READERS = ['administrator', 'auditor'] as const;

const usersRoute = createRoute({
  getParentRoute: () => deskRoute,
  path: '/admin/users',
  beforeLoad: requireRoles(ADMIN_READERS),
  component: UsersPage,
});
const templatesRoute = createRoute({
  getParentRoute: () => deskRoute,
  path: '/admin/templates',
  beforeLoad: requireRoles(ADMIN_READERS),
  component: TemplatesPage,
});

export const adminPeopleRoutes = [usersRoute, templatesRoute];
