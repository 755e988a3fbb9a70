'use client';

import { useTable, type ColumnDef, type PaginationState, type RowData, type SortingState, type Updater } from '@tanstack/react-table';
import { serverTableFeatures, type ServerTableFeatures } from './features';
import { useUrlState } from './use-url-state';

/**
 * A TanStack table whose sorting and pagination state IS the URL: the page
 * passes the current state in; a header click or page-size change becomes a
 * navigation (new URL, server renders the new page). The rows are exactly
 * the page the database returned.
 */
export function useServerTable<TData extends RowData>({
  columns,
  data,
  rowCount,
  sort,
  page,
  size,
  defaultSort,
  getRowId,
}: {
  columns: ColumnDef<ServerTableFeatures, TData>[];
  data: TData[];
  rowCount: number;
  sort: { id: string; desc: boolean };
  page: number;
  size: number;
  defaultSort: { id: string; desc: boolean };
  getRowId: (row: TData) => string;
}) {
  const url = useUrlState();
  const sorting: SortingState = [sort];
  const pagination: PaginationState = { pageIndex: page - 1, pageSize: size };
  const table = useTable({
    features: serverTableFeatures,
    columns,
    data,
    getRowId,
    rowCount,
    manualSorting: true,
    manualPagination: true,
    enableSortingRemoval: false,
    enableMultiSort: false,
    state: { sorting, pagination },
    onSortingChange: (updater: Updater<SortingState>) => {
      const [next = defaultSort] = typeof updater === 'function' ? updater(sorting) : updater;
      // A new order starts again at page 1.
      url.navigate({ sort: next.id, dir: next.desc ? 'desc' : 'asc', page: null });
    },
    onPaginationChange: (updater: Updater<PaginationState>) => {
      const next = typeof updater === 'function' ? updater(pagination) : updater;
      const sizeChanged = next.pageSize !== size;
      url.navigate({ page: sizeChanged || next.pageIndex === 0 ? null : next.pageIndex + 1, size: next.pageSize });
    },
  });
  return { table, url };
}
