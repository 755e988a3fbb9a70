/**
 * Reading the activity log for the dashboard: filtered keyset pages, one
 * entry's details, a user's provisioning history and the SCIM traffic
 * figures. The log never holds a token or a password (see activity.ts), and
 * its free-form `details` column is parsed here, at the edge, before any
 * page sees it.
 */
import { z } from 'zod';
import { getDb } from '../db';
import { selectActivityEntry, selectActivityPage, selectScimTraffic, type ActivityRow } from '../db/activity-queries';
import { isResourceId } from '../db/scim-rows';
import type { ActivityFilter } from '../validations/activity-filter';

export const ACTIVITY_PAGE_SIZE = 50;

export interface ActivityItem {
  id: string;
  at: Date;
  kind: ActivityRow['kind'];
  action: string;
  status: number | null;
  method: string | null;
  path: string | null;
  durationMs: number | null;
  token: { id: string | null; label: string } | null;
  actor: { id: string | null; name: string } | null;
  resource: { type: string | null; id: string | null; name: string | null } | null;
  summary: string;
}

function toItem(r: ActivityRow): ActivityItem {
  return {
    id: r.id,
    at: r.created_at,
    kind: r.kind,
    action: r.action,
    status: r.status,
    method: r.method,
    path: r.path,
    durationMs: r.duration_ms,
    token: r.token_id || r.token_label ? { id: r.token_id, label: r.token_label ?? '' } : null,
    actor: r.actor_id || r.actor_name ? { id: r.actor_id, name: r.actor_name ?? '' } : null,
    resource: r.resource_type || r.resource_id || r.resource_name ? { type: r.resource_type, id: r.resource_id, name: r.resource_name } : null,
    summary: r.summary,
  };
}

export interface ActivityPage {
  entries: ActivityItem[];
  /** Cursor of the next (older) page, if there is one. */
  olderThan: string | null;
  /** The user the `user` filter resolved to; null when it named nobody. */
  user?: { id: string; userName: string } | null;
}

/**
 * A user filter may be an id, a userName or an email address. An id is
 * taken as is even when the user is gone: a deleted user's history stays
 * in the log, and that is often what an admin is looking for.
 */
async function resolveUser(text: string): Promise<{ id: string; userName: string } | null> {
  const { prisma } = await getDb();
  const key = text.trim().toLowerCase();
  const user = await prisma.user.findFirst({
    where: isResourceId(text) ? { id: text } : { OR: [{ userNameKey: key }, { emailKeys: { has: key } }] },
    select: { id: true, userName: true },
  });
  return user ?? (isResourceId(text) ? { id: text.toLowerCase(), userName: text } : null);
}

export async function listActivity(filter: ActivityFilter): Promise<ActivityPage> {
  const { sql } = await getDb();
  let user: ActivityPage['user'];
  if (filter.user) {
    user = await resolveUser(filter.user);
    if (!user) return { entries: [], olderThan: null, user: null };
  }
  const rows = await selectActivityPage(sql, {
    kind: filter.kind,
    errorsOnly: filter.errors,
    tokenId: filter.token,
    resourceId: user?.id,
    beforeId: filter.before,
    limit: ACTIVITY_PAGE_SIZE + 1,
  });
  const entries = rows.slice(0, ACTIVITY_PAGE_SIZE).map(toItem);
  return { entries, olderThan: rows.length > ACTIVITY_PAGE_SIZE ? entries[entries.length - 1].id : null, user };
}

/** What the SCIM wrapper and the admin services put in `details`; anything else is kept as extra. */
const detailsSchema = z
  .object({
    changed: z.array(z.string()).optional().catch(undefined),
    ignored: z.array(z.string()).optional().catch(undefined),
    error: z.string().optional().catch(undefined),
    userAgent: z.string().optional().catch(undefined),
  })
  .catchall(z.unknown());

export interface ActivityDetail extends ActivityItem {
  changed: string[];
  ignored: string[];
  error: string | null;
  userAgent: string | null;
  /** Other recorded facts, as JSON. */
  extra: Record<string, unknown>;
}

export async function getActivityEntry(id: string): Promise<ActivityDetail | null> {
  if (!/^\d{1,18}$/.test(id)) return null;
  const { sql } = await getDb();
  const row = await selectActivityEntry(sql, id);
  if (!row) return null;
  const parsed = detailsSchema.safeParse(row.details ?? {});
  const { changed, ignored, error, userAgent, ...extra } = parsed.success ? parsed.data : { extra: row.details };
  return {
    ...toItem(row),
    changed: changed ?? [],
    ignored: ignored ?? [],
    error: error ?? null,
    userAgent: userAgent || null,
    extra,
  };
}

/** The newest entries of the whole log (the Dashboard). */
export async function listRecentActivity(limit = 5): Promise<ActivityItem[]> {
  const { sql } = await getDb();
  return (await selectActivityPage(sql, { limit })).map(toItem);
}

/** The newest entries about one user (provisioning history on the user page). */
export async function listUserHistory(userId: string, limit = 20): Promise<ActivityItem[]> {
  const { sql } = await getDb();
  const rows = await selectActivityPage(sql, { resourceId: userId, limit });
  return rows.map(toItem);
}

export interface ScimTrafficSummary {
  requests: number;
  errors: number;
  lastRequestAt: Date | null;
}

export async function getScimTraffic(hours = 24): Promise<ScimTrafficSummary> {
  const { sql } = await getDb();
  const row = await selectScimTraffic(sql, new Date(Date.now() - hours * 3_600_000));
  return { requests: row.requests, errors: row.errors, lastRequestAt: row.last_at };
}
