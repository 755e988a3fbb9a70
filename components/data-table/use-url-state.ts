'use client';

import { usePathname, useRouter, useSearchParams } from 'next/navigation';
import { useCallback, useTransition } from 'react';
import { hrefWith, type ParamChanges } from './url';

/**
 * Navigates to the same list with some query parameters changed. The server
 * renders the new page; `pending` is true until it arrives, so the table can
 * say it is loading instead of freezing.
 */
export function useUrlState() {
  const router = useRouter();
  const pathname = usePathname();
  const params = useSearchParams();
  const [pending, startTransition] = useTransition();
  const href = useCallback((changes: ParamChanges) => hrefWith(pathname, new URLSearchParams(params.toString()), changes), [pathname, params]);
  const navigate = useCallback(
    (changes: ParamChanges) => startTransition(() => router.push(href(changes), { scroll: false })),
    [router, href],
  );
  return { pending, href, navigate, params };
}
