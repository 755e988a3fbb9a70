import { createUser, listUsers } from '@/lib/http/scim-users-handlers';
import { methodNotAllowed, scimRoute } from '@/lib/http/scim-route';

export const dynamic = 'force-dynamic';

export const GET = scimRoute('user.list', listUsers);
// The INSERT checks the access epoch of a grant held in memory itself (lib/services/scim-users).
export const POST = scimRoute('user.create', createUser, { confirmsBeforeWrite: true });
export const PUT = methodNotAllowed(['GET', 'POST']);
export const PATCH = PUT;
export const DELETE = PUT;
