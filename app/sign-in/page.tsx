import type { Metadata } from 'next';
import { redirect } from 'next/navigation';
import { Suspense } from 'react';
import { AuthFrame } from '@/components/shell/auth-frame';
import { currentAdmin } from '@/lib/auth/session';
import { hasAnyAdmin } from '@/lib/services/admins';
import { SignInForm } from './sign-in-form';

export const metadata: Metadata = { title: 'Sign in' };
export const dynamic = 'force-dynamic';

export default async function SignInPage() {
  if (!(await hasAnyAdmin())) redirect('/setup');
  if (await currentAdmin()) redirect('/dashboard');
  return (
    <AuthFrame title="Sign in" subtitle="Admins of this Roster instance.">
      <Suspense>
        <SignInForm />
      </Suspense>
    </AuthFrame>
  );
}
