'use client';

import { useActionState, useTransition } from 'react';
import { Alert } from '@/components/ui/alert';
import { Button } from '@/components/ui/button';
import { CopyButton } from '@/components/ui/copy-button';
import { Field, Input } from '@/components/ui/input';
import { Select } from '@/components/ui/select';
import { clearSsoSettingsAction, saveSsoSettingsAction } from '@/lib/actions/sso-settings';

export interface SsoSettingsView {
  issuer: string;
  clientId: string;
  displayName: string;
  matchBy: 'email' | 'userName';
  hasSecret: boolean;
  source: 'environment' | 'database' | 'none';
}

/** Members' single sign-on: the OpenID Connect client of the IdP that provisions them. */
export function SsoSettingsForm({ current, redirectUri }: { current: SsoSettingsView; redirectUri: string }) {
  const [state, action, pending] = useActionState(saveSsoSettingsAction, {});
  const [clearing, startClear] = useTransition();
  const v: Record<string, string> = { issuer: current.issuer, clientId: current.clientId, displayName: current.displayName, matchBy: current.matchBy, ...(state.values ?? {}) };
  const e = state.fieldErrors ?? {};
  const fromEnv = current.source === 'environment';
  return (
    <form action={action} className="space-y-4" noValidate aria-label="Single sign-on settings">
      {state.message ? <Alert tone={state.ok ? 'success' : 'error'}>{state.message}</Alert> : null}
      {fromEnv ? <Alert tone="info">These settings come from environment variables (OIDC_ISSUER, OIDC_CLIENT_ID, OIDC_CLIENT_SECRET) and are read-only here.</Alert> : null}
      <div className="space-y-1.5">
        <label htmlFor="sso-redirect" className="block text-sm font-medium text-zinc-800 dark:text-zinc-200">
          Sign-in redirect URI
        </label>
        <div className="flex flex-wrap gap-2 sm:flex-nowrap">
          <Input id="sso-redirect" readOnly value={redirectUri} className="font-mono" />
          <CopyButton value={redirectUri} ariaLabel="Copy sign-in redirect URI" />
        </div>
        <p className="text-xs text-zinc-500 dark:text-zinc-400">Register it in your IdP&apos;s OIDC web application (Okta: Sign-in redirect URIs; Entra: Authentication → Web).</p>
      </div>
      <fieldset disabled={fromEnv || pending} className="space-y-4">
        <Field id="sso-issuer" label="Issuer" error={e.issuer} hint="e.g. https://example.okta.com or https://login.microsoftonline.com/<tenant-id>/v2.0">
          <Input id="sso-issuer" name="issuer" defaultValue={v.issuer} key={`i-${v.issuer}`} spellCheck={false} className="font-mono" aria-invalid={!!e.issuer} />
        </Field>
        <div className="grid gap-4 sm:grid-cols-2">
          <Field id="sso-client-id" label="Client id" error={e.clientId}>
            <Input id="sso-client-id" name="clientId" defaultValue={v.clientId} key={`c-${v.clientId}`} spellCheck={false} aria-invalid={!!e.clientId} />
          </Field>
          <Field id="sso-client-secret" label="Client secret" error={e.clientSecret} hint={current.hasSecret ? 'Stored sealed. Leave empty to keep it.' : undefined}>
            <Input id="sso-client-secret" name="clientSecret" type="password" autoComplete="off" placeholder={current.hasSecret ? '••••••••' : ''} aria-invalid={!!e.clientSecret} />
          </Field>
        </div>
        <div className="grid gap-4 sm:grid-cols-2">
          <Field id="sso-display-name" label="Name on the sign-in button" error={e.displayName} hint='"Sign in with …"'>
            <Input id="sso-display-name" name="displayName" defaultValue={v.displayName} key={`d-${v.displayName}`} placeholder="Okta" />
          </Field>
          <Field id="sso-match" label="Find the provisioned account by" hint="Used on a member's first sign-in; the IdP's subject is remembered after it.">
            <Select id="sso-match" name="matchBy" defaultValue={v.matchBy} key={`m-${v.matchBy}`}>
              <option value="email">Email (verified by the IdP)</option>
              <option value="userName">userName (preferred_username claim)</option>
            </Select>
          </Field>
        </div>
        {!fromEnv ? (
          <div className="flex flex-wrap gap-2">
            <Button type="submit" disabled={pending}>
              {pending ? 'Saving…' : 'Save single sign-on'}
            </Button>
            {current.source === 'database' ? (
              <Button
                variant="secondary"
                disabled={clearing}
                onClick={() => {
                  if (window.confirm('Remove single sign-on? Members will not be able to sign in until it is configured again.')) startClear(() => void clearSsoSettingsAction());
                }}
              >
                Remove
              </Button>
            ) : null}
          </div>
        ) : null}
      </fieldset>
    </form>
  );
}
