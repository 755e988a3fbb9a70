import { createGroup, listGroups } from '@/lib/http/scim-groups-handlers';
import { methodNotAllowed, scimRoute } from '@/lib/http/scim-route';

export const dynamic = 'force-dynamic';

export const GET = scimRoute('group.list', listGroups);
export const POST = scimRoute('group.create', createGroup);
export const PUT = methodNotAllowed(['GET', 'POST']);
export const PATCH = PUT;
export const DELETE = PUT;
