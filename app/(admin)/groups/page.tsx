import type { Metadata } from 'next';
import { GroupsSearch } from '@/components/groups/groups-search';
import { GroupsTable } from '@/components/groups/groups-table';
import { PageHeader } from '@/components/shell/page-header';
import { EmptyState } from '@/components/ui/empty-state';
import { requireAdmin } from '@/lib/auth/session';
import { listGroups } from '@/lib/services/directory-groups';
import { parseGroupListQuery } from '@/lib/validations/group-list';
import type { SearchParams } from '@/lib/validations/search-params';

export const metadata: Metadata = { title: 'Groups' };

export default async function GroupsPage({ searchParams }: { searchParams: Promise<SearchParams> }) {
  await requireAdmin();
  const query = parseGroupListQuery(await searchParams);
  const result = await listGroups(query);
  return (
    <>
      <PageHeader title="Groups" description="Groups pushed by your IdP, with their members." />
      {result.total === 0 && !query.q ? (
        <EmptyState title="No groups yet">Groups appear here when your IdP pushes them (Okta: Push Groups; Entra ID: assign groups to the application).</EmptyState>
      ) : (
        <>
          <GroupsSearch q={query.q} />
          <GroupsTable result={result} sort={query.sort} desc={query.dir === 'desc'} filtered={Boolean(query.q)} />
        </>
      )}
    </>
  );
}
