'use client';

import { useActionState } from 'react';
import { Alert } from '@/components/ui/alert';
import { ConfirmDialog } from '@/components/ui/confirm-dialog';
import { setUserRoleAction } from '@/lib/actions/user-roles';

/** Make or remove admin, after a confirmation that says what it means. */
export function RoleForm({
  userId,
  userName,
  role,
  active,
  hasPassword,
  isSelf,
}: {
  userId: string;
  userName: string;
  role: 'ADMIN' | 'MEMBER';
  active: boolean;
  hasPassword: boolean;
  isSelf: boolean;
}) {
  const [state, action, pending] = useActionState(setUserRoleAction, {});
  const makeAdmin = role === 'MEMBER';
  return (
    <div className="space-y-3">
      {state.message ? <Alert tone={state.ok ? 'success' : 'error'}>{state.message}</Alert> : null}
      {makeAdmin && !active ? (
        <p className="text-sm text-zinc-600 dark:text-zinc-400">Deprovisioned users cannot be admins. Reactivate the user in your IdP first.</p>
      ) : (
        <ConfirmDialog
          trigger={pending ? 'Saving…' : makeAdmin ? 'Make admin' : 'Remove admin'}
          triggerVariant={makeAdmin ? 'secondary' : 'danger'}
          title={makeAdmin ? `Make ${userName} an admin?` : `Remove admin from ${userName}?`}
          confirmLabel={makeAdmin ? 'Make admin' : 'Remove admin'}
          confirmVariant={makeAdmin ? 'primary' : 'danger'}
          action={action}
          fields={{ userId, role: makeAdmin ? 'ADMIN' : 'MEMBER' }}
          pending={pending}
        >
          {makeAdmin ? (
            <>
              <p>Admins can change Configurations, generate and revoke InfraTokens, and manage other admins.</p>
              {!hasPassword ? <p>This account has no password: it reaches the dashboard through single sign-on (Configurations → Single sign-on).</p> : null}
            </>
          ) : (
            <>
              <p>Their admin sessions end at once. The last active admin of the instance cannot be removed.</p>
              {isSelf ? <p className="font-medium text-red-700 dark:text-red-300">This is you: you will be signed out.</p> : null}
            </>
          )}
        </ConfirmDialog>
      )}
    </div>
  );
}
