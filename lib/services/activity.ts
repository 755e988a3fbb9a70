/**
 * The activity log: every SCIM request and every privileged admin action
 * writes one row. Writers never wait for it on the hot path (SCIM handlers
 * call it from `after()`), and a failure to log never fails the request.
 * Nothing secret is ever written here: no tokens, no passwords.
 */
import type { Prisma } from '../db/generated/client';
import { getDb } from '../db';
import { isDatabaseUnavailable } from '../db/errors';

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

interface Pending {
  entry: ActivityInput;
  attempts: number;
  written?: () => void;
}

interface Writer {
  queue: Pending[];
  running?: Promise<void>;
}

const WRITER_KEY = Symbol.for('roster.activity.writer');
/** Rows per INSERT. */
const BATCH = 500;
/** Entries kept in memory while the database is unreachable; the oldest are dropped beyond this. */
const MAX_QUEUED = 20_000;
const RETRY_MS = 1000;
const MAX_ATTEMPTS = 30;

function writer(): Writer {
  const holder = globalThis as { [WRITER_KEY]?: Writer };
  return (holder[WRITER_KEY] ??= { queue: [] });
}

const COLUMNS = [
  'kind', 'action', 'summary', 'status', 'method', 'path', 'duration_ms', 'token_id', 'token_label',
  'actor_id', 'actor_name', 'resource_type', 'resource_id', 'resource_name', 'details',
] as const;
const TYPES = ['"ActivityKind"', 'text', 'text', 'int', 'text', 'text', 'int', 'uuid', 'text', 'uuid', 'text', 'text', 'text', 'text', 'jsonb'];
// Parameters travel as text[]/int[] (both drivers serialize those arrays) and are cast per element.
const INSERT = `INSERT INTO activity_log (${COLUMNS.join(', ')})
  SELECT ${TYPES.map((t, i) => `c${i}::${t}`).join(', ')}
    FROM unnest(${TYPES.map((t, i) => `$${i + 1}::${t === 'int' ? 'int' : 'text'}[]`).join(', ')}) AS t(${TYPES.map((_, i) => `c${i}`).join(', ')})`;

/** One multi-row INSERT: column arrays, one element per entry (unnest keeps their order, so ids follow arrival). */
async function insertBatch(batch: Pending[]): Promise<void> {
  const columns: unknown[][] = COLUMNS.map(() => []);
  for (const { entry } of batch) {
    const e = clean(entry);
    const values = [
      e.kind, e.action, e.summary ?? '', e.status ?? null, e.method ?? null, e.path ?? null, e.durationMs ?? null, e.tokenId ?? null,
      e.tokenLabel ?? null, e.actorId ?? null, e.actorName ?? null, e.resourceType ?? null, e.resourceId ?? null, e.resourceName ?? null,
      e.details === undefined || e.details === null ? null : JSON.stringify(e.details),
    ];
    values.forEach((v, i) => columns[i].push(v));
  }
  const { sql } = await getDb();
  await sql.query(INSERT, columns);
}

/**
 * Group commit: entries queue in memory and one writer loop inserts whatever
 * has gathered, up to BATCH rows per statement. Alone, an entry is written at
 * once; under load, one INSERT carries many, so logging costs the request
 * path almost nothing. While the database is unreachable, entries wait and
 * are retried (bounded), so a restart loses no record of what the IdP did.
 */
async function drain(w: Writer): Promise<void> {
  await new Promise((resolve) => setImmediate(resolve)); // let entries of the same tick join the batch
  while (w.queue.length > 0) {
    const batch = w.queue.splice(0, BATCH);
    try {
      await insertBatch(batch);
    } catch (err) {
      if (!isDatabaseUnavailable(err)) {
        // A refused entry must not take the others down: write them one by one.
        for (const p of batch) {
          await insertBatch([p]).catch((e) => console.error('[activity] could not record', p.entry.action, e instanceof Error ? e.message : e));
          p.written?.();
        }
        continue;
      }
      // Unreachable: keep the entries and retry (bounded), so a restart loses none.
      batch.forEach((p) => p.written?.());
      const retry = batch.filter((p) => ++p.attempts < MAX_ATTEMPTS);
      if (retry.length < batch.length) console.error(`[activity] gave up on ${batch.length - retry.length} entries after ${MAX_ATTEMPTS} attempts:`, err instanceof Error ? err.message : err);
      for (const p of retry) delete p.written;
      w.queue.unshift(...retry);
      await new Promise((resolve) => setTimeout(resolve, RETRY_MS));
      continue;
    }
    batch.forEach((p) => p.written?.());
  }
  await pruneActivity().catch(() => {});
}

function run(w: Writer): void {
  if (w.running) return;
  w.running = drain(w).finally(() => {
    w.running = undefined;
    if (w.queue.length > 0) run(w);
  });
}

/**
 * Records one entry. Never throws; the promise settles once the entry was
 * written (or given up on), so callers may await it or not: the SCIM route
 * does not, and pays nothing for the log on its request path.
 */
export function recordActivity(entry: ActivityInput): Promise<void> {
  const w = writer();
  if (w.queue.length >= MAX_QUEUED) {
    const dropped = w.queue.shift();
    dropped?.written?.();
    console.error('[activity] queue full while the database is unreachable: dropped the oldest entry', dropped?.entry.action);
  }
  return new Promise((resolve) => {
    w.queue.push({ entry, attempts: 0, written: resolve });
    run(w);
  });
}

/** Waits until every entry recorded so far is written (tests, shutdown). */
export async function flushActivity(): Promise<void> {
  const w = writer();
  while (w.running || w.queue.length > 0) {
    run(w);
    await w.running;
  }
}
