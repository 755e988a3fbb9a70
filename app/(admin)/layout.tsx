import Link from 'next/link';
import type { ReactNode } from 'react';
import { MobileNav } from '@/components/shell/mobile-nav';
import { NavLinks } from '@/components/shell/nav-links';
import { SignOutButton } from '@/components/shell/sign-out-button';
import { ThemeToggle } from '@/components/shell/theme-toggle';
import { requireAdmin } from '@/lib/auth/session';

export const dynamic = 'force-dynamic';

export default async function AdminLayout({ children }: { children: ReactNode }) {
  const admin = await requireAdmin();
  return (
    <div className="min-h-dvh">
      <header className="sticky top-0 z-10 flex h-14 items-center justify-between gap-3 border-b border-zinc-200 bg-white/90 px-4 backdrop-blur dark:border-zinc-800 dark:bg-zinc-950/90">
        <div className="flex items-center gap-2">
          <MobileNav />
          <Link href="/dashboard" className="flex items-center gap-2 font-semibold tracking-tight">
            {/* eslint-disable-next-line @next/next/no-img-element */}
            <img src="/favicon.svg" alt="" width={24} height={24} />
            Roster
          </Link>
        </div>
        <div className="flex items-center gap-1">
          <ThemeToggle />
          <span className="hidden max-w-48 truncate px-2 text-sm text-zinc-600 sm:inline dark:text-zinc-400" data-testid="signed-in-admin" title={admin.email}>
            {admin.name}
          </span>
          <SignOutButton />
        </div>
      </header>
      <div className="mx-auto flex max-w-7xl">
        <nav aria-label="Main" className="sticky top-14 hidden h-[calc(100dvh-3.5rem)] w-56 shrink-0 border-r border-zinc-200 p-3 md:block dark:border-zinc-800">
          <NavLinks />
        </nav>
        <main className="min-w-0 flex-1 px-4 py-6 sm:px-8">{children}</main>
      </div>
    </div>
  );
}
