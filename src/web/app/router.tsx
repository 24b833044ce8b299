import { Text } from '@mantine/core';
import type { QueryClient } from '@tanstack/react-query';
import { createRootRouteWithContext, createRoute, createRouter, redirect } from '@tanstack/react-router';
import { api } from '../api/client.ts';
import type { Me } from '../api/types.ts';
import { AppLayout } from '../components/app-layout.tsx';
import { SignInPage } from '../features/auth/sign-in-page.tsx';
import { ClaimPage } from '../features/claims/claim-page.tsx';
import { QueuePage } from '../features/desk/queue-page.tsx';
import { PortalHome } from '../features/portal/portal-home.tsx';
import { i18nText } from './i18n-text.ts';
import { homeOf } from './session.ts';

// Routes under /app/: the desk for staff, the portal for customers. A page that needs a session
// sends an anonymous visitor to sign-in; a customer is kept out of the desk (and the server
// refuses them anyway: the UI only saves a round trip).

type Context = { queryClient: QueryClient };

async function currentUser(context: Context): Promise<Me | null> {
  return context.queryClient.fetchQuery({
    queryKey: ['me'],
    queryFn: async () => {
      try {
        return await api<Me>('GET', '/auth/me');
      } catch {
        return null;
      }
    },
    staleTime: 60_000,
  });
}

const rootRoute = createRootRouteWithContext<Context>()({
  component: AppLayout,
  notFoundComponent: () => <Text>{i18nText('app.notFound')}</Text>,
});

const indexRoute = createRoute({
  getParentRoute: () => rootRoute,
  path: '/',
  beforeLoad: async ({ context }) => {
    const me = await currentUser(context);
    throw redirect({ to: me ? homeOf(me) : '/sign-in' });
  },
});

const signInRoute = createRoute({ getParentRoute: () => rootRoute, path: '/sign-in', component: SignInPage });

function requireRole(customer: boolean) {
  return async ({ context }: { context: Context }) => {
    const me = await currentUser(context);
    if (!me) throw redirect({ to: '/sign-in' });
    if ((me.role === 'customer') !== customer) throw redirect({ to: homeOf(me) });
  };
}

const deskRoute = createRoute({
  getParentRoute: () => rootRoute,
  path: '/desk',
  beforeLoad: requireRole(false),
});
const deskIndexRoute = createRoute({ getParentRoute: () => deskRoute, path: '/', component: QueuePage });
const deskClaimRoute = createRoute({
  getParentRoute: () => deskRoute,
  path: '/claims/$ref',
  component: function DeskClaim() {
    const { ref } = deskClaimRoute.useParams();
    return <ClaimPage claimRef={ref} back="/desk" />;
  },
});

const portalRoute = createRoute({
  getParentRoute: () => rootRoute,
  path: '/portal',
  beforeLoad: requireRole(true),
});
const portalIndexRoute = createRoute({ getParentRoute: () => portalRoute, path: '/', component: PortalHome });
const portalClaimRoute = createRoute({
  getParentRoute: () => portalRoute,
  path: '/claims/$ref',
  component: function PortalClaim() {
    const { ref } = portalClaimRoute.useParams();
    return <ClaimPage claimRef={ref} back="/portal" />;
  },
});

const routeTree = rootRoute.addChildren([
  indexRoute,
  signInRoute,
  deskRoute.addChildren([deskIndexRoute, deskClaimRoute]),
  portalRoute.addChildren([portalIndexRoute, portalClaimRoute]),
]);

export function makeRouter(queryClient: QueryClient) {
  return createRouter({ routeTree, basepath: '/app', context: { queryClient }, defaultPreload: 'intent' });
}

declare module '@tanstack/react-router' {
  interface Register {
    router: ReturnType<typeof makeRouter>;
  }
}
