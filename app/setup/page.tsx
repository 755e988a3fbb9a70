import type { Metadata } from 'next';
import { redirect } from 'next/navigation';
import { AuthFrame } from '@/components/shell/auth-frame';
import { hasAnyAdmin } from '@/lib/services/admins';
import { SetupForm } from './setup-form';

export const metadata: Metadata = { title: 'Set up' };
export const dynamic = 'force-dynamic';

export default async function SetupPage() {
  // Set-up exists only until the first admin does.
  if (await hasAnyAdmin()) redirect('/sign-in');
  return (
    <AuthFrame title="Set up Roster" subtitle="Create the first admin account. Set-up closes once it exists.">
      <SetupForm />
    </AuthFrame>
  );
}
