export { type DeadlineStates, deadlineStates } from './deadline-states.ts';
export { dashboardRoutes } from './routes.ts';
export { teamWorkload, type Workload } from './team-workload.ts';
