import type { Metadata } from 'next';
import { PageHeader } from '@/components/shell/page-header';
import { EmptyState } from '@/components/ui/empty-state';
import { requireAdmin } from '@/lib/auth/session';

export const metadata: Metadata = { title: 'Activity' };

export default async function ActivityPage() {
  await requireAdmin();
  return (
    <>
      <PageHeader title="Activity" description="What your IdP and your admins did, newest first." />
      <EmptyState title="No activity yet">SCIM requests and admin actions will be listed here.</EmptyState>
    </>
  );
}
