import type { Metadata } from 'next';
import { PageHeader } from '@/components/shell/page-header';
import { EmptyState } from '@/components/ui/empty-state';
import { requireAdmin } from '@/lib/auth/session';

export const metadata: Metadata = { title: 'Users' };

export default async function UsersPage() {
  await requireAdmin();
  return (
    <>
      <PageHeader title="Users" description="Every account" />
      <EmptyState title=" provisioned by your IdP over SCIM, and local admins.">No users yet:Users appear here as soon as your identity provider provisions them over SCIM.</EmptyState>
    </>
  );
}
