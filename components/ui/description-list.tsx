import type { ReactNode } from 'react';
import { cn } from './cn';

/** Label/value pairs, stacked on phones and side by side from `sm` up. */
export function DescriptionList({ items, className }: { items: { label: ReactNode; value: ReactNode; key?: string }[]; className?: string }) {
  return (
    <dl className={cn('divide-y divide-zinc-100 dark:divide-zinc-800', className)}>
      {items.map((item, i) => (
        <div key={item.key ?? i} className="grid gap-1 py-2.5 sm:grid-cols-[12rem_1fr] sm:gap-4">
          <dt className="text-sm font-medium text-zinc-600 dark:text-zinc-400">{item.label}</dt>
          <dd className="min-w-0 break-words text-sm">{item.value}</dd>
        </div>
      ))}
    </dl>
  );
}
