import Link from 'next/link';
import { cn } from '@/components/ui/cn';

const linkClass =
  'inline-flex h-9 items-center rounded-md border border-zinc-300 bg-white px-3 text-sm font-medium hover:bg-zinc-50 dark:border-zinc-700 dark:bg-zinc-900 dark:hover:bg-zinc-800';
const disabledClass = 'pointer-events-none opacity-40';

/**
 * Page links for an offset-paged list: first, previous, next, last, with
 * "21–40 of 100,000". Plain links, so every page has a URL and works
 * without JavaScript; `hrefFor` builds them (server or client).
 */
export function Pager({
  page,
  pageCount,
  total,
  size,
  hrefFor,
  noun,
  children,
}: {
  page: number;
  pageCount: number;
  total: number;
  size: number;
  hrefFor: (page: number) => string;
  noun: string;
  children?: React.ReactNode;
}) {
  const from = total === 0 ? 0 : Math.min((page - 1) * size + 1, total);
  const to = Math.min(page * size, total);
  const links: { label: string; page: number; enabled: boolean; rel?: string; aria: string }[] = [
    { label: '« First', page: 1, enabled: page > 1, aria: 'First page' },
    { label: '‹ Previous', page: page - 1, enabled: page > 1, rel: 'prev', aria: 'Previous page' },
    { label: 'Next ›', page: page + 1, enabled: page < pageCount, rel: 'next', aria: 'Next page' },
    { label: 'Last »', page: pageCount, enabled: page < pageCount, aria: 'Last page' },
  ];
  return (
    <nav aria-label={`${noun} pages`} className="flex flex-wrap items-center justify-between gap-3 py-3">
      <p className="text-sm text-zinc-600 dark:text-zinc-400" aria-live="polite">
        {total === 0 ? `No ${noun}` : `${from.toLocaleString('en-US')}–${to.toLocaleString('en-US')} of ${total.toLocaleString('en-US')} ${noun}`}
        {pageCount > 1 ? ` · page ${page.toLocaleString('en-US')} of ${pageCount.toLocaleString('en-US')}` : ''}
      </p>
      <div className="flex flex-wrap items-center gap-2">
        {children}
        {links.map((l) =>
          l.enabled ? (
            <Link key={l.label} href={hrefFor(l.page)} rel={l.rel} aria-label={l.aria} className={linkClass} scroll={false}>
              {l.label}
            </Link>
          ) : (
            <span key={l.label} aria-disabled="true" aria-label={l.aria} className={cn(linkClass, disabledClass)}>
              {l.label}
            </span>
          ),
        )}
      </div>
    </nav>
  );
}
