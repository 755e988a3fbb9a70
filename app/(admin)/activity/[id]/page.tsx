import type { Metadata } from 'next';
import Link from 'next/link';
import { notFound } from 'next/navigation';
import { ActivityDetails } from '@/components/activity/activity-details';
import { PageHeader } from '@/components/shell/page-header';
import { requireAdmin } from '@/lib/auth/session';
import { getActivityEntry } from '@/lib/services/activity-log';

export const metadata: Metadata = { title: 'Activity entry' };

export default async function ActivityEntryPage({ params }: { params: Promise<{ id: string }> }) {
  await requireAdmin();
  const { id } = await params;
  const entry = await getActivityEntry(id);
  if (!entry) notFound();
  return (
    <>
      <p className="mb-2 text-sm">
        <Link href="/activity" className="text-brand-700 hover:underline dark:text-brand-100">
          ← Activity
        </Link>
      </p>
      <PageHeader title={`Activity #${entry.id}`} description={entry.summary} />
      <ActivityDetails entry={entry} />
    </>
  );
}
