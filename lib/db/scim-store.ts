/**
 * SQL for SCIM users and groups: rows in, rows out. Filters and sort orders
 * arrive already compiled (lib/scim/filter) as parameterized fragments; this
 * module only adds paging, locking and the membership rows. Business rules
 * (deactivation, last admin, uniqueness messages) live in lib/services.
 */
import { createHash } from 'node:crypto';
import type { Document } from '../scim/resource/document';
import { GROUP_COLUMNS, USER_COLUMNS, groupColumns, userColumns, type GroupRow, type UserRow } from './scim-rows';
import type { Queryable } from './sql';

export interface Page {
  where: string;
  params: unknown[];
  orderBy: string;
  /** 1-based. */
  startIndex: number;
  count: number;
}

// --- users --------------------------------------------------------------------

/** The access epoch now (migration access_epoch; services/scim-access). */
const CURRENT_ACCESS_EPOCH = `(SELECT c.access_epoch FROM instance_config c WHERE c.id = 1)`;

/**
 * Inserts a SCIM user. With `accessEpoch`, only if the access epoch is still
 * that one, checked in the same statement (services/scim-access): undefined
 * when it moved, and nothing was written.
 */
export async function insertUser(db: Queryable, doc: Document): Promise<UserRow>;
export async function insertUser(db: Queryable, doc: Document, accessEpoch: number | undefined): Promise<UserRow | undefined>;
export async function insertUser(db: Queryable, doc: Document, accessEpoch?: number): Promise<UserRow | undefined> {
  const c = userColumns(doc);
  const params: unknown[] = [c.user_name, c.user_name_key, c.external_id, c.given_name, c.family_name, c.display_name, c.email, c.email_keys, c.active, JSON.stringify(doc), c.email_search];
  if (accessEpoch !== undefined) params.push(accessEpoch);
  const [row] = await db.query<UserRow>(
    `INSERT INTO users AS u (id, user_name, user_name_key, external_id, given_name, family_name, display_name, email, email_keys, active, attributes, source, deactivated_at, email_search)
     SELECT gen_random_uuid(), $1, $2, $3, $4, $5, $6, $7, $8::text[], $9, $10::jsonb, 'SCIM', CASE WHEN $9 THEN NULL ELSE now() END, $11
     ${accessEpoch !== undefined ? `WHERE ${CURRENT_ACCESS_EPOCH} = $12` : ''}
     RETURNING ${USER_COLUMNS}`,
    params,
  );
  return row;
}

export async function findUser(db: Queryable, id: string, { lock = false } = {}): Promise<UserRow | undefined> {
  const [row] = await db.query<UserRow>(`SELECT ${USER_COLUMNS} FROM users u WHERE u.id = $1${lock ? ' FOR UPDATE' : ''}`, [id]);
  return row;
}

/** A user and the groups it belongs to, read together. */
export interface UserWithGroups {
  row: UserRow;
  groups: GroupRef[];
}

/** A read that also reports the access epoch it saw (undefined: it saw none, e.g. no row came back). */
export interface WithAccessEpoch {
  accessEpoch?: number | null;
}

/**
 * The user's groups as one JSON column of the same statement ([[id, displayName], …]
 * in display-name order), so a single-user read or write is one round trip.
 */
const GROUPS_OF_U = `COALESCE((SELECT json_agg(json_build_array(g.id, g.display_name) ORDER BY g.display_name_key)
    FROM group_members gm JOIN groups g ON g.id = gm.group_id WHERE gm.user_id = u.id), '[]'::json) AS group_refs`;

type RowWithGroups = UserRow & { group_refs: [string, string][] | string; access_epoch?: number | null };

/**
 * The rows of a CTE `page` (USER_COLUMNS of some users) with each user's
 * groups as GROUPS_OF_U gives them, joined for the whole page at once: a
 * subquery per user cost PostgreSQL twice as much on a page of 100 members of
 * two groups each, and with OFFSET it also ran for every skipped row.
 * `order` restates the page's ORDER BY over its rows `p`.
 */
function groupsOfPage(order: string): string {
  return `SELECT p.*, COALESCE(r.group_refs, '[]'::json) AS group_refs FROM page p
      LEFT JOIN (SELECT gm.user_id, json_agg(json_build_array(g.id, g.display_name) ORDER BY g.display_name_key) AS group_refs
                   FROM group_members gm JOIN groups g ON g.id = gm.group_id
                  WHERE gm.user_id IN (SELECT id FROM page) GROUP BY gm.user_id) r ON r.user_id = p.id
     ORDER BY ${order}`;
}

