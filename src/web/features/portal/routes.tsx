import { createRoute } from '@tanstack/react-router';
import { portalRoute } from '../../app/routes-base.tsx';
import { CasePage } from './case-page.tsx';
import { CasesPage } from './cases-page.tsx';
import { NewCasePage } from './new-case-page.tsx';
import { NewClaimPage } from './new-claim-page.tsx';
import { PortalClaimPage } from './portal-claim-page.tsx';
import { PortalHome } from './portal-home.tsx';
import { PortalShell } from './portal-shell.tsx';
import { ProfilePage } from './profile-page.tsx';

// The customer portal: a layout (the phone navigation) around its pages.
const shell = createRoute({ getParentRoute: () => portalRoute, id: 'portal-shell', component: PortalShell });
const home = createRoute({ getParentRoute: () => shell, path: '/', component: PortalHome });
const claim = createRoute({
  getParentRoute: () => shell,
  path: '/claims/$ref',
  component: function PortalClaim() {
    const { ref } = claim.useParams();
    return <PortalClaimPage claimRef={ref} />;
  },
});
const newClaim = createRoute({ getParentRoute: () => shell, path: '/new-claim', component: NewClaimPage });
const cases = createRoute({ getParentRoute: () => shell, path: '/cases', component: CasesPage });
const newCase = createRoute({
  getParentRoute: () => shell,
  path: '/cases/new',
  component: () => <NewCasePage complaint={false} />,
});
const newComplaint = createRoute({
  getParentRoute: () => shell,
  path: '/complaints/new',
  component: () => <NewCasePage complaint />,
});
const oneCase = createRoute({
  getParentRoute: () => shell,
  path: '/cases/$ref',
  component: function PortalCase() {
    const { ref } = oneCase.useParams();
    return <CasePage caseRef={ref} />;
  },
});
const profile = createRoute({ getParentRoute: () => shell, path: '/profile', component: ProfilePage });

export const portalRoutes = [
  shell.addChildren([home, claim, newClaim, cases, newCase, newComplaint, oneCase, profile]),
];
