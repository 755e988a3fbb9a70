/**
 * next-auth configuration for admin sign-in (email + password). Sessions
 * are signed JWTs; every page and server action re-checks the account in the
 * database (lib/auth/session.ts), so a deactivated admin is out at once.
 */
import type { NextAuthOptions } from 'next-auth';
import CredentialsProvider from 'next-auth/providers/credentials';
import { authenticateAdmin } from '../services/admins';
import { signInSchema } from '../validations/admin';
import { authSecret } from './secret';

// The instance's own origin comes from the request unless NEXTAUTH_URL is set.
process.env.AUTH_TRUST_HOST ??= 'true';

export const SESSION_MAX_AGE_SECONDS = 12 * 60 * 60;

export function authOptions(): NextAuthOptions {
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
    ],
    callbacks: {
      jwt({ token, user }) {
        // `sat` (signed-in at) never changes when the JWT is refreshed, unlike `iat`:
        // it is what revocation compares with the account's sessionsValidAfter.
        if (user) {
          token.uid = user.id;
          token.sat = Date.now();
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