/**
 * A users query that also reads the access epoch (migration access_epoch),
 * which confirms a SCIM grant held in memory (services/scim-access) without a
 * round trip of its own. The epoch comes back even when no user matches (a
 * `userName eq` for someone not yet provisioned, a GET of a deleted id): the
 * one-row epoch joined to the query's rows, a row of NULL user columns when
 * there are none. A join on TRUE can only run as a nested loop over that one
 * row, so the rows keep the query's ORDER BY.
 */
function withAccessEpoch(query: string): string {
  return `SELECT q.*, e.access_epoch FROM (SELECT ${CURRENT_ACCESS_EPOCH} AS access_epoch) e LEFT JOIN LATERAL (${query}) q ON TRUE`;
}

/** The rows of a withAccessEpoch query, and the epoch they were read at. */
function epochRows<R extends { id: string | null; access_epoch?: number | null }>(raw: R[]): { rows: (R & { id: string })[]; accessEpoch: number | null | undefined } {
  const accessEpoch = raw[0]?.access_epoch;
  return { rows: raw.filter((r): r is R & { id: string } => r.id !== null), accessEpoch };
}

function splitGroups(raw: RowWithGroups | undefined): UserWithGroups | undefined {
  if (!raw) return undefined;
  const { group_refs, access_epoch: _epoch, ...row } = raw;
  const refs: [string, string][] = typeof group_refs === 'string' ? JSON.parse(group_refs) : group_refs;
  return { row, groups: refs.map(([gid, name]) => ({ user_id: row.id, id: gid, display_name: name })) };
}

/** The user (undefined when there is none) and the access epoch, in one statement. */
export async function findUserWithGroups(db: Queryable, id: string): Promise<{ record: UserWithGroups | undefined } & WithAccessEpoch> {
  const { rows, accessEpoch } = epochRows(await db.query<RowWithGroups>(withAccessEpoch(`SELECT ${USER_COLUMNS}, ${GROUPS_OF_U} FROM users u WHERE u.id = $1`), [id]));
  return { record: splitGroups(rows[0]), accessEpoch };
}

/**
 * Writes a new document. Deactivation stamps deactivated_at and kills every
 * session issued before now; reactivation clears the stamp (old sessions stay dead).
 * With `expectedVersion`, writes only if the row is still at that version
 * (compare-and-set) and answers undefined when another write came first.
 */
export async function updateUser(db: Queryable, id: string, doc: Document, expectedVersion?: number): Promise<UserWithGroups | undefined> {
  const c = userColumns(doc);
  const params: unknown[] = [id, c.user_name, c.user_name_key, c.external_id, c.given_name, c.family_name, c.display_name, c.email, c.email_keys, c.active, JSON.stringify(doc), c.email_search];
  if (expectedVersion !== undefined) params.push(expectedVersion);
  const [raw] = await db.query<RowWithGroups>(
    `UPDATE users AS u SET user_name = $2, user_name_key = $3, external_id = $4, given_name = $5, family_name = $6, display_name = $7,
            email = $8, email_keys = $9::text[], active = $10, attributes = $11::jsonb, email_search = $12, version = u.version + 1, updated_at = now(),
            deactivated_at = CASE WHEN $10 THEN NULL WHEN u.active THEN now() ELSE u.deactivated_at END,
            sessions_valid_after = CASE WHEN u.active AND NOT $10 THEN now() ELSE u.sessions_valid_after END
      WHERE u.id = $1${expectedVersion !== undefined ? ' AND u.version = $13' : ''}
      RETURNING ${USER_COLUMNS}, ${GROUPS_OF_U}`,
    params,
  );
  return splitGroups(raw);
}

export async function deleteUserRow(db: Queryable, id: string): Promise<void> {
  await db.query('DELETE FROM users WHERE id = $1', [id]);
}

export async function countOtherActiveAdmins(db: Queryable, id: string): Promise<number> {
  const [row] = await db.query<{ n: number }>(`SELECT count(*)::int AS n FROM users WHERE role = 'ADMIN' AND active AND id <> $1`, [id]);
  return row.n;
}

/** Every user, from the trigger-maintained counts (migration scim_paging), not a scan of every row. */
export async function countAllUsers(db: Queryable): Promise<number> {
  const [{ total }] = await db.query<{ total: number }>(`SELECT COALESCE(sum(n), 0)::int AS total FROM user_counts`);
  return total;
}

