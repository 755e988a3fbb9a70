import type { SelectHTMLAttributes } from 'react';
import { cn } from './cn';

export const selectClass =
  'block h-9 w-full rounded-md border border-zinc-300 bg-white px-2.5 pr-8 text-sm shadow-xs focus:border-brand-500 focus:outline-none focus:ring-2 focus:ring-brand-500/30 dark:border-zinc-700 dark:bg-zinc-900';

export function Select({ className, ...props }: SelectHTMLAttributes<HTMLSelectElement>) {
  return <select {...props} className={cn(selectClass, className)} />;
}
