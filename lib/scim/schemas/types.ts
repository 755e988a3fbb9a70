/**
 * Attribute and schema definitions as data (RFC 7643 §2, §7).
 *
 * These definitions are the single source of truth of the protocol core:
 * input validation, filtering, PATCH, attribute projection and the /Schemas
 * endpoint all read them, so an admin-defined custom attribute works
 * everywhere as soon as it is part of the instance's schema set.
 */

export type AttributeType =
  | 'string'
  | 'boolean'
  | 'decimal'
  | 'integer'
  | 'dateTime'
  | 'reference'
  | 'binary'
  | 'complex';

export type Mutability = 'readOnly' | 'readWrite' | 'immutable' | 'writeOnly';
export type Returned = 'always' | 'never' | 'default' | 'request';
export type Uniqueness = 'none' | 'server' | 'global';

export interface AttributeDefinition {
  name: string;
  type: AttributeType;
  multiValued: boolean;
  description: string;
  required: boolean;
  caseExact: boolean;
  mutability: Mutability;
  returned: Returned;
  uniqueness: Uniqueness;
  canonicalValues?: string[];
  referenceTypes?: string[];
  /** Only for type 'complex'. */
  subAttributes?: AttributeDefinition[];
}

export interface SchemaDefinition {
  id: string;
  name: string;
  description: string;
  attributes: AttributeDefinition[];
}

export interface ResourceTypeDefinition {
  /** "User" or "Group" */
  name: string;
  endpoint: string;
  description: string;
  schema: string;
  schemaExtensions: { schema: string; required: boolean }[];
}

/**
 * The schemas one resource type understands: its core schema and its
 * extensions (enterprise, admin-defined). Built per request from the
 * instance's configuration, passed to every protocol function.
 */
export interface ResourceSchemas {
  resourceType: ResourceTypeDefinition;
  core: SchemaDefinition;
  extensions: SchemaDefinition[];
}
