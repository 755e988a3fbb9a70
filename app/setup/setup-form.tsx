'use client';

import { useActionState } from 'react';
import { Alert } from '@/components/ui/alert';
import { Button } from '@/components/ui/button';
import { Field, Input } from '@/components/ui/input';
import { PASSWORD_MIN_LENGTH } from '@/lib/validations/admin';
import { setupAction } from './actions';

export function SetupForm() {
  const [state, action, pending] = useActionState(setupAction, {});
  const v = state.values ?? {};
  const e = state.fieldErrors ?? {};
  return (
    <form action={action} className="space-y-4" noValidate>
      {state.message ? <Alert tone="error">{state.message}</Alert> : null}
      <Field id="name" label="Your name" error={e.name}>
        <Input id="name" name="name" autoComplete="name" defaultValue={v.name} required aria-invalid={!!e.name} />
      </Field>
      <Field id="email" label="Email" error={e.email}>
        <Input id="email" name="email" type="email" autoComplete="email" defaultValue={v.email} required aria-invalid={!!e.email} />
      </Field>
      <Field id="password" label="Password" error={e.password} hint={`At least ${PASSWORD_MIN_LENGTH} characters.`}>
        <Input id="password" name="password" type="password" autoComplete="new-password" minLength={PASSWORD_MIN_LENGTH} required aria-invalid={!!e.password} />
      </Field>
      <Button type="submit" className="w-full" disabled={pending}>
        {pending ? 'Creating admin…' : 'Create admin account'}
      </Button>
    </form>
  );
}
