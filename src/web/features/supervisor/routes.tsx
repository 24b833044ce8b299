import { createRoute } from '@tanstack/react-router';
import { deskRoute, requireRoles } from '../../app/routes-base.tsx';
import { QueuePage } from '../desk/queue-page.tsx';
import { ReportsPage } from './reports-page.tsx';
import { SupervisorPage } from './supervisor-page.tsx';

// The desk's home (the work queues), the supervisor's screen and the reports.
const queueRoute = createRoute({ getParentRoute: () => deskRoute, path: '/', component: QueuePage });
const supervisorRoute = createRoute({
  getParentRoute: () => deskRoute,
  path: '/supervisor',
  beforeLoad: requireRoles(['supervisor']),
  component: SupervisorPage,
});
const reportsRoute = createRoute({
  getParentRoute: () => deskRoute,
  path: '/reports',
  beforeLoad: requireRoles(['supervisor', 'administrator', 'auditor']),
  component: ReportsPage,
});

export const supervisorRoutes = [queueRoute, supervisorRoute, reportsRoute];
