/**
 * SQL that reads the activity log for the dashboard. Pages are keyset pages
 * (newest first, "older than entry N"), so page 500 costs what page 1 costs
 * however long the log grows; each filter has an index on (column, created_at).
 */
import type { Queryable } from './sql';

export interface ActivityQuery {
  kind?: 'SCIM' | 'ADMIN' | 'AUTH' | 'SYSTEM';
  errorsOnly?: boolean;
  tokenId?: string;
  /** Entries about this resource (a user's id). */
  resourceId?: string;
  /** Entries older than this id (by created_at, then id). */
  beforeId?: string;
  limit: number;
}

export interface ActivityRow {
  id: string;
  created_at: Date;
  kind: 'SCIM' | 'ADMIN' | 'AUTH' | 'SYSTEM';
  action: string;
  status: number | null;
  method: string | null;
  path: string | null;
  duration_ms: number | null;
  token_id: string | null;
  token_label: string | null;
  actor_id: string | null;
  actor_name: string | null;
  resource_type: string | null;
  resource_id: string | null;
  resource_name: string | null;
  summary: string;
}

export interface ActivityDetailRow extends ActivityRow {
  details: unknown;
}

const COLUMNS = `a.id::text AS id, a.created_at, a.kind, a.action, a.status, a.method, a.path, a.duration_ms, a.token_id, a.token_label,
  a.actor_id, a.actor_name, a.resource_type, a.resource_id, a.resource_name, a.summary`;

export async function selectActivityPage(db: Queryable, q: ActivityQuery): Promise<ActivityRow[]> {
  const parts: string[] = [];
  const params: unknown[] = [];
  const add = (sql: (p: string) => string, value: unknown) => {
    params.push(value);
    parts.push(sql(`$${params.length}`));
  };
  if (q.kind) add((p) => `a.kind = ${p}::"ActivityKind"`, q.kind);
  if (q.errorsOnly) parts.push('a.status >= 400');
  if (q.tokenId) add((p) => `a.token_id = ${p}::uuid`, q.tokenId);
  if (q.resourceId) add((p) => `a.resource_id = ${p}`, q.resourceId);
  if (q.beforeId) {
    // The redundant `created_at <=` bound lets the (column, created_at) indexes serve the cursor.
    add(
      (p) => `a.created_at <= (SELECT created_at FROM activity_log WHERE id = ${p}::bigint)
          AND (a.created_at, a.id) < (SELECT created_at, id FROM activity_log WHERE id = ${p}::bigint)`,
      q.beforeId,
    );
  }
  params.push(q.limit);
  return db.query<ActivityRow>(
    `SELECT ${COLUMNS} FROM activity_log a
      WHERE ${parts.length ? parts.join(' AND ') : 'TRUE'}
      ORDER BY a.created_at DESC, a.id DESC
      LIMIT $${params.length}`,
    params,
  );
}

export async function selectActivityEntry(db: Queryable, id: string): Promise<ActivityDetailRow | undefined> {
  const [row] = await db.query<ActivityDetailRow>(`SELECT ${COLUMNS}, a.details FROM activity_log a WHERE a.id = $1::bigint`, [id]);
  return row;
}

export interface ScimTraffic {
  requests: number;
  errors: number;
  last_at: Date | null;
}

/** SCIM requests and errors since `since`, and the time of the last SCIM request ever. */
export async function selectScimTraffic(db: Queryable, since: Date): Promise<ScimTraffic> {
  const [row] = await db.query<ScimTraffic>(
    `SELECT count(*)::int AS requests,
            count(*) FILTER (WHERE a.status >= 400)::int AS errors,
            (SELECT max(created_at) FROM activity_log WHERE kind = 'SCIM') AS last_at
       FROM activity_log a
      WHERE a.kind = 'SCIM' AND a.created_at >= $1`,
    [since],
  );
  return row;
}
