import * as client from 'openid-client';
import type { OidcConfig } from '../../server/config.ts';
import { classifyOidcError } from './sso-failure.ts';

// The provider's metadata (endpoints, signing keys' location) is discovered once and kept for an
// hour, so a sign-in costs no extra round trip; a failed discovery is not kept, so the next
// sign-in tries again as soon as the provider is back.

const METADATA_TTL_MS = 60 * 60 * 1000;
/** Seconds for every request to the provider (discovery, token, keys): a hung provider must not hang sign-in. */
const PROVIDER_TIMEOUT_SECONDS = 10;

export type OidcClient = {
  readonly settings: OidcConfig;
  /** The discovered configuration; throws an SsoFailure ('sso_unavailable', …) when it cannot. */
  configuration(): Promise<client.Configuration>;
};

export function createOidcClient(settings: OidcConfig): OidcClient {
  let cached: { at: number; configuration: Promise<client.Configuration> } | undefined;
  return {
    settings,
    configuration() {
      if (!cached || Date.now() - cached.at > METADATA_TTL_MS) {
        const configuration = client
          .discovery(
            new URL(settings.issuer),
            settings.clientId,
            undefined,
            // client_secret_basic: the default token endpoint authentication of OpenID Connect.
            client.ClientSecretBasic(settings.clientSecret),
            {
              timeout: PROVIDER_TIMEOUT_SECONDS,
              execute: settings.allowHttp ? [client.allowInsecureRequests] : [],
            },
          )
          .catch((error: unknown) => {
            cached = undefined;
            throw classifyOidcError(error);
          });
        cached = { at: Date.now(), configuration };
      }
      return cached.configuration;
    },
  };
}
