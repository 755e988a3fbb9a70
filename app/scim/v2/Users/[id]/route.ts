import { deleteUser, getUser, patchUser, postOnUser, replaceUser } from '@/lib/http/scim-users-handlers';
import { scimRoute } from '@/lib/http/scim-route';

export const dynamic = 'force-dynamic';

export const GET = scimRoute('user.read', getUser);
// Both confirm access with the epoch read alongside the user, before writing (lib/http/scim-route).
export const PUT = scimRoute('user.replace', replaceUser, { confirmsBeforeWrite: true });
export const PATCH = scimRoute('user.update', patchUser, { confirmsBeforeWrite: true });
export const DELETE = scimRoute('user.delete', deleteUser);
// POST /Users/.search lands here: a folder named ".search" is not a route segment.
export const POST = scimRoute('user.search', postOnUser);
