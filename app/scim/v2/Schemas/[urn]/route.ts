import { getSchema } from '@/lib/http/scim-discovery-handlers';
import { methodNotAllowed, scimRoute } from '@/lib/http/scim-route';

export const dynamic = 'force-dynamic';

export const GET = scimRoute('discovery.schemas', getSchema);
export const POST = methodNotAllowed(['GET']);
export const PUT = POST;
export const PATCH = POST;
export const DELETE = POST;
