import Link from 'next/link';
import { DateTime } from '@/components/ui/date-time';
import { UserStatusBadge } from '@/components/users/user-badges';
import type { GroupMember } from '@/lib/services/directory-groups';

/** One page of a group's members (the page renders it on the server; the Pager links the others). */
export function MembersTable({ members }: { members: GroupMember[] }) {
  return (
    <div className="relative overflow-x-auto rounded-lg border border-zinc-200 bg-white dark:border-zinc-800 dark:bg-zinc-900">
      <table className="min-w-full divide-y divide-zinc-200 text-sm dark:divide-zinc-800">
        <caption className="sr-only">Members</caption>
        <thead className="bg-zinc-50 dark:bg-zinc-900/60">
          <tr>
            {['Name', 'userName', 'Status', 'Added'].map((h) => (
              <th key={h} scope="col" className="whitespace-nowrap px-3 py-2.5 text-left text-xs font-semibold uppercase tracking-wide text-zinc-600 dark:text-zinc-400">
                {h}
              </th>
            ))}
          </tr>
        </thead>
        <tbody className="divide-y divide-zinc-100 dark:divide-zinc-800">
          {members.map((m) => (
            <tr key={m.id}>
              <td className="px-3 py-2.5">
                <Link href={`/users/${m.id}`} className="font-medium text-brand-700 hover:underline dark:text-brand-100">
                  {m.name}
                </Link>
              </td>
              <td className="px-3 py-2.5">{m.userName}</td>
              <td className="px-3 py-2.5">
                <UserStatusBadge active={m.active} />
              </td>
              <td className="px-3 py-2.5">
                <DateTime value={m.addedAt} />
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
