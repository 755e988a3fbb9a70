'use client';

import { useActionState, useState } from 'react';
import { Alert } from '@/components/ui/alert';
import { Button } from '@/components/ui/button';
import { CopyButton } from '@/components/ui/copy-button';
import { Field, Input } from '@/components/ui/input';
import { Select } from '@/components/ui/select';
import { createInfraTokenAction } from '@/lib/actions/infra-tokens';
import { TOKEN_EXPIRY_CHOICES } from '@/lib/validations/token';

const EXPIRY_LABEL: Record<(typeof TOKEN_EXPIRY_CHOICES)[number], string> = {
  '7': '7 days',
  '30': '30 days',
  '60': '60 days',
  '90': '90 days',
  never: 'Never',
};

/** The new token, once: it lives only in this component's memory, never in the page or the database. */
function NewToken({ token, onDone }: { token: string; onDone: () => void }) {
  return (
    <div className="space-y-3 rounded-md border border-amber-300 bg-amber-50 p-4 dark:border-amber-800 dark:bg-amber-950/30" role="region" aria-label="New InfraToken">
      <p className="text-sm font-semibold text-amber-900 dark:text-amber-200">Copy this InfraToken now: it will not be shown again.</p>
      <div className="flex flex-wrap gap-2 sm:flex-nowrap">
        <label htmlFor="new-token" className="sr-only">
          New InfraToken
        </label>
        <Input id="new-token" readOnly value={token} className="font-mono" data-testid="new-token" />
        <CopyButton value={token} ariaLabel="Copy InfraToken" />
      </div>
      <p className="text-sm text-amber-900/80 dark:text-amber-200/80">
        Paste it in your IdP (Okta: Authorization token under Provisioning → Integration; Entra ID: Secret Token), then store it somewhere safe. Lost it?
        Generate a new one and revoke this one.
      </p>
      <Button variant="secondary" onClick={onDone}>
        Done
      </Button>
    </div>
  );
}

export function CreateTokenForm() {
  const [state, action, pending] = useActionState(createInfraTokenAction, {});
  const [dismissed, setDismissed] = useState<string | null>(null);
  const v = state.values ?? {};
  const e = state.fieldErrors ?? {};
  if (state.reveal && state.reveal !== dismissed) return <NewToken token={state.reveal} onDone={() => setDismissed(state.reveal ?? null)} />;
  return (
    <form action={action} className="space-y-4" noValidate>
      {state.message && !state.ok ? <Alert tone="error">{state.message}</Alert> : null}
      <div className="grid gap-4 sm:grid-cols-[1fr_12rem]">
        <Field id="token-label" label="Label" error={e.label} hint="Where it is used, e.g. “Okta production”. At least 3 characters.">
          <Input id="token-label" name="label" defaultValue={v.label} required minLength={3} maxLength={100} aria-invalid={!!e.label} autoComplete="off" />
        </Field>
        <Field id="token-expiry" label="Expires after" error={e.expiresInDays}>
          <Select id="token-expiry" name="expiresInDays" defaultValue={v.expiresInDays ?? '90'} key={v.expiresInDays ?? '90'}>
            {TOKEN_EXPIRY_CHOICES.map((c) => (
              <option key={c} value={c}>
                {EXPIRY_LABEL[c]}
              </option>
            ))}
          </Select>
        </Field>
      </div>
      <Button type="submit" disabled={pending}>
        {pending ? 'Generating…' : 'Generate token'}
      </Button>
    </form>
  );
}