/** Users matching a compiled filter: from the maintained counts when unfiltered, else counted. */
export async function countUsers(db: Queryable, where: string, params: unknown[]): Promise<number> {
  if (where === 'TRUE') return countAllUsers(db);
  const [{ total }] = await db.query<{ total: number }>(`SELECT count(*)::int AS total FROM users u WHERE ${where}`, params);
  return total;
}

export interface UserPage extends WithAccessEpoch {
  total: number;
  records: UserWithGroups[];
}

/**
 * A page reads one more row than asked: it tells whether more follow, so a
 * first page that is not full knows its total without counting (every
 * `userName eq` lookup). pageUsersDefault applies the same rule in SQL.
 */
async function finishPage(db: Queryable, page: DefaultPage, rows: (UserRow | RowWithGroups)[], withGroups: boolean) {
  const more = rows.length > page.count;
  if (more) rows.pop();
  const total = page.startIndex === 1 && !more ? rows.length : countUsers(db, page.where, page.params);
  const records = withGroups ? rows.map((r) => splitGroups(r as RowWithGroups)!) : withGroupRefs(db, rows as UserRow[]);
  return { total, records };
}

/** Users with their groups, looked up for all of them in one query. */
export async function withGroupRefs(db: Queryable, rows: (UserRow & { access_epoch?: unknown })[]): Promise<UserWithGroups[]> {
  const refs = await groupsOfUsers(db, rows.map((r) => r.id));
  return rows.map(({ access_epoch: _epoch, ...row }) => ({ row, groups: refs.filter((g) => g.user_id === row.id) }));
}

/** A page in a requested order (sortBy): OFFSET paging. */
export async function pageUsers(db: Queryable, page: Page): Promise<UserPage> {
  if (page.count === 0) return { total: await countUsers(db, page.where, page.params), records: [] };
  const n = page.params.length;
  const offset = page.startIndex - 1;
  const { rows, accessEpoch } = epochRows(
    await db.query<RowWithGroups>(
      withAccessEpoch(`SELECT ${USER_COLUMNS}${offset === 0 ? `, ${GROUPS_OF_U}` : ''} FROM users u WHERE ${page.where} ORDER BY ${page.orderBy} LIMIT $${n + 1} OFFSET $${n + 2}`),
      [...page.params, page.count + 1, offset],
    ),
  );
  const { total, records } = await finishPage(db, page, rows, offset === 0);
  return { total: await total, records: await records, accessEpoch };
}

/**
 * SCIM's default order (no sortBy): SCIM-provisioned users first, then local
 * accounts, each by creation — the (source, created_at, id) index order, since
 * the UserSource enum sorts SCIM before LOCAL. Okta's SPEC test reads the
 * first user of an unsorted list and needs a full profile, which an admin
 * created at set-up may lack.
 */
export const DEFAULT_USER_ORDER = 'u.source, u.created_at, u.id';

export type DefaultPage = Omit<Page, 'orderBy'>;

/** How long a page cursor is kept (refreshed on use). */
const CURSOR_TTL = "interval '10 minutes'";

interface PageKey {
  source: UserRow['source'];
  created_at: Date;
  id: string;
}

function cursorKey(page: DefaultPage, startIndex: number): string {
  return createHash('sha256').update(JSON.stringify([page.where, page.params, startIndex])).digest('base64url');
}

/**
 * Pages in the default order. An import walks startIndex = 1, 101, 201, …;
 * each page leaves the key of the row the next page starts at (and of its own
 * first row, for repeats) in scim_page_cursors, shared by every instance, so
 * page k is read from the index at that key: its cost does not grow with k,
 * where OFFSET reads and drops every row before it. A startIndex nobody has
 * reached yet (or whose cursor expired) falls back to OFFSET once.
 *
 * While users are created or deleted mid-import, a walk continues exactly
 * after the last row it returned, so no user present throughout is skipped or
 * returned twice (OFFSET shifts under such changes).
 */
