import Link from 'next/link';
import { Card, CardBody, CardHeader } from '@/components/ui/card';
import { DateTime } from '@/components/ui/date-time';
import { DescriptionList } from '@/components/ui/description-list';
import type { ActivityDetail } from '@/lib/services/activity-log';
import { KindBadge, StatusBadge } from './activity-badges';

const linkClass = 'text-brand-700 underline dark:text-brand-100';

function NameList({ names, empty }: { names: string[]; empty: string }) {
  if (!names.length) return <span className="text-zinc-500 dark:text-zinc-400">{empty}</span>;
  return (
    <ul className="flex flex-wrap gap-1.5">
      {names.map((n) => (
        <li key={n}>
          <code className="rounded bg-zinc-100 px-1.5 py-0.5 text-xs dark:bg-zinc-800">{n}</code>
        </li>
      ))}
    </ul>
  );
}

/** Everything recorded about one request or action, to debug an IdP mapping. */
export function ActivityDetails({ entry }: { entry: ActivityDetail }) {
  const resourceHref = entry.resource?.id && entry.resource.type === 'User' ? `/users/${entry.resource.id}` : entry.resource?.id && entry.resource.type === 'Group' ? `/groups/${entry.resource.id}` : null;
  return (
    <div className="space-y-4">
      <Card>
        <CardHeader title={entry.kind === 'SCIM' ? 'Request' : 'Event'} />
        <CardBody>
          <DescriptionList
            className="-my-2.5"
            items={[
              { label: 'When', value: <DateTime value={entry.at} /> },
              { label: 'Kind', value: <KindBadge kind={entry.kind} /> },
              { label: 'Action', value: <code className="text-xs">{entry.action}</code> },
              // Admin actions have no HTTP request: their rows are left out rather than shown empty.
              ...(entry.method ? [{ label: 'Method', value: entry.method }] : []),
              ...(entry.path ? [{ label: 'Path', value: <code className="break-all text-xs">{entry.path}</code> }] : []),
              ...(entry.status !== null ? [{ label: 'Status', value: <StatusBadge status={entry.status} /> }] : []),
              ...(entry.durationMs !== null ? [{ label: 'Duration', value: `${entry.durationMs} ms` }] : []),
              {
                label: 'InfraToken',
                value: entry.token ? (
                  entry.token.id ? (
                    <Link href={`/activity?token=${entry.token.id}`} className={linkClass}>
                      {entry.token.label}
                    </Link>
                  ) : (
                    entry.token.label
                  )
                ) : (
                  '—'
                ),
              },
              { label: 'Admin', value: entry.actor?.name || '—' },
              {
                label: 'Resource',
                value: entry.resource ? (
                  <>
                    {entry.resource.type ?? ''}{' '}
                    {resourceHref ? (
                      <Link href={resourceHref} className={linkClass}>
                        {entry.resource.name ?? entry.resource.id}
                      </Link>
                    ) : (
                      (entry.resource.name ?? entry.resource.id ?? '')
                    )}
                  </>
                ) : (
                  '—'
                ),
              },
              ...(entry.userAgent ? [{ label: 'User agent', value: entry.userAgent }] : []),
            ]}
          />
        </CardBody>
      </Card>
      <Card>
        <CardHeader title="Outcome" description={entry.summary || undefined} />
        <CardBody>
          <DescriptionList
            className="-my-2.5"
            items={[
              { label: 'Changed attributes', value: <NameList names={entry.changed} empty="None" /> },
              {
                label: 'Ignored attributes',
                value: (
                  <div className="space-y-1">
                    <NameList names={entry.ignored} empty="None" />
                    {entry.ignored.length ? (
                      <p className="text-xs text-zinc-500 dark:text-zinc-400">
                        Sent by the IdP but not in this instance&apos;s schema: map them to a custom attribute under{' '}
                        <Link href="/configurations" className={linkClass}>
                          Configurations
                        </Link>
                        , or remove them from the IdP mapping.
                      </p>
                    ) : null}
                  </div>
                ),
              },
              ...(entry.error ? [{ label: 'Error', value: <span className="text-red-700 dark:text-red-300">{entry.error}</span> }] : []),
              ...(Object.keys(entry.extra).length
                ? [{ label: 'Other details', value: <pre className="relative overflow-x-auto whitespace-pre-wrap text-xs">{JSON.stringify(entry.extra, null, 2)}</pre> }]
                : []),
            ]}
          />
        </CardBody>
      </Card>
    </div>
  );
}
