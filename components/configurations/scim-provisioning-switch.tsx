'use client';

import { useActionState } from 'react';
import { Alert } from '@/components/ui/alert';
import { cn } from '@/components/ui/cn';
import { ConfirmDialog } from '@/components/ui/confirm-dialog';
import { setScimProvisioningAction } from '@/lib/actions/scim-provisioning';

function Switch({ checked, pending, onClick, type = 'button' }: { checked: boolean; pending: boolean; onClick?: () => void; type?: 'button' | 'submit' }) {
  return (
    <button
      type={type}
      role="switch"
      aria-checked={checked}
      aria-labelledby="scim-provisioning-label"
      aria-describedby="scim-provisioning-state"
      disabled={pending}
      onClick={onClick}
      className={cn(
        'relative inline-flex h-6 w-11 shrink-0 items-center rounded-full transition-colors disabled:opacity-60',
        checked ? 'bg-brand-600' : 'bg-zinc-300 dark:bg-zinc-700',
      )}
    >
      <span aria-hidden className={cn('inline-block size-5 rounded-full bg-white shadow transition-transform', checked ? 'translate-x-5.5' : 'translate-x-0.5')} />
    </button>
  );
}

/**
 * SCIM Provisioning on/off. Turning it on is immediate; turning it off asks
 * first, because the IdP's very next request will be refused.
 */
export function ScimProvisioningSwitch({ enabled }: { enabled: boolean }) {
  const [state, action, pending] = useActionState(setScimProvisioningAction, {});
  return (
    <div className="space-y-3">
      <div className="flex items-start justify-between gap-4">
        <div>
          <p id="scim-provisioning-label" className="text-sm font-medium">
            SCIM Provisioning
          </p>
          <p id="scim-provisioning-state" className="text-sm text-zinc-600 dark:text-zinc-400">
            {pending ? 'Saving…' : enabled ? 'On: your IdP can create, update and deactivate users.' : 'Off: SCIM requests are refused.'}
          </p>
        </div>
        {enabled ? (
          <ConfirmDialog
            renderTrigger={(open) => <Switch checked pending={pending} onClick={open} />}
            title="Turn off SCIM Provisioning?"
            confirmLabel="Turn off"
            action={action}
            fields={{ enabled: 'off' }}
          >
            <p>Your IdP&apos;s next SCIM request will be refused (HTTP 403), and so will every request after it until you turn it back on.</p>
            <p>Users already provisioned keep their accounts; nothing is deleted.</p>
          </ConfirmDialog>
        ) : (
          <form action={action}>
            <input type="hidden" name="enabled" value="on" />
            <Switch checked={false} pending={pending} type="submit" />
          </form>
        )}
      </div>
      {state.message ? <Alert tone={state.ok ? 'success' : 'error'}>{state.message}</Alert> : null}
    </div>
  );
}
