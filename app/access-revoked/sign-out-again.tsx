'use client';

import { signOut } from 'next-auth/react';

/** Clears the dead session so the person can sign in again once reactivated. */
export function SignInAgain() {
  return (
    <button type="button" onClick={() => signOut({ callbackUrl: '/sign-in' })} className="font-medium text-brand-600 hover:underline dark:text-brand-100">
      Sign in again
    </button>
  );
}