export async function pageUsersDefault(db: Queryable, page: DefaultPage): Promise<UserPage> {
  if (page.count === 0) return { total: await countUsers(db, page.where, page.params), records: [] };
  let start: PageKey | undefined;
  if (page.startIndex > 1) {
    [start] = await db.query<PageKey>(`SELECT source, created_at, id FROM scim_page_cursors WHERE key = $1 AND expires_at > now()`, [cursorKey(page, page.startIndex)]);
  }
  const offset = start ? 0 : page.startIndex - 1;
  const params = [...page.params];
  const param = (value: unknown, type: string) => `$${params.push(value)}::${type}`;
  const from = start ? ` AND (u.source, u.created_at, u.id) >= (${param(start.source, '"UserSource"')}, ${param(start.created_at, 'timestamptz')}, ${param(start.id, 'uuid')})` : '';
  const rowsPage = `SELECT ${USER_COLUMNS} FROM users u WHERE (${page.where})${from}
    ORDER BY ${DEFAULT_USER_ORDER} LIMIT ${param(page.count + 1, 'bigint')} OFFSET ${param(offset, 'bigint')}`;
  // Counted only when the page cannot tell the total itself (the rule of finishPage), in the same snapshot.
  const counted = page.where === 'TRUE' ? `(SELECT COALESCE(sum(n), 0) FROM user_counts)` : `(SELECT count(*) FROM users u WHERE ${page.where})`;
  const total = page.startIndex === 1 ? `CASE WHEN (SELECT count(*) FROM page) > ${param(page.count, 'bigint')} THEN ${counted} END` : counted;
  // The cursors this page leaves: where the next page starts (its extra row), and its own first row when it was found by OFFSET.
  const nextKey = param(cursorKey(page, page.startIndex + page.count), 'text');
  const nextOrdinal = param(page.count + 1, 'bigint');
  const repeatKey = param(offset > 0 ? cursorKey(page, page.startIndex) : null, 'text');
  const [raw] = await Promise.all([
    db.query<RowWithGroups & { total: string | number | null }>(
      `WITH page AS MATERIALIZED (${rowsPage}),
       saved AS (
         INSERT INTO scim_page_cursors AS c (key, source, created_at, id, expires_at)
         SELECT k.key, p.source, p.created_at, p.id, now() + ${CURSOR_TTL}
           FROM (SELECT p.source, p.created_at, p.id, row_number() OVER (ORDER BY p.source, p.created_at, p.id) AS ordinal FROM page p) p
           JOIN (VALUES (${nextKey}, ${nextOrdinal}), (${repeatKey}, 1::bigint)) AS k(key, ordinal) ON k.ordinal = p.ordinal AND k.key IS NOT NULL
         ON CONFLICT (key) DO UPDATE SET source = EXCLUDED.source, created_at = EXCLUDED.created_at, id = EXCLUDED.id, expires_at = EXCLUDED.expires_at)
       -- withAccessEpoch's join, spelled out: a data-modifying CTE must sit at the top level.
       SELECT q.*, e.access_epoch, ${total} AS total
         FROM (SELECT ${CURRENT_ACCESS_EPOCH} AS access_epoch) e
         LEFT JOIN LATERAL (${groupsOfPage('p.source, p.created_at, p.id')}) q ON TRUE`,
      params,
    ),
    sweepCursors(db),
  ]);
  const { rows, accessEpoch } = epochRows(raw);
  if (rows.length > page.count) rows.pop(); // the next page's first row: only its cursor was wanted
  const totalRead = raw[0]?.total;
  return {
    total: totalRead === null || totalRead === undefined ? rows.length : Number(totalRead),
    records: rows.map((r) => splitGroups(r)!),
    accessEpoch,
  };
}

const CURSOR_SWEEP_MS = 10 * 60_000;
const SWEEP_KEY = Symbol.for('roster.page-cursors.swept-at');

/** Deletes expired cursors, at most every CURSOR_SWEEP_MS per process. */
async function sweepCursors(db: Queryable): Promise<void> {
  const holder = globalThis as { [SWEEP_KEY]?: number };
  if (holder[SWEEP_KEY] && Date.now() - holder[SWEEP_KEY] <= CURSOR_SWEEP_MS) return;
  holder[SWEEP_KEY] = Date.now();
  await db.query(`DELETE FROM scim_page_cursors WHERE expires_at < now()`);
}

export interface GroupRef {
  user_id: string;
  id: string;
  display_name: string;
}

export async function groupsOfUsers(db: Queryable, userIds: string[]): Promise<GroupRef[]> {
  if (userIds.length === 0) return [];
  return db.query<GroupRef>(
    `SELECT gm.user_id, g.id, g.display_name FROM group_members gm JOIN groups g ON g.id = gm.group_id
      WHERE gm.user_id = ANY($1::uuid[]) ORDER BY g.display_name_key`,
    [userIds],
  );
}

// --- groups -------------------------------------------------------------------

