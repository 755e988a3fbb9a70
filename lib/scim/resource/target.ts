/**
 * Where an attribute path points in a document, and what a write to it
 * means. Wraps the schema resolver with the one leniency the IdPs need
 * (unqualified extension names) and classifies read-only and write-only
 * targets the same way for POST, PUT and PATCH.
 */
import { resolveAttributeOrExtension } from '../schemas/resolve';
import type { AttributeDefinition, ResourceSchemas } from '../schemas/types';

export interface AttributeTarget {
  /** Canonical URN of the extension whose object holds the attribute; undefined = top level. */
  extension?: string;
  /** Owning schema id (the core schema for core and common attributes). */
  schemaId: string;
  attribute: AttributeDefinition;
  subAttribute?: AttributeDefinition;
  /** Canonical path of the attribute alone: "name", "urn:…:User:manager". */
  attributePath: string;
  /** Canonical path of the target: "name.givenName", "urn:…:User:manager.value". */
  canonicalPath: string;
  /** id, externalId or meta (RFC 7643 §3.1), which belong to no schema. */
  common: boolean;
}

/**
 * Resolves "attr", "attr.sub", "urn:…:attr[.sub]". When an unqualified name
 * is not a core attribute but exactly one extension declares it, that one is
 * meant (resolveAttributeOrExtension): Entra's documented manager update uses
 * `"path": "manager"`, and its older POST examples put `department` at the top level.
 */
export function resolveTarget(schemas: ResourceSchemas, path: string): AttributeTarget | undefined {
  const resolved = resolveAttributeOrExtension(schemas, path);
  if (!resolved) return undefined;
  const extension = resolved.isExtension && resolved.schema ? resolved.schema.id : undefined;
  const attributePath = extension ? `${extension}:${resolved.attribute.name}` : resolved.attribute.name;
  return {
    extension,
    schemaId: resolved.schema?.id ?? schemas.core.id,
    attribute: resolved.attribute,
    subAttribute: resolved.subAttribute,
    attributePath,
    canonicalPath: resolved.canonicalPath,
    common: !resolved.schema,
  };
}

/**
 * - writable: stored in the document.
 * - silent:   dropped without a word: id/meta (echoed by Okta's read-modify-write
 *             PUT and its group rename PATCH) and write-only attributes such as
 *             the password Okta always sends.
 * - readOnly: dropped and reported (User.groups, manager.displayName…).
 * - members:  Group membership, which is never part of the document.
 */
export type TargetKind = 'writable' | 'silent' | 'readOnly' | 'members';

export function classifyTarget(schemas: ResourceSchemas, target: AttributeTarget): TargetKind {
  const { attribute, subAttribute } = target;
  if (target.common && attribute.name !== 'externalId') return 'silent';
  if (attribute.mutability === 'writeOnly' || attribute.returned === 'never') return 'silent';
  if (isMembersTarget(schemas, target)) return 'members';
  if (attribute.mutability === 'readOnly') return 'readOnly';
  if (subAttribute && subAttribute.mutability === 'readOnly') return 'readOnly';
  if (subAttribute && (subAttribute.mutability === 'writeOnly' || subAttribute.returned === 'never')) return 'silent';
  return 'writable';
}

export function isMembersTarget(schemas: ResourceSchemas, target: AttributeTarget): boolean {
  return schemas.resourceType.name === 'Group' && !target.extension && !target.common && target.attribute.name === 'members';
}
