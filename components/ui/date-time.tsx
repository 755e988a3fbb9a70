/**
 * Dates as the dashboard shows them: UTC, the same on the server and in the
 * browser (no hydration mismatch), with the exact instant in the tooltip.
 */
const FORMAT = new Intl.DateTimeFormat('en-US', {
  year: 'numeric',
  month: 'short',
  day: 'numeric',
  hour: '2-digit',
  minute: '2-digit',
  hourCycle: 'h23',
  timeZone: 'UTC',
});

const DATE_ONLY = new Intl.DateTimeFormat('en-US', { year: 'numeric', month: 'short', day: 'numeric', timeZone: 'UTC' });

export function formatDateTime(value: Date | string): string {
  return `${FORMAT.format(new Date(value))} UTC`;
}

/** `compact` (tables) shows the day only; the tooltip always has the exact instant. */
export function DateTime({ value, empty = '—', compact = false }: { value: Date | string | null | undefined; empty?: string; compact?: boolean }) {
  if (!value) return <span className="text-zinc-500 dark:text-zinc-400">{empty}</span>;
  const date = new Date(value);
  return (
    <time dateTime={date.toISOString()} title={date.toISOString()} className="whitespace-nowrap">
      {compact ? DATE_ONLY.format(date) : formatDateTime(date)}
    </time>
  );
}
