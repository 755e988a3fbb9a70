'use server';
/**
 * InfraTokens: generate (the token travels back once, in the action's
 * answer, and is never stored or logged) and revoke (effective on the next
 * SCIM request).
 */
import { revalidatePath } from 'next/cache';
import { requireAdmin } from '../auth/session';
import { TokenNotFoundError, createInfraToken, revokeInfraToken } from '../services/tokens';
import { createTokenSchema } from '../validations/token';
import { revokeTokenSchema } from '../validations/token-revoke';
import { validated, type ActionState } from './validated-action';

export async function createInfraTokenAction(_prev: ActionState, formData: FormData): Promise<ActionState> {
  const admin = await requireAdmin();
  return validated(createTokenSchema, formData, async (input) => {
    const { token, summary } = await createInfraToken(input, { id: admin.id, name: admin.name });
    revalidatePath('/infra-tokens');
    return { ok: true, message: `InfraToken "${summary.label}" generated.`, reveal: token, values: {} };
  });
}

export async function revokeInfraTokenAction(_prev: ActionState, formData: FormData): Promise<ActionState> {
  const admin = await requireAdmin();
  return validated(revokeTokenSchema, formData, async ({ id }) => {
    try {
      const token = await revokeInfraToken(id, { id: admin.id, name: admin.name });
      revalidatePath('/infra-tokens');
      return { ok: true, message: `InfraToken "${token.label}" revoked.` };
    } catch (err) {
      if (err instanceof TokenNotFoundError) return { ok: false, message: 'This InfraToken no longer exists.' };
      throw err;
    }
  });
}
