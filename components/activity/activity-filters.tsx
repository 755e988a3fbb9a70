'use client';

import Link from 'next/link';
import { useId, type FormEvent } from 'react';
import { useUrlState } from '@/components/data-table/use-url-state';
import { Button } from '@/components/ui/button';
import { Input } from '@/components/ui/input';
import { Select } from '@/components/ui/select';
import type { ActivityFilter } from '@/lib/validations/activity-filter';
import { ACTIVITY_KINDS } from '@/lib/validations/activity-filter';

/** Filters of the Activity page; a GET form, applied in place when JavaScript runs. A new filter starts at the newest entry. */
export function ActivityFilters({ filter, tokens }: { filter: ActivityFilter; tokens: { id: string; label: string }[] }) {
  const url = useUrlState();
  const id = useId();
  const apply = (form: HTMLFormElement) => {
    const data = new FormData(form);
    const value = (k: string) => String(data.get(k) ?? '').trim() || null;
    url.navigate({ kind: value('kind'), errors: data.get('errors') ? '1' : null, token: value('token'), user: value('user'), before: null });
  };
  const onSubmit = (e: FormEvent<HTMLFormElement>) => {
    e.preventDefault();
    apply(e.currentTarget);
  };
  const change = (e: { currentTarget: { form: HTMLFormElement | null } }) => e.currentTarget.form && apply(e.currentTarget.form);
  const active = filter.kind || filter.errors || filter.token || filter.user;
  return (
    <form role="search" aria-label="Activity" method="get" action="/activity" onSubmit={onSubmit} className="mb-4 flex flex-wrap items-end gap-3">
      <div className="space-y-1">
        <label htmlFor={`${id}-kind`} className="block text-xs font-medium text-zinc-600 dark:text-zinc-400">
          Kind
        </label>
        <Select id={`${id}-kind`} name="kind" defaultValue={filter.kind ?? ''} key={filter.kind ?? ''} onChange={change} className="w-auto">
          <option value="">All</option>
          {ACTIVITY_KINDS.map((k) => (
            <option key={k} value={k}>
              {k}
            </option>
          ))}
        </Select>
      </div>
      <div className="space-y-1">
        <label htmlFor={`${id}-token`} className="block text-xs font-medium text-zinc-600 dark:text-zinc-400">
          InfraToken
        </label>
        <Select id={`${id}-token`} name="token" defaultValue={filter.token ?? ''} key={filter.token ?? ''} onChange={change} className="w-auto max-w-56">
          <option value="">Any</option>
          {tokens.map((t) => (
            <option key={t.id} value={t.id}>
              {t.label}
            </option>
          ))}
        </Select>
      </div>
      <div className="min-w-56 flex-1 space-y-1 sm:max-w-xs">
        <label htmlFor={`${id}-user`} className="block text-xs font-medium text-zinc-600 dark:text-zinc-400">
          User (userName, email or id)
        </label>
        <Input id={`${id}-user`} name="user" type="search" defaultValue={filter.user ?? ''} key={filter.user ?? ''} />
      </div>
      <label className="flex h-9 items-center gap-2 text-sm">
        <input type="checkbox" name="errors" value="1" defaultChecked={filter.errors} key={String(filter.errors)} onChange={change} className="size-4 accent-brand-600" />
        Errors only
      </label>
      <Button type="submit" variant="secondary">
        Apply
      </Button>
      {active ? (
        <Link href="/activity" className="flex h-9 items-center text-sm text-brand-700 underline dark:text-brand-100">
          Clear filters
        </Link>
      ) : null}
    </form>
  );
}
