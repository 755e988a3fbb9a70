import type { Metadata } from 'next';
import { PageHeader } from '@/components/shell/page-header';
import { EmptyState } from '@/components/ui/empty-state';
import { requireAdmin } from '@/lib/auth/session';

export const metadata: Metadata = { title: 'InfraTokens' };

export default async function InfraTokensPage() {
  await requireAdmin();
  return (
    <>
      <PageHeader title="InfraTokens" description="Tokens your IdP uses to authenticate SCIM requests." />
      <EmptyState title="No tokens yet">Generate a token for your identity provider&apos;s SCIM connection.</EmptyState>
    </>
  );
}
