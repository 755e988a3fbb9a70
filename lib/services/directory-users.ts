/**
 * The Users pages' reads: a page of the directory (search, filters, sort
 * and paging done by the database) and one user's profile. Pages call these;
 * the SQL lives in lib/db/directory-users.ts.
 */
import { getDb } from '../db';
import { countUsers, selectGroupsOfUser, selectUserDetail, selectUserPage, type UserListFilter, type UserListRow } from '../db/directory-users';
import { isResourceId } from '../db/scim-rows';
import type { UserListQuery } from '../validations/user-list';

export interface UserListItem {
  id: string;
  name: string;
  userName: string;
  email: string | null;
  active: boolean;
  source: 'SCIM' | 'LOCAL';
  role: 'ADMIN' | 'MEMBER';
  groups: { id: string; name: string }[];
  groupCount: number;
  provisionedAt: Date;
  updatedAt: Date;
  lastSignInAt: Date | null;
}

export interface Paged<T> {
  items: T[];
  total: number;
  page: number;
  size: number;
  pageCount: number;
}

/** What the dashboard calls a person: displayName, else given and family name, else userName. */
export function personName(u: { display_name: string | null; given_name: string | null; family_name: string | null; user_name: string }): string {
  const full = [u.given_name, u.family_name].filter(Boolean).join(' ');
  return u.display_name || full || u.user_name;
}

function toFilter(query: Pick<UserListQuery, 'q' | 'status' | 'source' | 'role'>): UserListFilter {
  return {
    search: query.q,
    active: query.status === undefined ? undefined : query.status === 'active',
    source: query.source === 'scim' ? 'SCIM' : query.source === 'local' ? 'LOCAL' : undefined,
    role: query.role === 'admin' ? 'ADMIN' : query.role === 'member' ? 'MEMBER' : undefined,
  };
}

/**
 * Past this offset the total is counted first, so a page in the second half
 * of the list is read from the far end: OFFSET costs what it skips, and
 * "Last »" at 100k users should cost what "« First" costs.
 */
const FAR_OFFSET = 5_000;

/** Where to read a page from: the near end, or mirrored from the far end. */
export function pageWindow(page: number, size: number, total: number | null): { limit: number; offset: number; fromEnd: boolean } {
  const offset = (page - 1) * size;
  if (total === null || offset <= total / 2) return { limit: size, offset, fromEnd: false };
  const limit = Math.max(0, Math.min(size, total - offset));
  return { limit, offset: Math.max(0, total - offset - limit), fromEnd: true };
}

export async function listUsers(query: UserListQuery): Promise<Paged<UserListItem>> {
  const { sql } = await getDb();
  const filter = toFilter(query);
  const sort = { key: query.sort, desc: query.dir === 'desc' };
  let total: number;
  let rows: UserListRow[];
  if ((query.page - 1) * query.size > FAR_OFFSET) {
    total = await countUsers(sql, filter);
    const window = pageWindow(query.page, query.size, total);
    rows = window.limit > 0 ? await selectUserPage(sql, filter, sort, window) : [];
  } else {
    [total, rows] = await Promise.all([countUsers(sql, filter), selectUserPage(sql, filter, sort, pageWindow(query.page, query.size, null))]);
  }
  return {
    items: rows.map((r) => ({
      id: r.id,
      name: personName(r),
      userName: r.user_name,
      email: r.email,
      active: r.active,
      source: r.source,
      role: r.role,
      groups: r.groups,
      groupCount: r.group_count,
      provisionedAt: r.created_at,
      updatedAt: r.updated_at,
      lastSignInAt: r.last_sign_in_at,
    })),
    total,
    page: query.page,
    size: query.size,
    pageCount: Math.max(1, Math.ceil(total / query.size)),
  };
}

/** Counts for the dashboard cards. */
export async function countUsersByStatus(): Promise<{ active: number; deprovisioned: number }> {
  const { sql } = await getDb();
  const [active, deprovisioned] = await Promise.all([countUsers(sql, { active: true }), countUsers(sql, { active: false })]);
  return { active, deprovisioned };
}

export interface UserProfile {
  id: string;
  name: string;
  userName: string;
  externalId: string | null;
  email: string | null;
  active: boolean;
  source: 'SCIM' | 'LOCAL';
  role: 'ADMIN' | 'MEMBER';
  hasPassword: boolean;
  /** The stored SCIM document (core attributes, extensions under their URN). */
  document: Record<string, unknown>;
  version: number;
  createdAt: Date;
  updatedAt: Date;
  deactivatedAt: Date | null;
  lastSignInAt: Date | null;
  groups: { id: string; name: string }[];
}

/** Groups shown on a user's page; more than this links to the Groups page instead. */
export const PROFILE_GROUP_LIMIT = 200;

export async function getUserProfile(id: string): Promise<UserProfile | null> {
  if (!isResourceId(id)) return null;
  const { sql } = await getDb();
  const [row, groups] = await Promise.all([selectUserDetail(sql, id), selectGroupsOfUser(sql, id, PROFILE_GROUP_LIMIT)]);
  if (!row) return null;
  return {
    id: row.id,
    name: personName(row),
    userName: row.user_name,
    externalId: row.external_id,
    email: row.email,
    active: row.active,
    source: row.source,
    role: row.role,
    hasPassword: row.has_password,
    document: row.attributes,
    version: row.version,
    createdAt: row.created_at,
    updatedAt: row.updated_at,
    deactivatedAt: row.deactivated_at,
    lastSignInAt: row.last_sign_in_at,
    groups,
  };
}
