import { Skeleton } from '@/components/ui/skeleton';

/** Loading placeholders shaped like the page that is coming, announced once to screen readers. */
function Loading({ label, children }: { label: string; children: React.ReactNode }) {
  return (
    <div aria-busy="true" role="status" aria-label={label}>
      <span className="sr-only">{label}</span>
      {children}
    </div>
  );
}

export function HeaderSkeleton() {
  return (
    <div className="mb-6 space-y-2">
      <Skeleton className="h-8 w-48" />
      <Skeleton className="h-4 w-80 max-w-full" />
    </div>
  );
}

export function TablePageSkeleton({ label, filters = true, rows = 10 }: { label: string; filters?: boolean; rows?: number }) {
  return (
    <Loading label={label}>
      <HeaderSkeleton />
      {filters ? <Skeleton className="mb-4 h-9 w-full" /> : null}
      <div className="space-y-px overflow-hidden rounded-lg border border-zinc-200 dark:border-zinc-800">
        <Skeleton className="h-10 w-full rounded-none" />
        {Array.from({ length: rows }, (_, i) => (
          <Skeleton key={i} className="h-11 w-full rounded-none opacity-70" />
        ))}
      </div>
    </Loading>
  );
}

export function CardsPageSkeleton({ label, cards = 6 }: { label: string; cards?: number }) {
  return (
    <Loading label={label}>
      <HeaderSkeleton />
      <div className="grid gap-4 sm:grid-cols-2 lg:grid-cols-3">
        {Array.from({ length: cards }, (_, i) => (
          <Skeleton key={i} className="h-24 w-full" />
        ))}
      </div>
    </Loading>
  );
}

export function SectionsPageSkeleton({ label, sections = 3 }: { label: string; sections?: number }) {
  return (
    <Loading label={label}>
      <HeaderSkeleton />
      <div className="space-y-4">
        {Array.from({ length: sections }, (_, i) => (
          <Skeleton key={i} className="h-44 w-full" />
        ))}
      </div>
    </Loading>
  );
}
