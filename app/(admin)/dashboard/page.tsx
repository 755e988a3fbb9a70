import type { Metadata } from 'next';
import { PageHeader } from '@/components/shell/page-header';
import { Card, CardBody } from '@/components/ui/card';
import { requireAdmin } from '@/lib/auth/session';
import { getDb } from '@/lib/db';

export const metadata: Metadata = { title: 'Dashboard' };

export default async function DashboardPage() {
  const admin = await requireAdmin();
  const { prisma } = await getDb();
  const [active, deprovisioned, groups] = await Promise.all([
    prisma.user.count({ where: { active: true } }),
    prisma.user.count({ where: { active: false } }),
    prisma.group.count(),
  ]);
  const cards = [
    { label: 'Active users', value: active },
    { label: 'Deprovisioned users', value: deprovisioned },
    { label: 'Groups', value: groups },
  ];
  return (
    <>
      <PageHeader title="Dashboard" description={`Welcome, ${admin.name}.`} />
      <div className="grid gap-4 sm:grid-cols-3">
        {cards.map((c) => (
          <Card key={c.label}>
            <CardBody>
              <p className="text-sm text-zinc-600 dark:text-zinc-400">{c.label}</p>
              <p className="mt-1 text-3xl font-semibold tabular-nums">{c.value.toLocaleString('en-US')}</p>
            </CardBody>
          </Card>
        ))}
      </div>
    </>
  );
}
