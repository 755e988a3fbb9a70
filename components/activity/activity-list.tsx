import Link from 'next/link';
import { DateTime } from '@/components/ui/date-time';
import type { ActivityItem } from '@/lib/services/activity-log';
import { KindBadge, StatusBadge } from './activity-badges';

/** Log entries, newest first; each opens to its details. */
export function ActivityList({ entries, label = 'Activity entries' }: { entries: ActivityItem[]; label?: string }) {
  return (
    <ol aria-label={label} className="divide-y divide-zinc-100 overflow-hidden rounded-lg border border-zinc-200 bg-white dark:divide-zinc-800 dark:border-zinc-800 dark:bg-zinc-900">
      {entries.map((e) => (
        <li key={e.id}>
          <Link
            href={`/activity/${e.id}`}
            className="grid gap-1 px-4 py-3 hover:bg-zinc-50 focus-visible:bg-zinc-50 sm:grid-cols-[11rem_1fr_auto] sm:items-start sm:gap-4 dark:hover:bg-zinc-800/40 dark:focus-visible:bg-zinc-800/40"
          >
            <span className="text-xs text-zinc-500 dark:text-zinc-400">
              <DateTime value={e.at} />
            </span>
            <span className="min-w-0">
              <span className="flex flex-wrap items-center gap-2">
                <KindBadge kind={e.kind} />
                <code className="text-xs text-zinc-600 dark:text-zinc-400">{e.action}</code>
                {e.method ? (
                  <code className="truncate text-xs text-zinc-500 dark:text-zinc-400">
                    {e.method} {e.path}
                  </code>
                ) : null}
              </span>
              <span className="mt-1 block break-words text-sm">{e.summary || '—'}</span>
              {e.token || e.actor ? (
                <span className="mt-0.5 block text-xs text-zinc-500 dark:text-zinc-400">
                  {e.token ? `InfraToken ${e.token.label}` : `By ${e.actor?.name}`}
                </span>
              ) : null}
            </span>
            <span className="flex items-center gap-2 sm:justify-end">
              <StatusBadge status={e.status} />
              {e.durationMs !== null ? <span className="text-xs tabular-nums text-zinc-500 dark:text-zinc-400">{e.durationMs} ms</span> : null}
            </span>
          </Link>
        </li>
      ))}
    </ol>
  );
}
