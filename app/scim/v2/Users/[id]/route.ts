import { deleteUser, getUser, patchUser, postOnUser, replaceUser } from '@/lib/http/scim-users-handlers';
import { scimRoute } from '@/lib/http/scim-route';

export const dynamic = 'force-dynamic';

export const GET = scimRoute('user.read', getUser);
export const PUT = scimRoute('user.replace', replaceUser);
export const PATCH = scimRoute('user.update', patchUser);
export const DELETE = scimRoute('user.delete', deleteUser);
// POST /Users/.search lands here: a folder named ".search" is not a route segment.
export const POST = scimRoute('user.search', postOnUser);
