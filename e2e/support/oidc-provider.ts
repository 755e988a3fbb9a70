/**
 * A real OpenID Connect provider on localhost (the `oidc-provider` package),
 * standing in for Okta in the single sign-on scenarios. Its built-in
 * development login page accepts any login; the login becomes the subject
 * and the (verified) email of the account.
 */
import type { Server } from 'node:http';
import Provider from 'oidc-provider';

export interface TestOidcProvider {
  issuer: string;
  clientId: string;
  clientSecret: string;
  close(): Promise<void>;
}

export async function startOidcProvider(port: number, redirectUris: string[]): Promise<TestOidcProvider> {
  const issuer = `http://127.0.0.1:${port}`;
  const clientId = 'roster-e2e';
  const clientSecret = 'roster-e2e-client-secret-0123456789';
  const provider = new Provider(issuer, {
    clients: [
      {
        client_id: clientId,
        client_secret: clientSecret,
        redirect_uris: redirectUris,
        grant_types: ['authorization_code'],
        response_types: ['code'],
        token_endpoint_auth_method: 'client_secret_basic',
      },
    ],
    claims: { openid: ['sub'], email: ['email', 'email_verified'], profile: ['name', 'preferred_username'] },
    async findAccount(_ctx, id) {
      return {
        accountId: id,
        async claims() {
          const local = id.split('@')[0];
          return { sub: id, email: id, email_verified: true, preferred_username: id, name: `${local[0]?.toUpperCase() ?? ''}${local.slice(1)} Example` };
        },
      };
    },
    // Claims go into the ID token, as Okta's and Entra's do for these scopes.
    conformIdTokenClaims: false,
    features: { devInteractions: { enabled: true } },
    ttl: { Session: 60, Interaction: 600, Grant: 600, IdToken: 600, AccessToken: 600, AuthorizationCode: 60 },
  });
  // A plain-http issuer on loopback is fine for the test; silence the dev-mode warnings' noise.
  provider.proxy = true;
  const server: Server = await new Promise((resolve) => {
    const s = provider.listen(port, '127.0.0.1', () => resolve(s));
  });
  return {
    issuer,
    clientId,
    clientSecret,
    close: () => new Promise((resolve) => server.close(() => resolve())),
  };
}
