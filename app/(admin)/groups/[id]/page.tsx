import type { Metadata } from 'next';
import Link from 'next/link';
import { notFound } from 'next/navigation';
import { Pager } from '@/components/data-table/pager';
import { hrefWith } from '@/components/data-table/url';
import { MembersTable } from '@/components/groups/members-table';
import { PageHeader } from '@/components/shell/page-header';
import { UserSourceBadge } from '@/components/users/user-badges';
import { Card, CardBody } from '@/components/ui/card';
import { DateTime } from '@/components/ui/date-time';
import { DescriptionList } from '@/components/ui/description-list';
import { EmptyState } from '@/components/ui/empty-state';
import { requireAdmin } from '@/lib/auth/session';
import { getGroupProfile } from '@/lib/services/directory-groups';
import { parseMemberListQuery } from '@/lib/validations/group-list';
import type { SearchParams } from '@/lib/validations/search-params';

export const metadata: Metadata = { title: 'Group' };

/** One group and a page of its members. */
export default async function GroupPage({ params, searchParams }: { params: Promise<{ id: string }>; searchParams: Promise<SearchParams> }) {
  await requireAdmin();
  const [{ id }, search] = await Promise.all([params, searchParams]);
  const group = await getGroupProfile(id, parseMemberListQuery(search));
  if (!group) notFound();
  const { members } = group;
  return (
    <>
      <p className="mb-2 text-sm">
        <Link href="/groups" className="text-brand-700 hover:underline dark:text-brand-100">
          ← Groups
        </Link>
      </p>
      <PageHeader title={group.name} description={`${members.total.toLocaleString('en-US')} member(s)`} actions={<UserSourceBadge source={group.source} />} />
      <Card className="mb-6">
        <CardBody>
          <DescriptionList
            className="-my-2.5"
            items={[
              { label: 'id', value: <code className="break-all text-xs">{group.id}</code> },
              { label: 'externalId', value: group.externalId ?? '—' },
              { label: 'Created', value: <DateTime value={group.createdAt} /> },
              { label: 'Updated', value: <DateTime value={group.updatedAt} /> },
              { label: 'Version (ETag)', value: `W/"${group.version}"` },
            ]}
          />
        </CardBody>
      </Card>
      <h2 className="text-lg font-semibold">Members</h2>
      <p className="mb-3 text-sm text-zinc-600 dark:text-zinc-400">Most recently added first.</p>
      {members.total === 0 ? (
        <EmptyState title="No members">Your IdP has not pushed any member for this group.</EmptyState>
      ) : (
        <>
          {members.items.length ? (
            <MembersTable members={members.items} />
          ) : (
            <EmptyState title="Past the last page">
              <Link href={hrefWith(`/groups/${group.id}`, search, { page: members.pageCount })} className="text-brand-700 underline dark:text-brand-100">
                Go to the last page
              </Link>
            </EmptyState>
          )}
          <Pager
            page={members.page}
            pageCount={members.pageCount}
            total={members.total}
            size={members.size}
            noun="members"
            hrefFor={(p) => hrefWith(`/groups/${group.id}`, search, { page: p === 1 ? null : p })}
          />
        </>
      )}
    </>
  );
}
