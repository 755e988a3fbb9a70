'use client';

import { useActionState } from 'react';
import { ConfirmDialog } from '@/components/ui/confirm-dialog';
import { revokeInfraTokenAction } from '@/lib/actions/infra-tokens';

export function RevokeTokenButton({ id, label }: { id: string; label: string }) {
  const [state, action, pending] = useActionState(revokeInfraTokenAction, {});
  return (
    <span className="inline-flex flex-col items-end gap-1">
      <ConfirmDialog
        trigger={pending ? 'Revoking…' : 'Revoke'}
        triggerLabel={`Revoke ${label}`}
        triggerVariant="ghost"
        title={`Revoke the InfraToken “${label}”?`}
        confirmLabel="Revoke token"
        action={action}
        fields={{ id }}
        pending={pending}
      >
        <p>The next SCIM request with this token is refused (HTTP 401). Your IdP stops provisioning until you give it a new token.</p>
        <p>This cannot be undone.</p>
      </ConfirmDialog>
      {state.message && !state.ok ? (
        <span role="alert" className="text-xs text-red-600 dark:text-red-400">
          {state.message}
        </span>
      ) : null}
    </span>
  );
}
