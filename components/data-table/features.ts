/**
 * The TanStack Table v9 features of the dashboard's tables. Sorting and
 * pagination are registered for their state and header/pager APIs only: the
 * database sorts and pages (manualSorting, manualPagination), the browser
 * never holds more than one page.
 */
import { rowPaginationFeature, rowSortingFeature, tableFeatures } from '@tanstack/react-table';

export const serverTableFeatures = tableFeatures({ rowSortingFeature, rowPaginationFeature });
export type ServerTableFeatures = typeof serverTableFeatures;
