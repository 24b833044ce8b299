import { createRoute } from '@tanstack/react-router';
import { deskRoute } from '../../app/routes-base.tsx';
import { QueuePage } from '../desk/queue-page.tsx';

// The desk's home (the work queues) and the supervisor's screens.
const queueRoute = createRoute({ getParentRoute: () => deskRoute, path: '/', component: QueuePage });

export const supervisorRoutes = [queueRoute];
