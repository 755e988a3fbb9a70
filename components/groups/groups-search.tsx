'use client';

import Link from 'next/link';
import { useId, type FormEvent } from 'react';
import { useUrlState } from '@/components/data-table/use-url-state';
import { Button } from '@/components/ui/button';
import { Input } from '@/components/ui/input';

/** Search groups by name; a GET form that navigates in place when JavaScript runs. */
export function GroupsSearch({ q }: { q?: string }) {
  const url = useUrlState();
  const id = useId();
  const onSubmit = (e: FormEvent<HTMLFormElement>) => {
    e.preventDefault();
    url.navigate({ q: String(new FormData(e.currentTarget).get('q') ?? '').trim() || null, page: null });
  };
  return (
    <form role="search" aria-label="Groups" method="get" action="/groups" onSubmit={onSubmit} className="mb-4 flex flex-wrap items-center gap-2">
      <label htmlFor={id} className="sr-only">
        Search groups by name
      </label>
      <Input id={id} name="q" type="search" defaultValue={q ?? ''} key={q ?? ''} placeholder="Search groups by name" className="max-w-sm" />
      <Button type="submit" variant="secondary">
        Search
      </Button>
      {q ? (
        <Link href={url.href({ q: null, page: null })} className="text-sm text-brand-700 underline dark:text-brand-100">
          Clear
        </Link>
      ) : null}
    </form>
  );
}
