import type { QueryClient } from '@tanstack/react-query';
import { createRouter } from '@tanstack/react-router';
import { adminRoutes } from '../features/admin/routes.tsx';
import { adminPeopleRoutes } from '../features/admin-people/routes.tsx';
import { intakeRoutes } from '../features/intake/routes.tsx';
import { portalRoutes } from '../features/portal/routes.tsx';
import { supervisorRoutes } from '../features/supervisor/routes.tsx';
import { workspaceRoutes } from '../features/workspace/routes.tsx';
import { deskRoute, indexRoute, portalRoute, rootRoute, signInRoute } from './routes-base.tsx';

// Routes under /app/ (the server's base path), assembled from each area's routes.tsx.
const routeTree = rootRoute.addChildren([
  indexRoute,
  signInRoute,
  deskRoute.addChildren([
    ...supervisorRoutes,
    ...workspaceRoutes,
    ...intakeRoutes,
    ...adminRoutes,
    ...adminPeopleRoutes,
  ]),
  portalRoute.addChildren([...portalRoutes]),
]);

export function makeRouter(queryClient: QueryClient) {
  return createRouter({ routeTree, basepath: '/app', context: { queryClient }, defaultPreload: 'intent' });
}
