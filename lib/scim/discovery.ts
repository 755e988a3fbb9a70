/**
 * The discovery resources (RFC 7643 §5–7, RFC 7644 §4): what this server
 * implements, told truthfully, and the schemas as data. Entra's validator
 * reads /Schemas; nulls are never emitted and values are camelCase.
 */
import type { AttributeDefinition, ResourceSchemas, SchemaDefinition } from './schemas/types';
import { URN } from './schemas/urns';

export interface DiscoveryOptions {
  baseUrl: string;
  maxResults: number;
  maxPayloadSize: number;
  documentationUri?: string;
}

export function serviceProviderConfig(o: DiscoveryOptions) {
  return {
    schemas: [URN.ServiceProviderConfig],
    documentationUri: o.documentationUri ?? `${o.baseUrl.replace(/\/scim\/v2$/, '')}/configurations`,
    patch: { supported: true },
    bulk: { supported: false, maxOperations: 0, maxPayloadSize: 0 },
    filter: { supported: true, maxResults: o.maxResults },
    changePassword: { supported: false },
    sort: { supported: true },
    etag: { supported: true },
    authenticationSchemes: [
      {
        type: 'oauthbearertoken',
        name: 'InfraToken (Bearer)',
        description: 'Send an InfraToken from the dashboard as "Authorization: Bearer <token>".',
        primary: true,
      },
    ],
    meta: {
      resourceType: 'ServiceProviderConfig',
      location: `${o.baseUrl}/ServiceProviderConfig`,
    },
  };
}

export function resourceTypeResource(schemas: ResourceSchemas, baseUrl: string) {
  const rt = schemas.resourceType;
  return {
    schemas: [URN.ResourceType],
    id: rt.name,
    name: rt.name,
    endpoint: rt.endpoint,
    description: rt.description,
    schema: rt.schema,
    schemaExtensions: rt.schemaExtensions,
    meta: { resourceType: 'ResourceType', location: `${baseUrl}/ResourceTypes/${rt.name}` },
  };
}

function attributeResource(a: AttributeDefinition): Record<string, unknown> {
  return {
    name: a.name,
    type: a.type,
    multiValued: a.multiValued,
    description: a.description,
    required: a.required,
    caseExact: a.caseExact,
    mutability: a.mutability,
    returned: a.returned,
    uniqueness: a.uniqueness,
    ...(a.canonicalValues?.length ? { canonicalValues: a.canonicalValues } : {}),
    ...(a.referenceTypes?.length ? { referenceTypes: a.referenceTypes } : {}),
    ...(a.subAttributes ? { subAttributes: a.subAttributes.map(attributeResource) } : {}),
  };
}

export function schemaResource(schema: SchemaDefinition, baseUrl: string) {
  return {
    schemas: [URN.Schema],
    id: schema.id,
    name: schema.name,
    description: schema.description,
    attributes: schema.attributes.map(attributeResource),
    meta: { resourceType: 'Schema', location: `${baseUrl}/Schemas/${schema.id}` },
  };
}

/** Every schema of every resource type, each listed once. */
export function allSchemaDefinitions(sets: ResourceSchemas[]): SchemaDefinition[] {
  const seen = new Map<string, SchemaDefinition>();
  for (const set of sets) for (const s of [set.core, ...set.extensions]) if (!seen.has(s.id.toLowerCase())) seen.set(s.id.toLowerCase(), s);
  return [...seen.values()];
}
