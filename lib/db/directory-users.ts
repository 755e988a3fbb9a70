/**
 * SQL behind the dashboard's Users pages: one page of users (the database
 * filters, sorts and pages; nothing loads every row), the matching count,
 * and one user's detail. Search is a substring match that the trigram index
 * `users_search_trgm_idx` serves; every sort key has a B-tree index and ends
 * with the id, so pages are stable.
 */
import { countAllUsers } from './scim-store';
import type { Queryable } from './sql';

export interface UserListFilter {
  search?: string;
  active?: boolean;
  source?: 'SCIM' | 'LOCAL';
  role?: 'ADMIN' | 'MEMBER';
}

export type UserSortKey = 'name' | 'userName' | 'status' | 'provisioned' | 'updated' | 'lastSignIn';

export interface UserListRow {
  id: string;
  user_name: string;
  display_name: string | null;
  given_name: string | null;
  family_name: string | null;
  email: string | null;
  active: boolean;
  source: 'SCIM' | 'LOCAL';
  role: 'ADMIN' | 'MEMBER';
  created_at: Date;
  updated_at: Date;
  last_sign_in_at: Date | null;
  group_count: number;
  groups: { id: string; name: string }[];
}

/**
 * Columns per sort key. DESC reverses every column (nulls included), so one
 * B-tree index serves both directions. "name" is displayName (indexed), then
 * family and given name for accounts an IdP sent without a displayName.
 * "Last sign-in" keeps "never" last in both directions (no index serves the
 * DESC NULLS LAST order; at 100k users that sort costs one scan, measured).
 */
const ORDER: Record<UserSortKey, { columns: string[]; nullsAlwaysLast?: boolean }> = {
  name: { columns: ['display_name', 'family_name', 'given_name', 'user_name_key'] },
  userName: { columns: ['user_name_key'] },
  status: { columns: ['active', 'created_at'] },
  provisioned: { columns: ['created_at'] },
  updated: { columns: ['updated_at'] },
  lastSignIn: { columns: ['last_sign_in_at'], nullsAlwaysLast: true },
};

/**
 * ORDER BY for a sort; `mirrored` is its exact reverse (used to read a page
 * from the far end of the list, then flip the rows back).
 */
export function orderByClause(table: string, sort: { key: UserSortKey; desc: boolean }, mirrored = false): string {
  const spec = ORDER[sort.key];
  const desc = sort.desc !== mirrored;
  return [...spec.columns, 'id']
    .map((c) => {
      const nullsLast = spec.nullsAlwaysLast ? !mirrored : !desc;
      return `${table}.${c} ${desc ? 'DESC' : 'ASC'} NULLS ${nullsLast ? 'LAST' : 'FIRST'}`;
    })
    .join(', ');
}

/** `%`, `_` and `\` typed by the admin match themselves. */
export function likePattern(text: string): string {
  return `%${text.toLowerCase().replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
}

function whereClause(filter: UserListFilter): { sql: string; params: unknown[] } {
  const parts: string[] = [];
  const params: unknown[] = [];
  if (filter.search) {
    params.push(likePattern(filter.search));
    const p = `$${params.length}`;
    parts.push(
      `(u.display_name ILIKE ${p} OR u.given_name ILIKE ${p} OR u.family_name ILIKE ${p} OR u.user_name_key LIKE ${p} OR u.email ILIKE ${p})`,
    );
  }
  if (filter.active !== undefined) {
    params.push(filter.active);
    parts.push(`u.active = $${params.length}`);
  }
  if (filter.source) {
    params.push(filter.source);
    parts.push(`u.source = $${params.length}::"UserSource"`);
  }
  if (filter.role) {
    params.push(filter.role);
    parts.push(`u.role = $${params.length}::"UserRole"`);
  }
  return { sql: parts.length ? parts.join(' AND ') : 'TRUE', params };
}

export async function countUsers(db: Queryable, filter: UserListFilter): Promise<number> {
  const where = whereClause(filter);
  if (where.sql === 'TRUE') return countAllUsers(db);
  const [row] = await db.query<{ n: number }>(`SELECT count(*)::int AS n FROM users u WHERE ${where.sql}`, where.params);
  return row.n;
}

/**
 * One page, then (for those rows only) each user's first groups and group
 * count, so the membership lookups cost 25 index probes, not 100k. With
 * `fromEnd`, `offset` counts from the end of the list (mirrored order).
 */
export async function selectUserPage(
  db: Queryable,
  filter: UserListFilter,
  sort: { key: UserSortKey; desc: boolean },
  page: { limit: number; offset: number; fromEnd?: boolean },
): Promise<UserListRow[]> {
  const where = whereClause(filter);
  const orderBy = (table: string) => orderByClause(table, sort, page.fromEnd);
  const n = where.params.length;
  const rows = await db.query<UserListRow>(
    `WITH page AS (
       SELECT u.id, u.user_name, u.user_name_key, u.display_name, u.given_name, u.family_name, u.email, u.active, u.source, u.role,
              u.created_at, u.updated_at, u.last_sign_in_at
         FROM users u
        WHERE ${where.sql}
        ORDER BY ${orderBy('u')}
        LIMIT $${n + 1} OFFSET $${n + 2}
     )
     SELECT page.*,
            (SELECT count(*)::int FROM group_members gm WHERE gm.user_id = page.id) AS group_count,
            coalesce((SELECT json_agg(json_build_object('id', g.id, 'name', g.display_name) ORDER BY g.display_name_key)
                        FROM (SELECT g.id, g.display_name, g.display_name_key
                                FROM group_members gm JOIN groups g ON g.id = gm.group_id
                               WHERE gm.user_id = page.id
                               ORDER BY g.display_name_key LIMIT 3) g), '[]'::json) AS groups
       FROM page
      ORDER BY ${orderBy('page')}`,
    [...where.params, page.limit, page.offset],
  );
  return page.fromEnd ? rows.reverse() : rows;
}

export interface UserDetailRow {
  id: string;
  user_name: string;
  external_id: string | null;
  display_name: string | null;
  given_name: string | null;
  family_name: string | null;
  email: string | null;
  active: boolean;
  source: 'SCIM' | 'LOCAL';
  role: 'ADMIN' | 'MEMBER';
  attributes: Record<string, unknown>;
  version: number;
  has_password: boolean;
  created_at: Date;
  updated_at: Date;
  deactivated_at: Date | null;
  last_sign_in_at: Date | null;
}

export async function selectUserDetail(db: Queryable, id: string): Promise<UserDetailRow | undefined> {
  const [row] = await db.query<UserDetailRow>(
    `SELECT u.id, u.user_name, u.external_id, u.display_name, u.given_name, u.family_name, u.email, u.active, u.source, u.role,
            u.attributes, u.version, u.password_hash IS NOT NULL AS has_password,
            u.created_at, u.updated_at, u.deactivated_at, u.last_sign_in_at
       FROM users u WHERE u.id = $1`,
    [id],
  );
  return row;
}

export async function selectGroupsOfUser(db: Queryable, id: string, limit: number): Promise<{ id: string; name: string }[]> {
  return db.query<{ id: string; name: string }>(
    `SELECT g.id, g.display_name AS name FROM group_members gm JOIN groups g ON g.id = gm.group_id
      WHERE gm.user_id = $1 ORDER BY g.display_name_key LIMIT $2`,
    [id, limit],
  );
}
