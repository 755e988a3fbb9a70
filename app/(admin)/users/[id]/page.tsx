import type { Metadata } from 'next';
import Link from 'next/link';
import { notFound } from 'next/navigation';
import { ActivityList } from '@/components/activity/activity-list';
import { PageHeader } from '@/components/shell/page-header';
import { AttributeSections } from '@/components/users/attribute-sections';
import { RoleForm } from '@/components/users/role-form';
import { UserRoleBadge, UserSourceBadge, UserStatusBadge } from '@/components/users/user-badges';
import { Alert } from '@/components/ui/alert';
import { Card, CardBody, CardHeader } from '@/components/ui/card';
import { DateTime } from '@/components/ui/date-time';
import { DescriptionList } from '@/components/ui/description-list';
import { EmptyState } from '@/components/ui/empty-state';
import { requireAdmin } from '@/lib/auth/session';
import { listUserHistory } from '@/lib/services/activity-log';
import { describeDocument } from '@/lib/services/attribute-display';
import { PROFILE_GROUP_LIMIT, getUserProfile } from '@/lib/services/directory-users';
import { loadInstanceSchemas } from '@/lib/services/scim-schemas';

export const metadata: Metadata = { title: 'User' };

const linkClass = 'text-brand-700 hover:underline dark:text-brand-100';

/** One account: every SCIM attribute, groups, provisioning history, and the admin role. */
export default async function UserPage({ params }: { params: Promise<{ id: string }> }) {
  const admin = await requireAdmin();
  const { id } = await params;
  const user = await getUserProfile(id);
  if (!user) notFound();
  const [schemas, history] = await Promise.all([loadInstanceSchemas(), listUserHistory(user.id, 20)]);
  const sections = describeDocument(user.document, schemas.user);

  return (
    <>
      <p className="mb-2 text-sm">
        <Link href="/users" className={linkClass}>
          ← Users
        </Link>
      </p>
      <PageHeader
        title={user.name}
        description={user.userName}
        actions={
          <div className="flex flex-wrap items-center gap-2">
            <UserStatusBadge active={user.active} />
            <UserSourceBadge source={user.source} />
            <UserRoleBadge role={user.role} />
          </div>
        }
      />
      {user.source === 'SCIM' ? (
        <Alert tone="info" className="mb-4">
          Your IdP owns this user&apos;s attributes: change them in Okta or Microsoft Entra ID, not here. The next sync would overwrite any change made
          elsewhere.
        </Alert>
      ) : null}

      <div className="grid gap-4 lg:grid-cols-[1fr_20rem]">
        <div className="min-w-0 space-y-4">
          <AttributeSections sections={sections} />
        </div>
        <div className="space-y-4">
          <Card>
            <CardHeader title="Account" />
            <CardBody>
              <DescriptionList
                className="-my-2.5 [&>div]:sm:grid-cols-1 [&>div]:sm:gap-1"
                items={[
                  { label: 'id', value: <code className="break-all text-xs">{user.id}</code> },
                  { label: 'externalId', value: user.externalId ?? '—' },
                  { label: 'Provisioned', value: <DateTime value={user.createdAt} /> },
                  { label: 'Last updated', value: <DateTime value={user.updatedAt} /> },
                  ...(user.deactivatedAt ? [{ label: 'Deprovisioned', value: <DateTime value={user.deactivatedAt} /> }] : []),
                  { label: 'Last sign-in', value: <DateTime value={user.lastSignInAt} empty="Never" /> },
                  { label: 'Version (ETag)', value: `W/"${user.version}"` },
                ]}
              />
            </CardBody>
          </Card>
          <Card>
            <CardHeader title="Admin role" description={user.role === 'ADMIN' ? 'This user is an admin of this dashboard.' : 'This user is not an admin.'} />
            <CardBody>
              <RoleForm userId={user.id} userName={user.userName} role={user.role} active={user.active} hasPassword={user.hasPassword} isSelf={user.id === admin.id} />
            </CardBody>
          </Card>
          <Card>
            <CardHeader title="Groups" description={`${user.groups.length}${user.groups.length === PROFILE_GROUP_LIMIT ? '+' : ''} group(s)`} />
            <CardBody>
              {user.groups.length ? (
                <ul className="space-y-1 text-sm">
                  {user.groups.map((g) => (
                    <li key={g.id}>
                      <Link href={`/groups/${g.id}`} className={linkClass}>
                        {g.name}
                      </Link>
                    </li>
                  ))}
                </ul>
              ) : (
                <p className="text-sm text-zinc-600 dark:text-zinc-400">Not a member of any group.</p>
              )}
            </CardBody>
          </Card>
        </div>
      </div>

      <section className="mt-8" aria-labelledby="history">
        <div className="mb-3 flex flex-wrap items-end justify-between gap-2">
          <h2 id="history" className="text-lg font-semibold">
            Provisioning history
          </h2>
          <Link href={`/activity?user=${user.id}`} className={`text-sm ${linkClass}`}>
            All activity about this user →
          </Link>
        </div>
        {history.length ? (
          <ActivityList entries={history} />
        ) : (
          <EmptyState title="No history yet">SCIM requests and admin actions about this user will be listed here.</EmptyState>
        )}
      </section>
    </>
  );
}
