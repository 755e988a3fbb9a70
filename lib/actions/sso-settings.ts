'use server';
/**
 * Configurations → Single sign-on: the OpenID Connect client members sign in
 * with. The client secret is sealed before it is stored; an empty secret
 * field keeps the stored one.
 */
import { revalidatePath } from 'next/cache';
import { requireAdmin } from '../auth/session';
import { clearSsoSettings, getSsoConfig, saveSsoSettings } from '../services/sso-config';
import { ssoSettingsSchema } from '../validations/sso-settings';
import { validated, type ActionState } from './validated-action';

export async function saveSsoSettingsAction(_prev: ActionState, formData: FormData): Promise<ActionState> {
  const admin = await requireAdmin();
  return validated(
    ssoSettingsSchema,
    formData,
    async (input) => {
      const existing = await getSsoConfig();
      if (existing?.source === 'environment') return { ok: false, message: 'Single sign-on is set by environment variables (OIDC_ISSUER…); change it there.' };
      if (!input.clientSecret && !existing) return { ok: false, fieldErrors: { clientSecret: 'Enter the client secret.' } };
      await saveSsoSettings(
        { issuer: input.issuer, clientId: input.clientId, clientSecret: input.clientSecret, displayName: input.displayName, matchBy: input.matchBy },
        { id: admin.id, name: admin.name },
      );
      revalidatePath('/configurations');
      return { ok: true, message: 'Single sign-on saved. Members can now sign in from the sign-in page.' };
    },
    { secretFields: ['clientSecret'] },
  );
}

export async function clearSsoSettingsAction(): Promise<ActionState> {
  const admin = await requireAdmin();
  await clearSsoSettings({ id: admin.id, name: admin.name });
  revalidatePath('/configurations');
  return { ok: true, message: 'Single sign-on removed.' };
}
