import { createRoute } from '@tanstack/react-router';
import { deskRoute, requireRoles } from '../../app/routes-base.tsx';
import { CallPage } from './call-page.tsx';
import { CasePage } from './case-page.tsx';
import { CasesPage } from './cases-page.tsx';
import { CustomerPage } from './customer-page.tsx';
import { NewClaimPage } from './new-claim-page.tsx';
import { ReferralPage } from './referral-page.tsx';
import { SearchPage } from './search-page.tsx';

// Search, the incoming call, the guided new claim, service cases and referrals.

/**
 * A search parameter as text. The router reads values as JSON, so a number typed without its
 * leading + or 0 (46701234567) arrives as a number: it is turned back into the text it was.
 */
function text(value: unknown): string | undefined {
  if (typeof value === 'string') return value;
  if (typeof value === 'number') return String(value);
  return undefined;
}

const searchRoute = createRoute({
  getParentRoute: () => deskRoute,
  path: '/search',
  validateSearch: (s: Record<string, unknown>): { q?: string } => ({ q: text(s.q) }),
  component: function Search() {
    const { q } = searchRoute.useSearch();
    return <SearchPage initial={q ?? ''} />;
  },
});

const customerRoute = createRoute({
  getParentRoute: () => deskRoute,
  path: '/customers/$id',
  component: function Customer() {
    const { id } = customerRoute.useParams();
    return <CustomerPage key={id} id={id} />;
  },
});

const callRoute = createRoute({
  getParentRoute: () => deskRoute,
  path: '/call',
  validateSearch: (s: Record<string, unknown>): { number?: string } => ({ number: text(s.number) }),
  component: function Call() {
    const { number } = callRoute.useSearch();
    return <CallPage key={number ?? ''} number={number ?? ''} />;
  },
});

const newClaimRoute = createRoute({
  getParentRoute: () => deskRoute,
  path: '/new-claim',
  beforeLoad: requireRoles(['representative', 'supervisor']),
  validateSearch: (s: Record<string, unknown>): { customerId?: string; callId?: string; phone?: string } => ({
    customerId: text(s.customerId),
    callId: text(s.callId),
    phone: text(s.phone),
  }),
  component: function NewClaim() {
    const search = newClaimRoute.useSearch();
    return <NewClaimPage key={`${search.customerId}-${search.callId}`} {...search} />;
  },
});

const casesRoute = createRoute({ getParentRoute: () => deskRoute, path: '/cases', component: CasesPage });

const caseRoute = createRoute({
  getParentRoute: () => deskRoute,
  path: '/cases/$ref',
  component: function Case() {
    const { ref } = caseRoute.useParams();
    return <CasePage key={ref} caseRef={ref} />;
  },
});

const referralRoute = createRoute({
  getParentRoute: () => deskRoute,
  path: '/referrals/$ref',
  component: function ReferralView() {
    const { ref } = referralRoute.useParams();
    return <ReferralPage key={ref} referralRef={ref} />;
  },
});

export const intakeRoutes = [
  searchRoute,
  customerRoute,
  callRoute,
  newClaimRoute,
  casesRoute,
  caseRoute,
  referralRoute,
];
