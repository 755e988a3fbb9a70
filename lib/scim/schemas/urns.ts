/** The URNs of RFC 7643/7644 that the protocol core refers to by name. */
export const URN = {
  User: 'urn:ietf:params:scim:schemas:core:2.0:User',
  Group: 'urn:ietf:params:scim:schemas:core:2.0:Group',
  EnterpriseUser: 'urn:ietf:params:scim:schemas:extension:enterprise:2.0:User',
  ListResponse: 'urn:ietf:params:scim:api:messages:2.0:ListResponse',
  PatchOp: 'urn:ietf:params:scim:api:messages:2.0:PatchOp',
  SearchRequest: 'urn:ietf:params:scim:api:messages:2.0:SearchRequest',
  Error: 'urn:ietf:params:scim:api:messages:2.0:Error',
  BulkRequest: 'urn:ietf:params:scim:api:messages:2.0:BulkRequest',
  ServiceProviderConfig: 'urn:ietf:params:scim:schemas:core:2.0:ServiceProviderConfig',
  ResourceType: 'urn:ietf:params:scim:schemas:core:2.0:ResourceType',
  Schema: 'urn:ietf:params:scim:schemas:core:2.0:Schema',
} as const;

/** Prefix every admin-defined extension URN must carry (RFC 7643 §3, §10.2.2). */
export const EXTENSION_URN_PREFIX = 'urn:ietf:params:scim:schemas:extension:';

/**
 * Custom extension URNs Okta and Entra accept: urn:ietf:params:scim:schemas:extension:<name>:2.0:User.
 * Admins may define other resource suffixes (e.g. ":Group") the same way.
 */
export const CUSTOM_URN_PATTERN = /^urn:ietf:params:scim:schemas:extension:[A-Za-z0-9][A-Za-z0-9._-]*:2\.0:(User|Group)$/;
