import type { Metadata } from 'next';
import Link from 'next/link';
import { AuthFrame } from '@/components/shell/auth-frame';

export const metadata: Metadata = { title: 'Not provisioned' };

const DETAIL: Record<string, string> = {
  unverified: 'Your identity provider did not confirm your email address, so it cannot be matched to an existing account here.',
  linked: 'The matching account here is already linked to a different identity.',
};

export default async function NotProvisionedPage({ searchParams }: { searchParams: Promise<{ reason?: string }> }) {
  const { reason } = await searchParams;
  return (
    <AuthFrame title="Not provisioned">
      <p className="text-sm" data-testid="not-provisioned">
        Your account has not been provisioned to this instance; ask your administrator.
      </p>
      {reason && DETAIL[reason] ? <p className="mt-2 text-sm text-zinc-600 dark:text-zinc-400">{DETAIL[reason]}</p> : null}
      <p className="mt-4 text-sm">
        <Link href="/sign-in" className="font-medium text-brand-600 hover:underline dark:text-brand-100">
          Back to sign-in
        </Link>
      </p>
    </AuthFrame>
  );
}
