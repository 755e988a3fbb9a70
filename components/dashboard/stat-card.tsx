import Link from 'next/link';
import type { ReactNode } from 'react';
import { Card } from '@/components/ui/card';

/** One figure on the Dashboard; the whole card links to the page behind it. */
export function StatCard({ label, value, detail, href }: { label: string; value: ReactNode; detail?: ReactNode; href: string }) {
  return (
    <Card className="transition-colors hover:border-brand-500/50">
      <Link href={href} className="block rounded-lg px-5 py-4">
        <p className="text-sm text-zinc-600 dark:text-zinc-400">{label}</p>
        <p className="mt-1 text-3xl font-semibold tabular-nums" data-testid={`stat-${label.toLowerCase().replace(/[^a-z0-9]+/g, '-')}`}>
          {value}
        </p>
        {detail ? <p className="mt-1 text-xs text-zinc-500 dark:text-zinc-400">{detail}</p> : null}
      </Link>
    </Card>
  );
}
