/**
 * The Groups pages' reads: a page of groups with member counts, and one
 * group with a page of its members. SQL in lib/db/directory-groups.ts.
 */
import { getDb } from '../db';
import { countGroups, selectGroupDetail, selectGroupMembers, selectGroupPage } from '../db/directory-groups';
import { isResourceId } from '../db/scim-rows';
import type { GroupListQuery, MemberListQuery } from '../validations/group-list';
import type { Paged } from './directory-users';

export interface GroupListItem {
  id: string;
  name: string;
  externalId: string | null;
  source: 'SCIM' | 'LOCAL';
  memberCount: number;
  updatedAt: Date;
}

export async function listGroups(query: GroupListQuery): Promise<Paged<GroupListItem>> {
  const { sql } = await getDb();
  const [total, rows] = await Promise.all([
    countGroups(sql, query.q),
    selectGroupPage(sql, query.q, { key: query.sort, desc: query.dir === 'desc' }, { limit: query.size, offset: (query.page - 1) * query.size }),
  ]);
  return {
    items: rows.map((r) => ({ id: r.id, name: r.display_name, externalId: r.external_id, source: r.source, memberCount: r.member_count, updatedAt: r.updated_at })),
    total,
    page: query.page,
    size: query.size,
    pageCount: Math.max(1, Math.ceil(total / query.size)),
  };
}

export async function countAllGroups(): Promise<number> {
  const { sql } = await getDb();
  return countGroups(sql);
}

export interface GroupMember {
  id: string;
  userName: string;
  name: string;
  email: string | null;
  active: boolean;
  addedAt: Date;
}

export interface GroupProfile {
  id: string;
  name: string;
  externalId: string | null;
  source: 'SCIM' | 'LOCAL';
  document: Record<string, unknown>;
  version: number;
  createdAt: Date;
  updatedAt: Date;
  members: Paged<GroupMember>;
}

export async function getGroupProfile(id: string, query: MemberListQuery): Promise<GroupProfile | null> {
  if (!isResourceId(id)) return null;
  const { sql } = await getDb();
  const [row, members] = await Promise.all([
    selectGroupDetail(sql, id),
    selectGroupMembers(sql, id, { limit: query.size, offset: (query.page - 1) * query.size }),
  ]);
  if (!row) return null;
  return {
    id: row.id,
    name: row.display_name,
    externalId: row.external_id,
    source: row.source,
    document: row.attributes,
    version: row.version,
    createdAt: row.created_at,
    updatedAt: row.updated_at,
    members: {
      items: members.map((m) => ({ id: m.id, userName: m.user_name, name: m.display_name || m.user_name, email: m.email, active: m.active, addedAt: m.added_at })),
      total: row.member_count,
      page: query.page,
      size: query.size,
      pageCount: Math.max(1, Math.ceil(row.member_count / query.size)),
    },
  };
}
