import type { InputHTMLAttributes, ReactNode } from 'react';

/** A checkbox with its label (and optional hint) clickable as one. */
export function Checkbox({ label, hint, ...props }: InputHTMLAttributes<HTMLInputElement> & { label: ReactNode; hint?: ReactNode }) {
  return (
    <label className="flex items-start gap-2.5 text-sm">
      <input
        type="checkbox"
        {...props}
        className="mt-0.5 size-4 shrink-0 rounded border-zinc-300 accent-brand-600 dark:border-zinc-600"
      />
      <span>
        <span className="font-medium text-zinc-800 dark:text-zinc-200">{label}</span>
        {hint ? <span className="block text-xs text-zinc-500 dark:text-zinc-400">{hint}</span> : null}
      </span>
    </label>
  );
}
