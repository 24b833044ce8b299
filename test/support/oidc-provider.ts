import { randomBytes } from 'node:crypto';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import Provider from 'oidc-provider';

// A real OpenID Provider (oidc-provider, certified) for the single sign-on tests, on 127.0.0.1 and
// a free port, with its development login form (any login name is a subject; any password). The
// server listens first, so the issuer is known before Claimdesk is configured; the client (with
// Claimdesk's redirect URI, known once Claimdesk listens) is registered after.

export type TestIdentity = { email?: string; email_verified?: boolean; name?: string };

export type TestProvider = {
  issuer: string;
  clientId: string;
  clientSecret: string;
  /** subject → claims; tests add their people. */
  directory: Map<string, TestIdentity>;
  /** Starts answering, with one confidential client allowed to redirect to `redirectUri`. */
  register(redirectUri: string): void;
  close(): Promise<void>;
};

export async function startTestProvider(): Promise<TestProvider> {
  const server = http.createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const issuer = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  const clientId = 'claimdesk';
  const clientSecret = randomBytes(24).toString('base64url');
  const directory = new Map<string, TestIdentity>();
  return {
    issuer,
    clientId,
    clientSecret,
    directory,
    register(redirectUri) {
      const provider = new Provider(issuer, {
        clients: [
          {
            client_id: clientId,
            client_secret: clientSecret,
            redirect_uris: [redirectUri],
            grant_types: ['authorization_code'],
            response_types: ['code'],
            token_endpoint_auth_method: 'client_secret_basic',
          },
        ],
        claims: { openid: ['sub'], email: ['email', 'email_verified'], profile: ['name'] },
        features: { devInteractions: { enabled: true } },
        cookies: { keys: [randomBytes(16).toString('hex')] },
        ttl: {
          Interaction: 600,
          Session: 600,
          Grant: 600,
          AccessToken: 600,
          IdToken: 600,
          AuthorizationCode: 60,
        },
        async findAccount(_ctx, sub) {
          return { accountId: sub, claims: async () => ({ sub, ...directory.get(sub) }) };
        },
      });
      server.on('request', provider.callback());
    },
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

/** The Claimdesk configuration variables for this provider. */
export function oidcEnv(p: TestProvider): Record<string, string> {
  return {
    OIDC_ISSUER: p.issuer,
    OIDC_CLIENT_ID: p.clientId,
    OIDC_CLIENT_SECRET: p.clientSecret,
    OIDC_ALLOW_HTTP: 'true',
  };
}
