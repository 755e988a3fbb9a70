'use server';
/**
 * Configurations → User Provisioning → SCIM Provisioning on/off. Turning it
 * off applies to the very next SCIM request (the flag is read per request).
 */
import { revalidatePath } from 'next/cache';
import { requireAdmin } from '../auth/session';
import { setScimEnabled } from '../services/instance-config';
import { scimProvisioningSchema } from '../validations/scim-provisioning';
import { validated, type ActionState } from './validated-action';

export async function setScimProvisioningAction(_prev: ActionState, formData: FormData): Promise<ActionState> {
  const admin = await requireAdmin();
  return validated(scimProvisioningSchema, formData, async ({ enabled }) => {
    await setScimEnabled(enabled, { id: admin.id, name: admin.name });
    revalidatePath('/configurations');
    revalidatePath('/dashboard');
    return {
      ok: true,
      message: enabled ? 'SCIM Provisioning is on.' : 'SCIM Provisioning is off: SCIM requests are refused from now on.',
    };
  });
}
