/** The Users page's URL state: search, filters, sort and page. */
import { z } from 'zod';
import { choice, optionalChoice, pageNumber, pageSize, searchText, sortDirection, type SearchParams } from './search-params';

export const USER_SORTS = ['name', 'userName', 'status', 'provisioned', 'updated', 'lastSignIn'] as const;
export type UserSort = (typeof USER_SORTS)[number];

export const USER_STATUSES = ['active', 'deprovisioned'] as const;
export const USER_SOURCES = ['scim', 'local'] as const;
export const USER_ROLES = ['admin', 'member'] as const;

export const userListQuerySchema = z.object({
  q: searchText(),
  status: optionalChoice(USER_STATUSES),
  source: optionalChoice(USER_SOURCES),
  role: optionalChoice(USER_ROLES),
  sort: choice(USER_SORTS, 'name'),
  dir: sortDirection,
  page: pageNumber,
  size: pageSize,
});

export type UserListQuery = z.infer<typeof userListQuerySchema>;

export function parseUserListQuery(params: SearchParams): UserListQuery {
  return userListQuerySchema.parse(params);
}
