import type { Metadata } from 'next';
import { PageHeader } from '@/components/shell/page-header';
import { UsersFilters } from '@/components/users/users-filters';
import { UsersTable } from '@/components/users/users-table';
import { requireAdmin } from '@/lib/auth/session';
import { listUsers } from '@/lib/services/directory-users';
import type { SearchParams } from '@/lib/validations/search-params';
import { parseUserListQuery } from '@/lib/validations/user-list';

export const metadata: Metadata = { title: 'Users' };

/** Every account, one database page at a time; the URL holds search, filters, sort and page. */
export default async function UsersPage({ searchParams }: { searchParams: Promise<SearchParams> }) {
  await requireAdmin();
  const query = parseUserListQuery(await searchParams);
  const result = await listUsers(query);
  const filtered = Boolean(query.q || query.status || query.source || query.role);
  return (
    <>
      <PageHeader title="Users" description="Every account: provisioned by your IdP over SCIM, and local admins." />
      <UsersFilters query={query} />
      <UsersTable result={result} sort={query.sort} desc={query.dir === 'desc'} filtered={filtered} />
    </>
  );
}
