/**
 * SQL behind the dashboard's Groups pages: a page of groups with member
 * counts, and a page of one group's members. Member counts come from the
 * membership primary key (group_id, user_id), one index range per group on
 * the page; only sorting by member count aggregates every group (about 1k).
 */
import { likePattern } from './directory-users';
import type { Queryable } from './sql';

export type GroupSortKey = 'name' | 'members' | 'updated';

export interface GroupListRow {
  id: string;
  display_name: string;
  external_id: string | null;
  source: 'SCIM' | 'LOCAL';
  updated_at: Date;
  member_count: number;
}

function whereClause(search: string | undefined): { sql: string; params: unknown[] } {
  return search ? { sql: 'g.display_name_key LIKE $1', params: [likePattern(search)] } : { sql: 'TRUE', params: [] };
}

export async function countGroups(db: Queryable, search?: string): Promise<number> {
  const where = whereClause(search);
  const [row] = await db.query<{ n: number }>(`SELECT count(*)::int AS n FROM groups g WHERE ${where.sql}`, where.params);
  return row.n;
}

export async function selectGroupPage(
  db: Queryable,
  search: string | undefined,
  sort: { key: GroupSortKey; desc: boolean },
  page: { limit: number; offset: number },
): Promise<GroupListRow[]> {
  const where = whereClause(search);
  const dir = sort.desc ? 'DESC' : 'ASC';
  const n = where.params.length;
  const limits = `LIMIT $${n + 1} OFFSET $${n + 2}`;
  const params = [...where.params, page.limit, page.offset];
  if (sort.key === 'members') {
    return db.query<GroupListRow>(
      `SELECT g.id, g.display_name, g.external_id, g.source, g.updated_at, coalesce(c.n, 0)::int AS member_count
         FROM groups g
         LEFT JOIN (SELECT group_id, count(*) AS n FROM group_members GROUP BY group_id) c ON c.group_id = g.id
        WHERE ${where.sql}
        ORDER BY member_count ${dir}, g.display_name_key ${dir}, g.id ${dir}
        ${limits}`,
      params,
    );
  }
  const order = sort.key === 'name' ? 'g.display_name_key' : 'g.updated_at';
  return db.query<GroupListRow>(
    `WITH page AS (
       SELECT g.id, g.display_name, g.display_name_key, g.external_id, g.source, g.updated_at
         FROM groups g WHERE ${where.sql}
        ORDER BY ${order} ${dir}, g.id ${dir} ${limits}
     )
     SELECT page.id, page.display_name, page.external_id, page.source, page.updated_at,
            (SELECT count(*)::int FROM group_members gm WHERE gm.group_id = page.id) AS member_count
       FROM page ORDER BY ${order.replace('g.', 'page.')} ${dir}, page.id ${dir}`,
    params,
  );
}

export interface GroupDetailRow {
  id: string;
  display_name: string;
  external_id: string | null;
  source: 'SCIM' | 'LOCAL';
  attributes: Record<string, unknown>;
  version: number;
  created_at: Date;
  updated_at: Date;
  member_count: number;
}

export async function selectGroupDetail(db: Queryable, id: string): Promise<GroupDetailRow | undefined> {
  const [row] = await db.query<GroupDetailRow>(
    `SELECT g.id, g.display_name, g.external_id, g.source, g.attributes, g.version, g.created_at, g.updated_at,
            (SELECT count(*)::int FROM group_members gm WHERE gm.group_id = g.id) AS member_count
       FROM groups g WHERE g.id = $1`,
    [id],
  );
  return row;
}

export interface MemberRow {
  id: string;
  user_name: string;
  display_name: string | null;
  email: string | null;
  active: boolean;
  added_at: Date;
}

/**
 * Members, most recently added first. The page is cut from the membership
 * index alone (group_id, created_at DESC, user_id), then only its rows are
 * joined to users: a deep page of a 100k-member group skips index entries,
 * not user rows.
 */
export async function selectGroupMembers(db: Queryable, groupId: string, page: { limit: number; offset: number }): Promise<MemberRow[]> {
  return db.query<MemberRow>(
    `SELECT u.id, u.user_name, u.display_name, u.email, u.active, gm.created_at AS added_at
       FROM (SELECT user_id, created_at FROM group_members
              WHERE group_id = $1
              ORDER BY created_at DESC, user_id
              LIMIT $2 OFFSET $3) gm
       JOIN users u ON u.id = gm.user_id
      ORDER BY gm.created_at DESC, gm.user_id`,
    [groupId, page.limit, page.offset],
  );
}
