import type { Metadata } from 'next';
import { PageHeader } from '@/components/shell/page-header';
import { EmptyState } from '@/components/ui/empty-state';
import { requireAdmin } from '@/lib/auth/session';

export const metadata: Metadata = { title: 'Groups' };

export default async function GroupsPage() {
  await requireAdmin();
  return (
    <>
      <PageHeader title="Groups" description="Groups pushed by your IdP, with their members." />
      <EmptyState title="No groups yet">Groups appear here when your IdP pushes them (Okta: Push Groups).</EmptyState>
    </>
  );
}
