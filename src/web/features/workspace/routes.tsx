import { createRoute } from '@tanstack/react-router';
import { deskRoute } from '../../app/routes-base.tsx';
import { ClaimPage } from '../claims/claim-page.tsx';

// The claim workspace.
const claimRoute = createRoute({
  getParentRoute: () => deskRoute,
  path: '/claims/$ref',
  component: function DeskClaim() {
    const { ref } = claimRoute.useParams();
    return <ClaimPage claimRef={ref} back="/desk" />;
  },
});

export const workspaceRoutes = [claimRoute];
