import { Badge } from '@/components/ui/badge';
import { DateTime } from '@/components/ui/date-time';
import type { TokenStatus, TokenSummary } from '@/lib/services/tokens';
import { RevokeTokenButton } from './revoke-token-button';

const STATUS: Record<TokenStatus, { tone: 'green' | 'zinc' | 'red'; label: string }> = {
  active: { tone: 'green', label: 'Active' },
  expired: { tone: 'zinc', label: 'Expired' },
  revoked: { tone: 'red', label: 'Revoked' },
};

/** Every InfraToken, by its prefix only: the token itself is never stored. */
export function TokenList({ tokens }: { tokens: TokenSummary[] }) {
  return (
    <div className="relative overflow-x-auto rounded-lg border border-zinc-200 bg-white dark:border-zinc-800 dark:bg-zinc-900">
      <table className="min-w-full divide-y divide-zinc-200 text-sm dark:divide-zinc-800">
        <caption className="sr-only">InfraTokens</caption>
        <thead className="bg-zinc-50 dark:bg-zinc-900/60">
          <tr>
            {['Label', 'Token', 'Created by', 'Created', 'Expires', 'Last used', 'Status', ''].map((h, i) => (
              <th key={i} scope="col" className="whitespace-nowrap px-3 py-2.5 text-left text-xs font-semibold uppercase tracking-wide text-zinc-600 dark:text-zinc-400">
                {h || <span className="sr-only">Actions</span>}
              </th>
            ))}
          </tr>
        </thead>
        <tbody className="divide-y divide-zinc-100 dark:divide-zinc-800">
          {tokens.map((t) => (
            <tr key={t.id} data-token-label={t.label}>
              <td className="whitespace-nowrap px-3 py-2.5 font-medium">{t.label}</td>
              <td className="px-3 py-2.5">
                <code className="whitespace-nowrap text-xs">{t.prefix}…</code>
              </td>
              <td className="whitespace-nowrap px-3 py-2.5">{t.createdBy ?? '—'}</td>
              <td className="px-3 py-2.5">
                <DateTime value={t.createdAt} compact />
              </td>
              <td className="px-3 py-2.5">
                <DateTime value={t.expiresAt} empty="Never" compact />
              </td>
              <td className="px-3 py-2.5">
                <DateTime value={t.lastUsedAt} empty="Never" />
              </td>
              <td className="px-3 py-2.5">
                <Badge tone={STATUS[t.status].tone}>{STATUS[t.status].label}</Badge>
              </td>
              <td className="px-3 py-2.5 text-right">{t.status === 'active' ? <RevokeTokenButton id={t.id} label={t.label} /> : null}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
