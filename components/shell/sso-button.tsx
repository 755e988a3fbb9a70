'use client';

import { signIn } from 'next-auth/react';
import { useState } from 'react';
import { Button } from '@/components/ui/button';

/** "Sign in with <IdP>": starts the OpenID Connect flow (next-auth provider "oidc"). */
export function SsoButton({ label, callbackUrl }: { label: string; callbackUrl: string }) {
  const [pending, setPending] = useState(false);
  return (
    <Button
      className="w-full"
      disabled={pending}
      onClick={() => {
        setPending(true);
        void signIn('oidc', { callbackUrl });
      }}
    >
      {pending ? 'Redirecting…' : `Sign in with ${label}`}
    </Button>
  );
}
