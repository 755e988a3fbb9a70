/** Values shared by the global set-up and the test files. */

export const URN = {
  User: 'urn:ietf:params:scim:schemas:core:2.0:User',
  Group: 'urn:ietf:params:scim:schemas:core:2.0:Group',
  Enterprise: 'urn:ietf:params:scim:schemas:extension:enterprise:2.0:User',
  ListResponse: 'urn:ietf:params:scim:api:messages:2.0:ListResponse',
  PatchOp: 'urn:ietf:params:scim:api:messages:2.0:PatchOp',
  SearchRequest: 'urn:ietf:params:scim:api:messages:2.0:SearchRequest',
  Error: 'urn:ietf:params:scim:api:messages:2.0:Error',
  ServiceProviderConfig: 'urn:ietf:params:scim:schemas:core:2.0:ServiceProviderConfig',
  ResourceType: 'urn:ietf:params:scim:schemas:core:2.0:ResourceType',
  Schema: 'urn:ietf:params:scim:schemas:core:2.0:Schema',
  /** Entra's non-standard extra URN on group creation. */
  AdscimGroup: 'http://schemas.microsoft.com/2006/11/ResourceManagement/ADSCIM/2.0/Group',
} as const;

/** A custom extension the global set-up defines with the CLI (Okta: Profile Editor → External namespace). */
export const CUSTOM_URN = 'urn:ietf:params:scim:schemas:extension:rosterit:2.0:User';
export const CUSTOM_ATTRIBUTES = [
  { name: 'costCode', type: 'string' },
  { name: 'badgeNumber', type: 'integer' },
  { name: 'contractor', type: 'boolean' },
] as const;

/** The realistic user that exists before any test runs (Okta SPEC precondition). */
export const PRECONDITION_USER = {
  schemas: [URN.User],
  userName: 'precondition.user@example.com',
  name: { givenName: 'Precondition', familyName: 'User' },
  emails: [{ primary: true, value: 'precondition.user@example.com', type: 'work' }],
  displayName: 'Precondition User',
  active: true,
};
