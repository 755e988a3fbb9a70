import { createUser, listUsers } from '@/lib/http/scim-users-handlers';
import { methodNotAllowed, scimRoute } from '@/lib/http/scim-route';

export const dynamic = 'force-dynamic';

export const GET = scimRoute('user.list', listUsers);
export const POST = scimRoute('user.create', createUser);
export const PUT = methodNotAllowed(['GET', 'POST']);
export const PATCH = PUT;
export const DELETE = PUT;
