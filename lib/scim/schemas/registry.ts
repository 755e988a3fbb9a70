/**
 * Builds the schema set of each resource type from the built-in schemas plus
 * the instance's admin-defined custom attributes. Custom attributes in the
 * core or enterprise namespace extend those schemas; any other URN becomes an
 * extension schema of its own.
 */
import { attr } from './attribute';
import { enterpriseUserSchema } from './enterprise-user';
import { groupSchema } from './group';
import type { AttributeDefinition, ResourceSchemas, SchemaDefinition } from './types';
import { URN } from './urns';
import { userSchema } from './user';

export interface CustomAttributeSpec {
  schemaUrn: string;
  name: string;
  type: 'string' | 'boolean' | 'integer' | 'decimal' | 'dateTime' | 'reference';
  multiValued: boolean;
  required: boolean;
  caseExact: boolean;
  description: string;
}

export const userResourceType = {
  name: 'User',
  endpoint: '/Users',
  description: 'User Account',
  schema: URN.User,
} as const;

export const groupResourceType = {
  name: 'Group',
  endpoint: '/Groups',
  description: 'Group',
  schema: URN.Group,
} as const;

function toDefinition(spec: CustomAttributeSpec): AttributeDefinition {
  return attr(spec.name, spec.type, {
    multiValued: spec.multiValued,
    required: spec.required,
    caseExact: spec.caseExact,
    description: spec.description,
    ...(spec.type === 'reference' ? { referenceTypes: ['external'] } : {}),
  });
}

function extend(schema: SchemaDefinition, specs: CustomAttributeSpec[]): SchemaDefinition {
  if (specs.length === 0) return schema;
  const names = new Set(schema.attributes.map((a) => a.name.toLowerCase()));
  const added = specs.filter((s) => !names.has(s.name.toLowerCase())).map(toDefinition);
  return { ...schema, attributes: [...schema.attributes, ...added] };
}

function customSchemas(specs: CustomAttributeSpec[], builtIn: string[]): SchemaDefinition[] {
  const byUrn = new Map<string, CustomAttributeSpec[]>();
  for (const spec of specs) {
    if (builtIn.includes(spec.schemaUrn.toLowerCase())) continue;
    const key = spec.schemaUrn.toLowerCase();
    byUrn.set(key, [...(byUrn.get(key) ?? []), spec]);
  }
  return [...byUrn.values()].map((list) => ({
    id: list[0].schemaUrn,
    name: list[0].schemaUrn.split(':').slice(-3, -2)[0] ?? 'Custom',
    description: 'Custom attributes defined by this instance',
    attributes: list.map(toDefinition),
  }));
}

function forUrn(specs: CustomAttributeSpec[], urn: string) {
  return specs.filter((s) => s.schemaUrn.toLowerCase() === urn.toLowerCase());
}

export function buildUserSchemas(custom: CustomAttributeSpec[] = []): ResourceSchemas {
  const userSpecs = custom.filter((s) => /:user$/i.test(s.schemaUrn));
  const extensions = [
    extend(enterpriseUserSchema, forUrn(userSpecs, URN.EnterpriseUser)),
    ...customSchemas(userSpecs, [URN.User.toLowerCase(), URN.EnterpriseUser.toLowerCase()]),
  ];
  return {
    resourceType: {
      ...userResourceType,
      schemaExtensions: extensions.map((s) => ({ schema: s.id, required: false })),
    },
    core: extend(userSchema, forUrn(userSpecs, URN.User)),
    extensions,
  };
}

export function buildGroupSchemas(custom: CustomAttributeSpec[] = []): ResourceSchemas {
  const groupSpecs = custom.filter((s) => /:group$/i.test(s.schemaUrn));
  const extensions = customSchemas(groupSpecs, [URN.Group.toLowerCase()]);
  return {
    resourceType: {
      ...groupResourceType,
      schemaExtensions: extensions.map((s) => ({ schema: s.id, required: false })),
    },
    core: extend(groupSchema, forUrn(groupSpecs, URN.Group)),
    extensions,
  };
}
