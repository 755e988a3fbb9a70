'use client';

import { createColumnHelper } from '@tanstack/react-table';
import Link from 'next/link';
import { DataTable } from '@/components/data-table/data-table';
import type { ServerTableFeatures } from '@/components/data-table/features';
import { PageSizeSelect } from '@/components/data-table/page-size-select';
import { Pager } from '@/components/data-table/pager';
import { useServerTable } from '@/components/data-table/use-server-table';
import { DateTime } from '@/components/ui/date-time';
import { UserSourceBadge } from '@/components/users/user-badges';
import type { GroupListItem } from '@/lib/services/directory-groups';
import type { Paged } from '@/lib/services/directory-users';
import type { GroupSort } from '@/lib/validations/group-list';

const helper = createColumnHelper<ServerTableFeatures, GroupListItem>();

const columns = helper.columns([
  helper.accessor('name', {
    id: 'name',
    header: 'Name',
    cell: (info) => (
      <Link href={`/groups/${info.row.original.id}`} className="font-medium text-brand-700 hover:underline dark:text-brand-100">
        {info.getValue()}
      </Link>
    ),
  }),
  helper.accessor('memberCount', {
    id: 'members',
    header: 'Members',
    sortDescFirst: true,
    cell: (info) => <span className="tabular-nums">{info.getValue().toLocaleString('en-US')}</span>,
  }),
  helper.accessor('source', { id: 'source', header: 'Source', enableSorting: false, cell: (info) => <UserSourceBadge source={info.getValue()} /> }),
  helper.accessor('updatedAt', { id: 'updated', header: 'Updated', sortDescFirst: true, cell: (info) => <DateTime value={info.getValue()} compact /> }),
]);

export function GroupsTable({ result, sort, desc, filtered }: { result: Paged<GroupListItem>; sort: GroupSort; desc: boolean; filtered: boolean }) {
  const { table, url } = useServerTable({
    columns,
    data: result.items,
    rowCount: result.total,
    sort: { id: sort, desc },
    page: result.page,
    size: result.size,
    defaultSort: { id: 'name', desc: false },
    getRowId: (g) => g.id,
  });
  return (
    <div>
      <DataTable
        table={table}
        caption="Groups"
        pending={url.pending}
        empty={
          result.total > 0 ? (
            <>
              This page is past the end of the list. <Link href={url.href({ page: result.pageCount })} className="text-brand-700 underline dark:text-brand-100">Go to the last page</Link>.
            </>
          ) : filtered ? (
            <>
              No group matches. <Link href="/groups" className="text-brand-700 underline dark:text-brand-100">Clear the search</Link>.
            </>
          ) : (
            'No groups yet.'
          )
        }
      />
      <Pager page={result.page} pageCount={result.pageCount} total={result.total} size={result.size} noun="groups" hrefFor={(p) => url.href({ page: p === 1 ? null : p })}>
        <PageSizeSelect value={result.size} onChange={(n) => table.setPageSize(n)} />
      </Pager>
    </div>
  );
}
