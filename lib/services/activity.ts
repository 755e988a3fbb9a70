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

export async function recordActivity(entry: ActivityInput): Promise<void> {
  try {
    const { prisma } = await getDb();
    await prisma.activityEntry.create({ data: clean({ ...entry, summary: entry.summary ?? '' }) });
  } catch (err) {
    console.error('[activity] could not record', entry.action, err instanceof Error ? err.message : err);
  }
}
