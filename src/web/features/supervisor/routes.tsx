import { createRoute, lazyRouteComponent } from '@tanstack/react-router';
import { deskRoute, requireRoles } from '../../app/routes-base.tsx';
import { QueuePage } from '../desk/queue-page.tsx';

// The desk's home (the work queues), the supervisor's screen and the reports. The two with charts
// (recharts, about a quarter of the app's script) load their code when first opened, so the
// sign-in page and the queue do not wait for it (docs/performance.md, "Web app").
const queueRoute = createRoute({ getParentRoute: () => deskRoute, path: '/', component: QueuePage });
const supervisorRoute = createRoute({
  getParentRoute: () => deskRoute,
  path: '/supervisor',
  beforeLoad: requireRoles(['supervisor']),
  component: lazyRouteComponent(() => import('./supervisor-page.tsx'), 'SupervisorPage'),
});
const reportsRoute = createRoute({
  getParentRoute: () => deskRoute,
  path: '/reports',
  beforeLoad: requireRoles(['supervisor', 'administrator', 'auditor']),
  component: lazyRouteComponent(() => import('./reports-page.tsx'), 'ReportsPage'),
});

export const supervisorRoutes = [queueRoute, supervisorRoute, reportsRoute];
