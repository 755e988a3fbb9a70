'use client';

import { useState } from 'react';
import { THEME_COOKIE, type ThemePreference } from './theme';

const ORDER: ThemePreference[] = ['system', 'light', 'dark'];
const LABEL: Record<ThemePreference, string> = { system: 'System theme', light: 'Light theme', dark: 'Dark theme' };

function apply(preference: ThemePreference) {
  const root = document.documentElement;
  const dark = preference === 'dark' || (preference === 'system' && window.matchMedia('(prefers-color-scheme: dark)').matches);
  root.classList.toggle('dark', dark);
  root.dataset.theme = preference;
  document.cookie = `${THEME_COOKIE}=${preference}; path=/; max-age=31536000; samesite=lax`;
}

export function ThemeToggle() {
  const [preference, setPreference] = useState<ThemePreference>(() =>
    typeof document === 'undefined' ? 'system' : ((document.documentElement.dataset.theme as ThemePreference) ?? 'system'),
  );
  const next = ORDER[(ORDER.indexOf(preference) + 1) % ORDER.length];
  return (
    <button
      type="button"
      onClick={() => {
        apply(next);
        setPreference(next);
      }}
      className="inline-flex h-9 items-center gap-2 rounded-md px-2 text-sm text-zinc-600 hover:bg-zinc-100 dark:text-zinc-300 dark:hover:bg-zinc-800"
      aria-label={`${LABEL[preference]} (switch to ${LABEL[next].toLowerCase()})`}
      title={LABEL[preference]}
      suppressHydrationWarning
    >
      <span aria-hidden suppressHydrationWarning>{preference === 'dark' ? '☾' : preference === 'light' ? '☀' : '◐'}</span>
      <span className="sr-only sm:not-sr-only" suppressHydrationWarning>{LABEL[preference].replace(' theme', '')}</span>
    </button>
  );
}
