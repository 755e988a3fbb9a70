import { redirect } from 'next/navigation';
import { currentAdmin } from '@/lib/auth/session';
import { hasAnyAdmin } from '@/lib/services/admins';

export const dynamic = 'force-dynamic';

/** The front door: set-up on a fresh instance, then the dashboard or sign-in. */
export default async function Home() {
  if (!(await hasAnyAdmin())) redirect('/setup');
  redirect((await currentAdmin()) ? '/dashboard' : '/sign-in');
}
