import { redirect } from 'next/navigation';
import { currentSession } from '@/lib/auth/session';
import { hasAnyAdmin } from '@/lib/services/admins';

export const dynamic = 'force-dynamic';

/** The front door: set-up on a fresh instance, then the dashboard, the member home or sign-in. */
export default async function Home() {
  if (!(await hasAnyAdmin())) redirect('/setup');
  const session = await currentSession();
  if (session.kind === 'revoked') redirect('/access-revoked');
  if (session.kind === 'active') redirect(session.user.role === 'ADMIN' ? '/dashboard' : '/home');
  redirect('/sign-in');
}
