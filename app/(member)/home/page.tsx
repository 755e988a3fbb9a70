import type { Metadata } from 'next';
import Link from 'next/link';
import { SignOutButton } from '@/components/shell/sign-out-button';
import { ThemeToggle } from '@/components/shell/theme-toggle';
import { buttonClass } from '@/components/ui/button';
import { Card, CardBody, CardHeader } from '@/components/ui/card';
import { requireMember } from '@/lib/auth/session';
import { getMemberProfile } from '@/lib/services/member-profile';
import { getSsoConfig } from '@/lib/services/sso-config';

export const metadata: Metadata = { title: 'Home' };
export const dynamic = 'force-dynamic';

export default async function MemberHome() {
  const me = await requireMember();
  const [profile, sso] = await Promise.all([getMemberProfile(me.id), getSsoConfig()]);
  const idp = sso?.displayName ?? "your organization's identity provider";
  return (
    <div className="min-h-dvh">
      <header className="flex h-14 items-center justify-between border-b border-zinc-200 bg-white px-4 dark:border-zinc-800 dark:bg-zinc-950">
        <span className="flex items-center gap-2 font-semibold tracking-tight">
          {/* eslint-disable-next-line @next/next/no-img-element */}
          <img src="/favicon.svg" alt="" width={24} height={24} />
          Roster
        </span>
        <div className="flex items-center gap-1">
          <ThemeToggle />
          <SignOutButton />
        </div>
      </header>
      <main className="mx-auto max-w-3xl space-y-6 px-4 py-8">
        <div className="flex flex-wrap items-end justify-between gap-3">
          <div>
            <h1 className="text-2xl font-semibold tracking-tight" data-testid="member-name">
              {profile?.displayName ?? me.name}
            </h1>
            <p className="mt-1 text-sm text-zinc-600 dark:text-zinc-400">{profile?.userName ?? me.email}</p>
          </div>
          {me.role === 'ADMIN' ? (
            <Link href="/dashboard" className={buttonClass('secondary')}>
              Open the admin dashboard
            </Link>
          ) : null}
        </div>
        <Card>
          <CardBody className="text-sm">
            {profile?.source === 'SCIM'
              ? `Your access to this instance comes from ${idp}: it provisioned your account over SCIM, and removing you from the application there revokes your access here at once.`
              : 'This is a local account of this instance.'}
          </CardBody>
        </Card>
        <Card>
          <CardHeader title="Your attributes" description="As provisioned by your identity provider." />
          <CardBody>
            <dl className="divide-y divide-zinc-100 text-sm dark:divide-zinc-800">
              {(profile?.fields ?? []).map((f) => (
                <div key={`${f.schema ?? ''}:${f.label}`} className="grid gap-1 py-2 sm:grid-cols-3">
                  <dt className="font-medium text-zinc-700 dark:text-zinc-300">
                    {f.label}
                    {f.schema ? <span className="block truncate text-xs font-normal text-zinc-500" title={f.schema}>{f.schema}</span> : null}
                  </dt>
                  <dd className="break-words sm:col-span-2">{f.value}</dd>
                </div>
              ))}
            </dl>
          </CardBody>
        </Card>
        <Card>
          <CardHeader title="Your groups" />
          <CardBody>
            {profile?.groups.length ? (
              <ul className="flex flex-wrap gap-2" data-testid="member-groups">
                {profile.groups.map((g) => (
                  <li key={g.id} className="rounded-full bg-zinc-100 px-3 py-1 text-sm dark:bg-zinc-800">
                    {g.name}
                  </li>
                ))}
              </ul>
            ) : (
              <p className="text-sm text-zinc-600 dark:text-zinc-400">You are not in any group.</p>
            )}
          </CardBody>
        </Card>
      </main>
    </div>
  );
}
