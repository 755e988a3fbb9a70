'use client';

import { useActionState } from 'react';
import { ConfirmDialog } from '@/components/ui/confirm-dialog';
import { removeCustomAttributeAction } from '@/lib/actions/custom-attributes';

export function RemoveAttributeButton({ schemaUrn, name }: { schemaUrn: string; name: string }) {
  const [state, action, pending] = useActionState(removeCustomAttributeAction, {});
  return (
    <span className="inline-flex flex-col items-end gap-1">
      <ConfirmDialog
        trigger={pending ? 'Removing…' : 'Remove'}
        triggerLabel={`Remove ${name}`}
        triggerVariant="ghost"
        title={`Remove the attribute ${name}?`}
        confirmLabel="Remove attribute"
        action={action}
        fields={{ schemaUrn, name }}
        pending={pending}
      >
        <p>
          SCIM stops accepting and returning <strong>{name}</strong> at once, and /Schemas no longer lists it. Values already stored stay in each user&apos;s
          record, shown apart on the user page.
        </p>
        <p>Remove it from your IdP&apos;s mapping too, or its requests will report it as ignored.</p>
      </ConfirmDialog>
      {state.message && !state.ok ? (
        <span role="alert" className="text-xs text-red-600 dark:text-red-400">
          {state.message}
        </span>
      ) : null}
    </span>
  );
}
