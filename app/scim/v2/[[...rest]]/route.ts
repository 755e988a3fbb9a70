/** Anything else under /scim/v2, the base URL itself included: a SCIM 404, never an HTML page. */
import { ScimError } from '@/lib/scim/errors';
import { scimRoute } from '@/lib/http/scim-route';

export const dynamic = 'force-dynamic';

const unknown = scimRoute('unknown-endpoint', async (ctx) => {
  throw new ScimError(404, `No SCIM endpoint at ${ctx.url.pathname}. Endpoints: /Users, /Groups, /ServiceProviderConfig, /ResourceTypes, /Schemas.`);
});

export { unknown as GET, unknown as POST, unknown as PUT, unknown as PATCH, unknown as DELETE };
