/**
 * The activity log: every SCIM request and every privileged admin action
 * writes one row. Writers never wait for it on the hot path (SCIM handlers
 * call it from `after()`), and a failure to log never fails the request.
 * Nothing secret is ever written here: no tokens, no passwords.
 */
import type { Prisma } from '../db/generated/client';
import { getDb } from '../db';

export type ActivityKind = 'SCIM' | 'ADMIN' | 'AUTH' | 'SYSTEM';

export interface ActivityInput {
  kind: ActivityKind;
  action: string;
  summary?: string;
  status?: number;
  method?: string;
  path?: string;
  durationMs?: number;
  tokenId?: string;
  tokenLabel?: string;
  actorId?: string;
  actorName?: string;
  resourceType?: string;
  resourceId?: string;
  resourceName?: string;
  details?: Prisma.InputJsonValue;
}

/** PostgreSQL text cannot hold U+0000, and client text (filters, paths) may carry it. */
function clean<T>(value: T): T {
  if (typeof value === 'string') return value.replace(/\u0000/g, '\uFFFD') as T;
  if (Array.isArray(value)) return value.map(clean) as T;
  if (value && typeof value === 'object') return Object.fromEntries(Object.entries(value).map(([k, v]) => [clean(k), clean(v)])) as T;
  return value;
}

/** Retention: entries older than this many days are pruned (ROSTER_ACTIVITY_RETENTION_DAYS, default 90). */
export function retentionDays(): number {
  const days = Number(process.env.ROSTER_ACTIVITY_RETENTION_DAYS ?? 90);
  return Number.isFinite(days) && days >= 1 ? Math.floor(days) : 90;
}

const PRUNE_EVERY_MS = 10 * 60_000;
const PRUNE_BATCH = 5_000;
const PRUNE_KEY = Symbol.for('roster.activity.pruned-at');
type PruneHolder = { [PRUNE_KEY]?: number };

/**
 * Deletes expired entries in small batches (index on created_at), at most
 * every ten minutes per process, so the log stays bounded without a job
 * scheduler and without a long lock.
 */
export async function pruneActivity(now = Date.now(), force = false): Promise<number> {
  const holder = globalThis as PruneHolder;
  if (!force && holder[PRUNE_KEY] && now - holder[PRUNE_KEY] < PRUNE_EVERY_MS) return 0;
  holder[PRUNE_KEY] = now;
  const { sql } = await getDb();
  const cutoff = new Date(now - retentionDays() * 86_400_000);
  let total = 0;
  for (let i = 0; i < 20; i++) {
    const rows = await sql.query<{ n: number }>(
      `WITH gone AS (DELETE FROM activity_log WHERE id IN (SELECT id FROM activity_log WHERE created_at < $1 ORDER BY created_at LIMIT $2) RETURNING 1)
       SELECT count(*)::int AS n FROM gone`,
      [cutoff, PRUNE_BATCH],
    );
    total += rows[0].n;
    if (rows[0].n < PRUNE_BATCH) break;
  }
  return total;
}

export async function recordActivity(entry: ActivityInput): Promise<void> {
  try {
    const { prisma } = await getDb();
    await prisma.activityEntry.create({ data: clean({ ...entry, summary: entry.summary ?? '' }) });
    await pruneActivity();
  } catch (err) {
    console.error('[activity] could not record', entry.action, err instanceof Error ? err.message : err);
  }
}
