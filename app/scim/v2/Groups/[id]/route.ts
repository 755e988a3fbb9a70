import { deleteGroup, getGroup, patchGroup, postOnGroup, replaceGroup } from '@/lib/http/scim-groups-handlers';
import { scimRoute } from '@/lib/http/scim-route';

export const dynamic = 'force-dynamic';

export const GET = scimRoute('group.read', getGroup);
export const PUT = scimRoute('group.replace', replaceGroup);
export const PATCH = scimRoute('group.update', patchGroup);
export const DELETE = scimRoute('group.delete', deleteGroup);
// POST /Groups/.search lands here: a folder named ".search" is not a route segment.
export const POST = scimRoute('group.search', postOnGroup);
