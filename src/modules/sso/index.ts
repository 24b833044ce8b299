export { decideSsoLogin, type SsoCandidate, type SsoClaims } from './map-oidc-identity.ts';
export { FLOW_COOKIE, START_PATH, ssoRoutes } from './routes.ts';
export { SSO_FAILURES, type SsoFailureCode } from './sso-failure.ts';
