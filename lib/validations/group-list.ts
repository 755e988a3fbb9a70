/** The Groups page's and a group's members' URL state. */
import { z } from 'zod';
import { choice, pageNumber, pageSize, searchText, sortDirection, type SearchParams } from './search-params';

export const GROUP_SORTS = ['name', 'members', 'updated'] as const;
export type GroupSort = (typeof GROUP_SORTS)[number];

export const groupListQuerySchema = z.object({
  q: searchText(),
  sort: choice(GROUP_SORTS, 'name'),
  dir: sortDirection,
  page: pageNumber,
  size: pageSize,
});

export type GroupListQuery = z.infer<typeof groupListQuerySchema>;

export function parseGroupListQuery(params: SearchParams): GroupListQuery {
  return groupListQuerySchema.parse(params);
}

export const memberListQuerySchema = z.object({ page: pageNumber, size: pageSize });
export type MemberListQuery = z.infer<typeof memberListQuerySchema>;

export function parseMemberListQuery(params: SearchParams): MemberListQuery {
  return memberListQuerySchema.parse(params);
}
