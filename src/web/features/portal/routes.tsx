import { createRoute } from '@tanstack/react-router';
import { portalRoute } from '../../app/routes-base.tsx';
import { ClaimPage } from '../claims/claim-page.tsx';
import { PortalHome } from './portal-home.tsx';

// The customer portal.
const homeRoute = createRoute({ getParentRoute: () => portalRoute, path: '/', component: PortalHome });
const claimRoute = createRoute({
  getParentRoute: () => portalRoute,
  path: '/claims/$ref',
  component: function PortalClaim() {
    const { ref } = claimRoute.useParams();
    return <ClaimPage claimRef={ref} back="/portal" />;
  },
});

export const portalRoutes = [homeRoute, claimRoute];
