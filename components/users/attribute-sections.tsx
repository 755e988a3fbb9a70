import { Badge } from '@/components/ui/badge';
import { Card, CardHeader } from '@/components/ui/card';
import type { DisplayField, DisplaySection, DisplayValue } from '@/lib/services/attribute-display';

function Value({ value }: { value: DisplayValue }) {
  switch (value.kind) {
    case 'text':
      return <span className="break-all">{value.text}</span>;
    case 'boolean':
      return <span>{value.value ? 'true' : 'false'}</span>;
    case 'list':
      return (
        <ul className="space-y-1.5">
          {value.items.map((item, i) => (
            <li key={i} className="rounded border border-zinc-100 px-2 py-1 dark:border-zinc-800">
              <Value value={item} />
            </li>
          ))}
        </ul>
      );
    case 'object':
      return <Fields fields={value.fields} nested />;
  }
}

function Fields({ fields, nested = false }: { fields: DisplayField[]; nested?: boolean }) {
  return (
    <dl className={nested ? 'grid grid-cols-[auto_1fr] gap-x-3 gap-y-0.5' : 'divide-y divide-zinc-100 dark:divide-zinc-800'}>
      {fields.map((f) =>
        nested ? (
          <div key={f.name} className="contents">
            <dt className="text-xs text-zinc-500 dark:text-zinc-400">{f.name}</dt>
            <dd className="min-w-0 text-sm">
              <Value value={f.value} />
            </dd>
          </div>
        ) : (
          <div key={f.name} className="grid gap-1 px-5 py-2.5 sm:grid-cols-[12rem_1fr] sm:gap-4">
            <dt className="text-sm font-medium text-zinc-700 dark:text-zinc-300" title={f.description}>
              {f.name}
            </dt>
            <dd className="min-w-0 text-sm" data-attribute={f.name}>
              <Value value={f.value} />
            </dd>
          </div>
        ),
      )}
    </dl>
  );
}

const ORIGIN_LABEL: Record<DisplaySection['origin'], string> = {
  core: 'Core',
  enterprise: 'Enterprise',
  custom: 'Custom',
  unknown: 'Stored, not in the schema',
};

/** Every SCIM attribute of a resource, one card per schema (core, enterprise, custom extensions). */
export function AttributeSections({ sections }: { sections: DisplaySection[] }) {
  return (
    <div className="space-y-4">
      {sections.map((s) => (
        <Card key={s.urn}>
          <CardHeader
            title={`${s.title} attributes`}
            description={<code className="break-all text-xs">{s.urn}</code>}
            action={<Badge tone={s.origin === 'custom' ? 'brand' : s.origin === 'unknown' ? 'amber' : 'zinc'}>{ORIGIN_LABEL[s.origin]}</Badge>}
          />
          {s.fields.length ? (
            <Fields fields={s.fields} />
          ) : (
            <p className="px-5 py-4 text-sm text-zinc-600 dark:text-zinc-400">No values for this schema.</p>
          )}
          {s.unset.length ? (
            <p className="border-t border-zinc-100 px-5 py-2.5 text-xs text-zinc-500 dark:border-zinc-800 dark:text-zinc-400">
              Not set: {s.unset.join(', ')}
            </p>
          ) : null}
        </Card>
      ))}
    </div>
  );
}
