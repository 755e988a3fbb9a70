import { Badge } from '@/components/ui/badge';
import type { CustomAttribute } from '@/lib/services/instance-config';
import { RemoveAttributeButton } from './remove-attribute-button';

/** The custom attributes, one table per schema URN (the External namespace in Okta's Profile Editor). */
export function CustomAttributeList({ attributes }: { attributes: CustomAttribute[] }) {
  const byUrn = new Map<string, CustomAttribute[]>();
  for (const a of attributes) byUrn.set(a.schemaUrn, [...(byUrn.get(a.schemaUrn) ?? []), a]);
  return (
    <div className="space-y-5">
      {[...byUrn.entries()].map(([urn, list]) => (
        <section key={urn} aria-label={urn}>
          <h3 className="mb-2 break-all font-mono text-xs text-zinc-600 dark:text-zinc-400">{urn}</h3>
          <div className="relative overflow-x-auto rounded-md border border-zinc-200 dark:border-zinc-800">
            <table className="min-w-full divide-y divide-zinc-200 text-sm dark:divide-zinc-800">
              <caption className="sr-only">Attributes of {urn}</caption>
              <thead className="bg-zinc-50 dark:bg-zinc-900/60">
                <tr>
                  {['Name', 'Type', 'Multi-valued', 'Required', 'Description', ''].map((h, i) => (
                    <th key={i} scope="col" className="whitespace-nowrap px-3 py-2 text-left text-xs font-semibold uppercase tracking-wide text-zinc-600 dark:text-zinc-400">
                      {h || <span className="sr-only">Actions</span>}
                    </th>
                  ))}
                </tr>
              </thead>
              <tbody className="divide-y divide-zinc-100 dark:divide-zinc-800">
                {list.map((a) => (
                  <tr key={a.id}>
                    <td className="px-3 py-2 font-medium">{a.name}</td>
                    <td className="px-3 py-2">
                      <code className="text-xs">{a.type}</code>
                    </td>
                    <td className="px-3 py-2">{a.multiValued ? <Badge tone="brand">Yes</Badge> : 'No'}</td>
                    <td className="px-3 py-2">{a.required ? <Badge tone="amber">Yes</Badge> : 'No'}</td>
                    <td className="max-w-72 px-3 py-2 text-zinc-600 dark:text-zinc-400">{a.description || '—'}</td>
                    <td className="px-3 py-2 text-right">
                      <RemoveAttributeButton schemaUrn={a.schemaUrn} name={a.name} />
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        </section>
      ))}
    </div>
  );
}
