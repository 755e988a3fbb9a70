import type { Metadata } from 'next';
import { AuthFrame } from '@/components/shell/auth-frame';
import { SignInAgain } from './sign-out-again';

export const metadata: Metadata = { title: 'Access revoked' };
export const dynamic = 'force-dynamic';

export default function AccessRevokedPage() {
  return (
    <AuthFrame title="Access revoked">
      <p className="text-sm" data-testid="access-revoked">
        Your access to this instance has been revoked by your organization&apos;s identity provider. Every session you had here has ended.
      </p>
      <p className="mt-2 text-sm text-zinc-600 dark:text-zinc-400">If you think this is a mistake, ask your administrator to assign you to the application again.</p>
      <p className="mt-4 text-sm">
        <SignInAgain />
      </p>
    </AuthFrame>
  );
}
