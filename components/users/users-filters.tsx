'use client';

import Link from 'next/link';
import { useId, type FormEvent } from 'react';
import { useUrlState } from '@/components/data-table/use-url-state';
import { Button } from '@/components/ui/button';
import { Input } from '@/components/ui/input';
import { Select } from '@/components/ui/select';
import type { UserListQuery } from '@/lib/validations/user-list';

const FILTERS = ['q', 'status', 'source', 'role'] as const;

/**
 * Search and filters of the Users page. A plain GET form (works without
 * JavaScript); with it, submitting or changing a filter navigates without a
 * full reload and keeps the current sort and page size.
 */
export function UsersFilters({ query }: { query: UserListQuery }) {
  const url = useUrlState();
  const id = useId();
  const apply = (form: HTMLFormElement) => {
    const data = new FormData(form);
    url.navigate({ ...Object.fromEntries(FILTERS.map((k) => [k, String(data.get(k) ?? '').trim() || null])), page: null });
  };
  const onSubmit = (e: FormEvent<HTMLFormElement>) => {
    e.preventDefault();
    apply(e.currentTarget);
  };
  const active = FILTERS.some((k) => query[k] !== undefined);
  return (
    <form role="search" aria-label="Users" method="get" action="/users" onSubmit={onSubmit} className="mb-4 grid grid-cols-3 items-end gap-3 lg:grid-cols-[1fr_auto_auto_auto_auto]">
      <input type="hidden" name="sort" value={query.sort} />
      <input type="hidden" name="dir" value={query.dir} />
      <input type="hidden" name="size" value={query.size} />
      <div className="col-span-3 flex gap-2 lg:col-span-1">
        <label htmlFor={`${id}-q`} className="sr-only">
          Search name, userName or email
        </label>
        <Input id={`${id}-q`} name="q" type="search" defaultValue={query.q ?? ''} placeholder="Search name, userName or email" key={query.q ?? ''} />
        <Button type="submit" variant="secondary">
          Search
        </Button>
      </div>
      {(
        [
          ['status', 'Status', [['active', 'Active'], ['deprovisioned', 'Deprovisioned']]],
          ['source', 'Source', [['scim', 'SCIM'], ['local', 'Local']]],
          ['role', 'Role', [['admin', 'Admin'], ['member', 'Member']]],
        ] as const
      ).map(([name, label, options]) => (
        <div key={name} className="min-w-0 space-y-1">
          <label htmlFor={`${id}-${name}`} className="block text-xs font-medium text-zinc-600 dark:text-zinc-400">
            {label}
          </label>
          <Select id={`${id}-${name}`} name={name} defaultValue={query[name] ?? ''} key={query[name] ?? ''} onChange={(e) => e.currentTarget.form && apply(e.currentTarget.form)} className="lg:w-auto">
            <option value="">All</option>
            {options.map(([value, text]) => (
              <option key={value} value={value}>
                {text}
              </option>
            ))}
          </Select>
        </div>
      ))}
      {active ? (
        <div className="col-span-3 flex h-9 items-center lg:col-span-1">
          <Link href={url.href({ q: null, status: null, source: null, role: null, page: null })} className="text-sm text-brand-700 underline dark:text-brand-100">
            Clear filters
          </Link>
        </div>
      ) : null}
    </form>
  );
}
