'use server';

import { redirect } from 'next/navigation';
import { validated, type ActionState } from '@/lib/actions/validated-action';
import { createFirstAdmin, SetupClosedError } from '@/lib/services/admins';
import { adminAccountSchema } from '@/lib/validations/admin';

export async function setupAction(_prev: ActionState, formData: FormData): Promise<ActionState> {
  const result = await validated(
    adminAccountSchema,
    formData,
    async (input) => {
      try {
        await createFirstAdmin(input);
      } catch (err) {
        if (err instanceof SetupClosedError) redirect('/sign-in');
        throw err;
      }
      return { ok: true };
    },
    { secretFields: ['password'] },
  );
  if (result.ok) redirect('/sign-in?setup=done');
  return result;
}