export async function insertGroup(db: Queryable, doc: Document): Promise<GroupRow> {
  const c = groupColumns(doc);
  const [row] = await db.query<GroupRow>(
    `INSERT INTO groups AS g (id, display_name, display_name_key, external_id, attributes, source)
     VALUES (gen_random_uuid(), $1, $2, $3, $4::jsonb, 'SCIM') RETURNING ${GROUP_COLUMNS}`,
    [c.display_name, c.display_name_key, c.external_id, JSON.stringify(doc)],
  );
  return row;
}

export async function findGroup(db: Queryable, id: string, { lock = false } = {}): Promise<GroupRow | undefined> {
  const [row] = await db.query<GroupRow>(`SELECT ${GROUP_COLUMNS} FROM groups g WHERE g.id = $1${lock ? ' FOR UPDATE' : ''}`, [id]);
  return row;
}

export async function updateGroup(db: Queryable, id: string, doc: Document): Promise<GroupRow> {
  const c = groupColumns(doc);
  const [row] = await db.query<GroupRow>(
    `UPDATE groups AS g SET display_name = $2, display_name_key = $3, external_id = $4, attributes = $5::jsonb, version = g.version + 1, updated_at = now()
      WHERE g.id = $1 RETURNING ${GROUP_COLUMNS}`,
    [id, c.display_name, c.display_name_key, c.external_id, JSON.stringify(doc)],
  );
  return row;
}

/** A membership change bumps the group's version and lastModified without touching its document. */
export async function touchGroup(db: Queryable, id: string): Promise<GroupRow> {
  const [row] = await db.query<GroupRow>(
    `UPDATE groups AS g SET version = g.version + 1, updated_at = now() WHERE g.id = $1 RETURNING ${GROUP_COLUMNS}`,
    [id],
  );
  return row;
}

export async function deleteGroupRow(db: Queryable, id: string): Promise<void> {
  await db.query('DELETE FROM groups WHERE id = $1', [id]);
}

export async function pageGroups(db: Queryable, page: Page): Promise<{ total: number; rows: GroupRow[] }> {
  const n = page.params.length;
  const [{ total }] = await db.query<{ total: number }>(`SELECT count(*)::int AS total FROM groups g WHERE ${page.where}`, page.params);
  if (page.count === 0 || total < page.startIndex) return { total, rows: [] };
  const rows = await db.query<GroupRow>(
    `SELECT ${GROUP_COLUMNS} FROM groups g WHERE ${page.where} ORDER BY ${page.orderBy} LIMIT $${n + 1} OFFSET $${n + 2}`,
    [...page.params, page.count, page.startIndex - 1],
  );
  return { total, rows };
}

export interface MemberRef {
  group_id: string;
  id: string;
  display: string;
}

export async function membersOfGroups(db: Queryable, groupIds: string[]): Promise<MemberRef[]> {
  if (groupIds.length === 0) return [];
  return db.query<MemberRef>(
    `SELECT gm.group_id, u.id, coalesce(u.display_name, u.user_name) AS display
       FROM group_members gm JOIN users u ON u.id = gm.user_id
      WHERE gm.group_id = ANY($1::uuid[]) ORDER BY gm.created_at, gm.user_id`,
    [groupIds],
  );
}

/**
 * Adds members that exist; returns the ids that were not users (to report as ignored). Cost: one row per member.
 * FOR KEY SHARE waits for a user being deleted at this moment and then skips it,
 * instead of failing the whole request on the foreign key.
 */
export async function addMembers(db: Queryable, groupId: string, userIds: string[]): Promise<string[]> {
  if (userIds.length === 0) return [];
  const found = await db.query<{ id: string }>(
    `INSERT INTO group_members (group_id, user_id)
       SELECT $1, u.id FROM users u WHERE u.id = ANY($2::uuid[]) FOR KEY SHARE
     ON CONFLICT DO NOTHING RETURNING user_id AS id`,
    [groupId, userIds],
  );
  if (found.length === userIds.length) return [];
  const existing = await db.query<{ id: string }>(`SELECT id FROM users WHERE id = ANY($1::uuid[])`, [userIds]);
  const known = new Set(existing.map((r) => r.id));
  return userIds.filter((id) => !known.has(id));
}

export async function removeMembers(db: Queryable, groupId: string, userIds: string[] | 'all'): Promise<void> {
  if (userIds === 'all') await db.query('DELETE FROM group_members WHERE group_id = $1', [groupId]);
  else if (userIds.length) await db.query('DELETE FROM group_members WHERE group_id = $1 AND user_id = ANY($2::uuid[])', [groupId, userIds]);
}
