'use client';

import { useState } from 'react';
import { NavLinks } from './nav-links';

/** Phone-width navigation: a menu button that opens the same links. */
export function MobileNav() {
  const [open, setOpen] = useState(false);
  return (
    <div className="md:hidden">
      <button
        type="button"
        aria-expanded={open}
        aria-controls="mobile-nav"
        onClick={() => setOpen((o) => !o)}
        className="inline-flex h-9 items-center rounded-md px-2 text-sm font-medium hover:bg-zinc-100 dark:hover:bg-zinc-800"
      >
        {open ? 'Close' : 'Menu'}
      </button>
      {open ? (
        <nav id="mobile-nav" aria-label="Main" className="absolute inset-x-0 top-14 z-20 border-b border-zinc-200 bg-white p-3 shadow-md dark:border-zinc-800 dark:bg-zinc-900">
          <NavLinks onNavigate={() => setOpen(false)} />
        </nav>
      ) : null}
    </div>
  );
}
