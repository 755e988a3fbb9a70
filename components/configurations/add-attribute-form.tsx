'use client';

import { useActionState } from 'react';
import { Alert } from '@/components/ui/alert';
import { Button } from '@/components/ui/button';
import { Checkbox } from '@/components/ui/checkbox';
import { Field, Input, inputClass } from '@/components/ui/input';
import { Select } from '@/components/ui/select';
import { addCustomAttributeAction } from '@/lib/actions/custom-attributes';
import { ATTRIBUTE_TYPES } from '@/lib/validations/custom-attribute';

const TYPE_HINT: Record<(typeof ATTRIBUTE_TYPES)[number], string> = {
  string: 'string',
  boolean: 'boolean',
  integer: 'integer',
  decimal: 'number',
  dateTime: 'string (ISO 8601 date-time)',
  reference: 'string (URI)',
};

/** Mirrors Okta's Profile Editor "Add Attribute": External namespace, external name, data type, array, required. */
export function AddAttributeForm({ defaultUrn, knownUrns }: { defaultUrn: string; knownUrns: string[] }) {
  const [state, action, pending] = useActionState(addCustomAttributeAction, {});
  const v = state.values ?? {};
  const e = state.fieldErrors ?? {};
  const checked = (name: string) => v[name] === 'on' || v[name] === 'true';
  return (
    <form action={action} className="space-y-4" noValidate aria-labelledby="add-attribute-title">
      <h3 id="add-attribute-title" className="text-sm font-semibold">
        Add an attribute
      </h3>
      {state.message ? <Alert tone={state.ok ? 'success' : 'error'}>{state.message}</Alert> : null}
      <Field
        id="attr-urn"
        label="Schema URN (External namespace)"
        error={e.schemaUrn}
        hint="urn:ietf:params:scim:schemas:extension:<name>:2.0:User, or the enterprise or core User URN."
      >
        <Input id="attr-urn" name="schemaUrn" list="attr-urns" defaultValue={v.schemaUrn ?? defaultUrn} required aria-invalid={!!e.schemaUrn} className="font-mono" spellCheck={false} />
        <datalist id="attr-urns">
          {knownUrns.map((u) => (
            <option key={u} value={u} />
          ))}
        </datalist>
      </Field>
      <div className="grid gap-4 sm:grid-cols-2">
        <Field id="attr-name" label="Attribute name" error={e.name} hint="The external name in Okta, e.g. badgeNumber.">
          <Input id="attr-name" name="name" defaultValue={v.name} required aria-invalid={!!e.name} spellCheck={false} autoComplete="off" />
        </Field>
        <Field id="attr-type" label="Type" error={e.type}>
          <Select id="attr-type" name="type" defaultValue={v.type ?? 'string'} key={v.type ?? 'string'}>
            {ATTRIBUTE_TYPES.map((t) => (
              <option key={t} value={t}>
                {t} (Okta: {TYPE_HINT[t]})
              </option>
            ))}
          </Select>
        </Field>
      </div>
      <div className="flex flex-wrap gap-x-6 gap-y-2">
        <Checkbox name="multiValued" label="Multi-valued" hint="An array in Okta." defaultChecked={checked('multiValued')} key={`mv-${checked('multiValued')}`} />
        <Checkbox name="required" label="Required" hint="Requests without it are refused." defaultChecked={checked('required')} key={`rq-${checked('required')}`} />
        <Checkbox name="caseExact" label="Case exact" hint="Filters compare case-sensitively." defaultChecked={checked('caseExact')} key={`ce-${checked('caseExact')}`} />
      </div>
      <Field id="attr-description" label="Description" error={e.description}>
        <textarea id="attr-description" name="description" defaultValue={v.description} rows={2} maxLength={500} className={`${inputClass} h-auto py-2`} />
      </Field>
      <Button type="submit" disabled={pending}>
        {pending ? 'Adding…' : 'Add attribute'}
      </Button>
    </form>
  );
}
