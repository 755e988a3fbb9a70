import type { Metadata } from 'next';
import { redirect } from 'next/navigation';
import { Suspense } from 'react';
import { AuthFrame } from '@/components/shell/auth-frame';
import { SsoButton } from '@/components/shell/sso-button';
import { Alert } from '@/components/ui/alert';
import { currentSession } from '@/lib/auth/session';
import { hasAnyAdmin } from '@/lib/services/admins';
import { getSsoConfig } from '@/lib/services/sso-config';
import { SignInForm } from './sign-in-form';

export const metadata: Metadata = { title: 'Sign in' };
export const dynamic = 'force-dynamic';

/** next-auth error codes → words for a person. */
const ERRORS: Record<string, string> = {
  OAuthSignin: 'Could not start single sign-on. Check the identity provider settings.',
  OAuthCallback: 'Single sign-on did not complete. Try again.',
  Callback: 'Single sign-on did not complete. Try again.',
  AccessDenied: 'Access was denied.',
  SessionRequired: 'Sign in to continue.',
};

function safePath(url: string | undefined, fallback: string) {
  return url && url.startsWith('/') && !url.startsWith('//') ? url : fallback;
}

export default async function SignInPage({ searchParams }: { searchParams: Promise<Record<string, string | undefined>> }) {
  if (!(await hasAnyAdmin())) redirect('/setup');
  const params = await searchParams;
  const session = await currentSession();
  if (session.kind === 'active') redirect(safePath(params.callbackUrl, session.user.role === 'ADMIN' ? '/dashboard' : '/home'));
  const sso = await getSsoConfig();
  const error = params.error ? (ERRORS[params.error] ?? 'Sign-in failed. Try again.') : null;
  return (
    <AuthFrame title="Sign in" subtitle={sso ? `Use your ${sso.displayName} account, or an admin password.` : 'Admins of this Roster instance.'}>
      {error ? <Alert tone="error" className="mb-4">{error}</Alert> : null}
      {sso ? (
        <div className="mb-5 space-y-3">
          <SsoButton label={sso.displayName} callbackUrl={safePath(params.callbackUrl, '/home')} />
          <p className="text-center text-xs text-zinc-500 dark:text-zinc-400">or, for local admins</p>
        </div>
      ) : null}
      <Suspense>
        <SignInForm />
      </Suspense>
    </AuthFrame>
  );
}
