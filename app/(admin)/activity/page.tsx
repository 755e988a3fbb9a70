import type { Metadata } from 'next';
import Link from 'next/link';
import { ActivityFilters } from '@/components/activity/activity-filters';
import { ActivityList } from '@/components/activity/activity-list';
import { hrefWith } from '@/components/data-table/url';
import { PageHeader } from '@/components/shell/page-header';
import { Alert } from '@/components/ui/alert';
import { buttonClass } from '@/components/ui/button';
import { EmptyState } from '@/components/ui/empty-state';
import { requireAdmin } from '@/lib/auth/session';
import { listActivity } from '@/lib/services/activity-log';
import { listInfraTokens } from '@/lib/services/tokens';
import { parseActivityFilter } from '@/lib/validations/activity-filter';
import type { SearchParams } from '@/lib/validations/search-params';

export const metadata: Metadata = { title: 'Activity' };

/** The log of SCIM requests and admin actions, newest first, in keyset pages. */
export default async function ActivityPage({ searchParams }: { searchParams: Promise<SearchParams> }) {
  await requireAdmin();
  const params = await searchParams;
  const filter = parseActivityFilter(params);
  const [page, tokens] = await Promise.all([listActivity(filter), listInfraTokens()]);
  const filtered = Boolean(filter.kind || filter.errors || filter.token || filter.user);
  return (
    <>
      <PageHeader title="Activity" description="What your IdP and your admins did, newest first. Open an entry to see what changed and what was ignored." />
      <ActivityFilters filter={filter} tokens={tokens.map((t) => ({ id: t.id, label: `${t.label} (${t.prefix}…)` }))} />
      {filter.user && page.user === null ? (
        <Alert tone="warning" className="mb-4">
          No user matches “{filter.user}”. Enter a userName, an email address or a user id.
        </Alert>
      ) : null}
      {page.user ? (
        <p className="mb-3 text-sm text-zinc-600 dark:text-zinc-400">
          Entries about{' '}
          <Link href={`/users/${page.user.id}`} className="text-brand-700 underline dark:text-brand-100">
            {page.user.userName}
          </Link>
          .
        </p>
      ) : null}
      {page.entries.length ? (
        <ActivityList entries={page.entries} />
      ) : filter.before ? (
        <EmptyState title="No older entries">You reached the beginning of the log.</EmptyState>
      ) : filtered ? (
        <EmptyState title="No matching entries" action={<Link href="/activity" className="text-sm text-brand-700 underline dark:text-brand-100">Clear filters</Link>}>
          Nothing in the log matches these filters.
        </EmptyState>
      ) : (
        <EmptyState title="No activity yet">SCIM requests and admin actions will be listed here.</EmptyState>
      )}
      <nav aria-label="Activity pages" className="flex flex-wrap justify-between gap-2 py-3">
        {filter.before ? (
          <Link href={hrefWith('/activity', params, { before: null })} className={buttonClass('secondary')}>
            « Newest
          </Link>
        ) : (
          <span />
        )}
        {page.olderThan ? (
          <Link href={hrefWith('/activity', params, { before: page.olderThan })} rel="next" className={buttonClass('secondary')}>
            Older entries ›
          </Link>
        ) : null}
      </nav>
    </>
  );
}
