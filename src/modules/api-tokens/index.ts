export type { ApiTokenView, NewApiToken } from './api-token-schemas.ts';
export { createApiToken } from './create-api-token.ts';
export { listApiTokens } from './list-api-tokens.ts';
export { resolveApiToken } from './resolve-api-token.ts';
export { revokeApiToken } from './revoke-api-token.ts';
export { apiTokenRoutes } from './routes.ts';
export { API_TOKEN_PREFIX, isApiTokenShaped } from './token-format.ts';
