'use server';
/** A user's page: make or remove admin (the last active admin stays). */
import { revalidatePath } from 'next/cache';
import { redirect } from 'next/navigation';
import { requireAdmin } from '../auth/session';
import { RoleChangeError, setUserRole } from '../services/user-roles';
import { userRoleSchema } from '../validations/user-role';
import { validated, type ActionState } from './validated-action';

export async function setUserRoleAction(_prev: ActionState, formData: FormData): Promise<ActionState> {
  const admin = await requireAdmin();
  const result = await validated(userRoleSchema, formData, async ({ userId, role }) => {
    try {
      const { changed, userName } = await setUserRole(userId, role, { id: admin.id, name: admin.name });
      revalidatePath(`/users/${userId}`);
      revalidatePath('/users');
      if (!changed) return { ok: true, message: `${userName} already has that role.` };
      return { ok: true, message: role === 'ADMIN' ? `${userName} is now an admin.` : `${userName} is no longer an admin.` };
    } catch (err) {
      if (err instanceof RoleChangeError) return { ok: false, message: err.message };
      throw err;
    }
  });
  // Removing your own role ends your session: go to sign-in rather than a page you may no longer see.
  if (result.ok && formData.get('userId') === admin.id && formData.get('role') === 'MEMBER') redirect('/sign-in');
  return result;
}
