'use server';
/**
 * Configurations → custom attributes: add and remove the typed attributes
 * of the instance's extension schemas. After a change this process drops its
 * cached schema set, so /Schemas and SCIM validation use it at once (other
 * instances within their two-second cache).
 */
import { revalidatePath } from 'next/cache';
import { requireAdmin } from '../auth/session';
import { CustomAttributeError, addCustomAttribute, removeCustomAttribute } from '../services/instance-config';
import { invalidateInstanceSchemas } from '../services/scim-schemas';
import { customAttributeSchema } from '../validations/custom-attribute';
import { removeCustomAttributeSchema } from '../validations/custom-attribute-remove';
import { validated, type ActionState } from './validated-action';

function userError(err: unknown): ActionState {
  if (err instanceof CustomAttributeError) return { ok: false, message: err.message };
  throw err;
}

export async function addCustomAttributeAction(_prev: ActionState, formData: FormData): Promise<ActionState> {
  const admin = await requireAdmin();
  return validated(customAttributeSchema, formData, async (input) => {
    try {
      const added = await addCustomAttribute(input, { id: admin.id, name: admin.name });
      invalidateInstanceSchemas();
      revalidatePath('/configurations');
      // A fresh, empty form for the next attribute, but keep the URN being filled in.
      return { ok: true, message: `Added ${added.name} to ${added.schemaUrn}.`, values: { schemaUrn: added.schemaUrn } };
    } catch (err) {
      return userError(err);
    }
  });
}

export async function removeCustomAttributeAction(_prev: ActionState, formData: FormData): Promise<ActionState> {
  const admin = await requireAdmin();
  return validated(removeCustomAttributeSchema, formData, async ({ schemaUrn, name }) => {
    try {
      await removeCustomAttribute(schemaUrn, name, { id: admin.id, name: admin.name });
      invalidateInstanceSchemas();
      revalidatePath('/configurations');
      return { ok: true, message: `Removed ${name}.` };
    } catch (err) {
      return userError(err);
    }
  });
}
