import type { Metadata } from 'next';
import { PageHeader } from '@/components/shell/page-header';
import { EmptyState } from '@/components/ui/empty-state';
import { requireAdmin } from '@/lib/auth/session';

export const metadata: Metadata = { title: 'Configurations' };

export default async function ConfigurationsPage() {
  await requireAdmin();
  return (
    <>
      <PageHeader title="Configurations" description="Settings of this instance." />
      <EmptyState title="Configurations">User Provisioning settings arrive with the SCIM service.</EmptyState>
    </>
  );
}
