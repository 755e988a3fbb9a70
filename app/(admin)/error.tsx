'use client';

import { useEffect } from 'react';
import { Alert } from '@/components/ui/alert';
import { Button } from '@/components/ui/button';

/** Any admin page that fails says so plainly and offers a retry; the shell and navigation stay. */
export default function AdminError({ error, reset }: { error: Error & { digest?: string }; reset: () => void }) {
  useEffect(() => {
    console.error(error);
  }, [error]);
  return (
    <div className="space-y-4">
      <h1 className="text-2xl font-semibold tracking-tight">Something went wrong</h1>
      <Alert tone="error">
        This page could not be loaded. If the database is restarting, try again in a moment.
        {error.digest ? <span className="mt-1 block text-xs opacity-80">Reference: {error.digest} (in the server log)</span> : null}
      </Alert>
      <Button onClick={reset}>Try again</Button>
    </div>
  );
}
