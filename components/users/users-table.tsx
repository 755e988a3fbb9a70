'use client';

import { createColumnHelper } from '@tanstack/react-table';
import Link from 'next/link';
import { DataTable } from '@/components/data-table/data-table';
import type { ServerTableFeatures } from '@/components/data-table/features';
import { PageSizeSelect } from '@/components/data-table/page-size-select';
import { Pager } from '@/components/data-table/pager';
import { useServerTable } from '@/components/data-table/use-server-table';
import { DateTime } from '@/components/ui/date-time';
import type { Paged, UserListItem } from '@/lib/services/directory-users';
import type { UserSort } from '@/lib/validations/user-list';
import { UserRoleBadge, UserSourceBadge, UserStatusBadge } from './user-badges';

const helper = createColumnHelper<ServerTableFeatures, UserListItem>();

/** Column ids are the URL's sort keys; only indexed keys are sortable. */
const columns = helper.columns([
  helper.accessor('name', {
    id: 'name',
    header: 'Name',
    cell: (info) => (
      <Link href={`/users/${info.row.original.id}`} className="whitespace-nowrap font-medium text-brand-700 hover:underline dark:text-brand-100">
        {info.getValue()}
      </Link>
    ),
  }),
  helper.accessor('userName', {
    id: 'userName',
    header: 'userName / email',
    cell: (info) => {
      const { userName, email } = info.row.original;
      return (
        <div className="max-w-64">
          <div className="truncate" title={userName}>
            {userName}
          </div>
          {email && email.toLowerCase() !== userName.toLowerCase() ? (
            <div className="truncate text-xs text-zinc-500 dark:text-zinc-400" title={email}>
              {email}
            </div>
          ) : null}
        </div>
      );
    },
  }),
  helper.accessor('active', { id: 'status', header: 'Status', cell: (info) => <UserStatusBadge active={info.getValue()} /> }),
  helper.accessor('source', { id: 'source', header: 'Source', enableSorting: false, cell: (info) => <UserSourceBadge source={info.getValue()} /> }),
  helper.accessor('role', { id: 'role', header: 'Role', enableSorting: false, cell: (info) => <UserRoleBadge role={info.getValue()} /> }),
  helper.accessor('groups', {
    id: 'groups',
    header: 'Groups',
    enableSorting: false,
    cell: (info) => {
      const { groups, groupCount } = info.row.original;
      if (groupCount === 0) return <span className="text-zinc-500 dark:text-zinc-400">—</span>;
      return (
        <span className="block max-w-56 truncate" title={groups.map((g) => g.name).join(', ')}>
          {groups.map((g) => g.name).join(', ')}
          {groupCount > groups.length ? <span className="text-zinc-500 dark:text-zinc-400"> +{groupCount - groups.length}</span> : null}
        </span>
      );
    },
  }),
  helper.accessor('provisionedAt', { id: 'provisioned', header: 'Provisioned', sortDescFirst: true, cell: (info) => <DateTime value={info.getValue()} compact /> }),
  helper.accessor('updatedAt', { id: 'updated', header: 'Last updated', sortDescFirst: true, cell: (info) => <DateTime value={info.getValue()} compact /> }),
  helper.accessor('lastSignInAt', { id: 'lastSignIn', header: 'Last sign-in', sortDescFirst: true, cell: (info) => <DateTime value={info.getValue()} empty="Never" compact /> }),
]);

export function UsersTable({ result, sort, desc, filtered }: { result: Paged<UserListItem>; sort: UserSort; desc: boolean; filtered: boolean }) {
  const { table, url } = useServerTable({
    columns,
    data: result.items,
    rowCount: result.total,
    sort: { id: sort, desc },
    page: result.page,
    size: result.size,
    defaultSort: { id: 'name', desc: false },
    getRowId: (u) => u.id,
  });
  const pastEnd = result.items.length === 0 && result.total > 0;
  return (
    <div>
      <DataTable
        table={table}
        caption="Users"
        pending={url.pending}
        empty={
          pastEnd ? (
            <>
              This page is past the end of the list. <Link href={url.href({ page: result.pageCount })} className="text-brand-700 underline dark:text-brand-100">Go to the last page</Link>.
            </>
          ) : filtered ? (
            <>
              No users match these filters. <Link href="/users" className="text-brand-700 underline dark:text-brand-100">Clear the filters</Link>.
            </>
          ) : (
            'No users yet.'
          )
        }
      />
      <Pager page={result.page} pageCount={result.pageCount} total={result.total} size={result.size} noun="users" hrefFor={(p) => url.href({ page: p === 1 ? null : p })}>
        <PageSizeSelect value={result.size} onChange={(n) => table.setPageSize(n)} />
      </Pager>
    </div>
  );
}
