import { Text } from '@mantine/core';
import type { QueryClient } from '@tanstack/react-query';
import { createRootRouteWithContext, createRoute, redirect } from '@tanstack/react-router';
import { api } from '../api/client.ts';
import type { Me, Role } from '../api/types.ts';
import { AppLayout } from '../components/app-layout.tsx';
import { SignInPage } from '../features/auth/sign-in-page.tsx';
import { i18nText } from './i18n-text.ts';
import { homeOf } from './session.ts';

// The frame every screen hangs from: the root (layout), sign-in, and the two areas — the desk for
// staff under /desk, the portal for customers under /portal. Each feature adds its own child routes
// in features/<area>/routes.tsx; app/router.tsx assembles them. A page that needs a session sends
// an anonymous visitor to sign-in; a customer is kept out of the desk and staff out of the portal
// (the server refuses them anyway: the UI only saves a round trip).

export type RouterContext = { queryClient: QueryClient };

export async function currentUser(context: RouterContext): Promise<Me | null> {
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

export const rootRoute = createRootRouteWithContext<RouterContext>()({
  component: AppLayout,
  notFoundComponent: () => <Text>{i18nText('app.notFound')}</Text>,
});

export const indexRoute = createRoute({
  getParentRoute: () => rootRoute,
  path: '/',
  beforeLoad: async ({ context }) => {
    const me = await currentUser(context);
    throw redirect({ to: me ? homeOf(me) : '/sign-in' });
  },
});

export const signInRoute = createRoute({
  getParentRoute: () => rootRoute,
  path: '/sign-in',
  component: SignInPage,
});

function requireArea(customer: boolean) {
  return async ({ context }: { context: RouterContext }) => {
    const me = await currentUser(context);
    if (!me) throw redirect({ to: '/sign-in' });
    if ((me.role === 'customer') !== customer) throw redirect({ to: homeOf(me) });
  };
}

/** For a page only some staff roles may open (e.g. supervisors): others go back to the desk. */
export function requireRoles(roles: readonly Role[]) {
  return async ({ context }: { context: RouterContext }) => {
    const me = await currentUser(context);
    if (!me) throw redirect({ to: '/sign-in' });
    if (!roles.includes(me.role)) throw redirect({ to: homeOf(me) });
  };
}

export const deskRoute = createRoute({
  getParentRoute: () => rootRoute,
  path: '/desk',
  beforeLoad: requireArea(false),
});
export const portalRoute = createRoute({
  getParentRoute: () => rootRoute,
  path: '/portal',
  beforeLoad: requireArea(true),
});
