/**
 * next-auth configuration: admins sign in with email and password; members
 * (and admins who prefer it) through single sign-on with the organization's
 * OpenID Connect provider, when configured. Sessions are signed JWTs; every
 * page and server action re-checks the account in the database
 * (lib/auth/session.ts), so deprovisioning takes effect at once.
 */
import type { NextAuthOptions } from 'next-auth';
import type { OAuthConfig } from 'next-auth/providers/oauth';
import CredentialsProvider from 'next-auth/providers/credentials';
import { authenticateAdmin } from '../services/admins';
import { resolveSsoSignIn, userIdForSubject, type OidcClaims } from '../services/member-access';
import { getSsoConfig, type SsoConfig } from '../services/sso-config';
import { signInSchema } from '../validations/admin';
import { authSecret } from './secret';

// The instance's own origin comes from the request unless NEXTAUTH_URL is set.
process.env.AUTH_TRUST_HOST ??= 'true';

export const SESSION_MAX_AGE_SECONDS = 12 * 60 * 60;
export const SSO_PROVIDER_ID = 'oidc';

const REFUSAL_PAGES = {
  'not-provisioned': '/not-provisioned',
  revoked: '/access-revoked',
  unverified: '/not-provisioned?reason=unverified',
  'linked-elsewhere': '/not-provisioned?reason=linked',
} as const;

function oidcProvider(config: SsoConfig): OAuthConfig<OidcClaims & Record<string, unknown>> {
  return {
    id: SSO_PROVIDER_ID,
    name: config.displayName,
    type: 'oauth',
    wellKnown: `${config.issuer}/.well-known/openid-configuration`,
    clientId: config.clientId,
    clientSecret: config.clientSecret,
    authorization: { params: { scope: 'openid email profile' } },
    idToken: true,
    checks: ['pkce', 'state'],
    profile(profile) {
      return { id: String(profile.sub), name: profile.name ?? profile.preferred_username ?? null, email: profile.email ?? null };
    },
  };
}

export async function authOptions(): Promise<NextAuthOptions> {
  const sso = await getSsoConfig().catch((err) => {
    console.error('[auth] single sign-on settings unavailable:', err instanceof Error ? err.message : err);
    return null;
  });
  return {
    secret: authSecret(),
    session: { strategy: 'jwt', maxAge: SESSION_MAX_AGE_SECONDS },
    pages: { signIn: '/sign-in', error: '/sign-in' },
    providers: [
      CredentialsProvider({
        id: 'password',
        name: 'Email and password',
        credentials: { email: { label: 'Email', type: 'email' }, password: { label: 'Password', type: 'password' } },
        async authorize(credentials) {
          const parsed = signInSchema.safeParse(credentials);
          if (!parsed.success) return null;
          const admin = await authenticateAdmin(parsed.data.email, parsed.data.password);
          return admin ? { id: admin.id, name: admin.name, email: admin.email } : null;
        },
      }),
      ...(sso ? [oidcProvider(sso)] : []),
    ],
    callbacks: {
      async signIn({ account, profile }) {
        if (account?.provider !== SSO_PROVIDER_ID) return true;
        if (!sso) return '/not-provisioned';
        const outcome = await resolveSsoSignIn(sso, (profile ?? {}) as OidcClaims);
        return outcome.ok ? true : REFUSAL_PAGES[outcome.reason];
      },
      async jwt({ token, user, account }) {
        // `sat` (signed-in at) never changes when the JWT is refreshed, unlike `iat`:
        // it is what revocation compares with the account's sessionsValidAfter.
        if (user && account) {
          const uid = account.provider === SSO_PROVIDER_ID && sso ? await userIdForSubject(sso, String(account.providerAccountId)) : user.id;
          token.uid = uid ?? undefined;
          token.sat = Date.now();
          token.via = account.provider;
        }
        return token;
      },
      session({ session, token }) {
        if (session.user && typeof token.uid === 'string') (session.user as { id?: string }).id = token.uid;
        return { ...session, signedInAt: typeof token.sat === 'number' ? token.sat : 0 };
      },
    },
  };
}
