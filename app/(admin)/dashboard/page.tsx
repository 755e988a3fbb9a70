import type { Metadata } from 'next';
import Link from 'next/link';
import { ActivityList } from '@/components/activity/activity-list';
import { StatCard } from '@/components/dashboard/stat-card';
import { PageHeader } from '@/components/shell/page-header';
import { Alert } from '@/components/ui/alert';
import { Badge } from '@/components/ui/badge';
import { DateTime } from '@/components/ui/date-time';
import { EmptyState } from '@/components/ui/empty-state';
import { requireAdmin } from '@/lib/auth/session';
import { listRecentActivity } from '@/lib/services/activity-log';
import { getDashboardStats } from '@/lib/services/dashboard-stats';

export const metadata: Metadata = { title: 'Dashboard' };

const n = (v: number) => v.toLocaleString('en-US');

export default async function DashboardPage() {
  const admin = await requireAdmin();
  const [stats, recent] = await Promise.all([getDashboardStats(), listRecentActivity(5)]);
  return (
    <>
      <PageHeader title="Dashboard" description={`Welcome, ${admin.name}.`} />
      {!stats.scimEnabled ? (
        <Alert tone="warning" className="mb-4">
          SCIM Provisioning is off: your IdP cannot provision users.{' '}
          <Link href="/configurations" className="font-medium underline">
            Turn it on in Configurations
          </Link>
          .
        </Alert>
      ) : null}
      <div className="grid gap-4 sm:grid-cols-2 lg:grid-cols-3">
        <StatCard label="Active users" value={n(stats.activeUsers)} href="/users?status=active" />
        <StatCard label="Deprovisioned users" value={n(stats.deprovisionedUsers)} href="/users?status=deprovisioned" />
        <StatCard label="Groups" value={n(stats.groups)} href="/groups" />
        <StatCard
          label="SCIM Provisioning"
          value={stats.scimEnabled ? <Badge tone="green" className="text-base">On</Badge> : <Badge tone="red" className="text-base">Off</Badge>}
          href="/configurations"
        />
        <StatCard
          label="SCIM requests (24 h)"
          value={n(stats.scimRequests24h)}
          detail={
            <>
              {n(stats.scimErrors24h)} error{stats.scimErrors24h === 1 ? '' : 's'}
            </>
          }
          href="/activity?kind=SCIM"
        />
        <StatCard
          label="Last SCIM request"
          value={<span className="text-lg">{stats.lastScimRequestAt ? <DateTime value={stats.lastScimRequestAt} /> : 'Never'}</span>}
          detail={stats.scimErrors24h ? <span className="text-red-700 dark:text-red-300">{n(stats.scimErrors24h)} SCIM error(s) in the last 24 h: see Activity</span> : undefined}
          href={stats.scimErrors24h ? '/activity?kind=SCIM&errors=1' : '/activity?kind=SCIM'}
        />
      </div>
      <section className="mt-8" aria-labelledby="recent">
        <div className="mb-3 flex items-end justify-between">
          <h2 id="recent" className="text-lg font-semibold">
            Recent activity
          </h2>
          <Link href="/activity" className="text-sm text-brand-700 hover:underline dark:text-brand-100">
            All activity →
          </Link>
        </div>
        {recent.length ? <ActivityList entries={recent} label="Recent activity" /> : <EmptyState title="No activity yet" />}
      </section>
    </>
  );
}
