import { createRoute } from '@tanstack/react-router';
import { deskRoute } from '../../app/routes-base.tsx';
import { WorkspacePage } from './workspace-page.tsx';

// The claim workspace: /app/desk/claims/CLM-2026-000123 (by number or id).
const claimRoute = createRoute({
  getParentRoute: () => deskRoute,
  path: '/claims/$ref',
  component: function DeskClaim() {
    const { ref } = claimRoute.useParams();
    return <WorkspacePage claimRef={ref} />;
  },
});

export const workspaceRoutes = [claimRoute];
