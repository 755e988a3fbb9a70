/**
 * Resolves an attribute path (RFC 7644 §3.10: `[URI ":"] attr ["." subAttr]`)
 * against a resource's schemas. Names and URNs match case-insensitively
 * (RFC 7643 §2.1); the result carries the canonical names, which are the keys
 * the stored document uses.
 */
import { commonAttributes } from './common';
import type { AttributeDefinition, ResourceSchemas, SchemaDefinition } from './types';

export interface ResolvedAttribute {
  /** The schema the attribute belongs to; undefined for id/externalId/meta. */
  schema?: SchemaDefinition;
  /** True when the attribute lives under an extension URN key. */
  isExtension: boolean;
  attribute: AttributeDefinition;
  subAttribute?: AttributeDefinition;
  /** Canonical path, e.g. "name.givenName" or "<urn>:employeeNumber". */
  canonicalPath: string;
}

export function findAttribute(list: readonly AttributeDefinition[], name: string): AttributeDefinition | undefined {
  const lower = name.toLowerCase();
  return list.find((a) => a.name.toLowerCase() === lower);
}

/** All schemas of a resource, core first. */
export function allSchemas(schemas: ResourceSchemas): SchemaDefinition[] {
  return [schemas.core, ...schemas.extensions];
}

/** Finds the schema whose id equals `urn` case-insensitively. */
export function findSchema(schemas: ResourceSchemas, urn: string): SchemaDefinition | undefined {
  const lower = urn.toLowerCase();
  return allSchemas(schemas).find((s) => s.id.toLowerCase() === lower);
}

/**
 * Splits a leading schema URN off a path: "urn:…:enterprise:2.0:User:manager.value"
 * → { schema: enterprise, rest: "manager.value" }. The longest matching URN wins.
 * A path equal to a URN (no attribute) gives rest "".
 */
export function splitSchemaPrefix(
  schemas: ResourceSchemas,
  path: string,
): { schema: SchemaDefinition; rest: string } | undefined {
  const lower = path.toLowerCase();
  let best: SchemaDefinition | undefined;
  for (const s of allSchemas(schemas)) {
    const id = s.id.toLowerCase();
    if ((lower === id || lower.startsWith(id + ':')) && (!best || id.length > best.id.length)) best = s;
  }
  if (!best) return undefined;
  return { schema: best, rest: path.slice(best.id.length + 1) };
}

/**
 * Resolves "attr", "attr.sub", "urn:…:attr" or "urn:…:attr.sub".
 * Returns undefined when no schema declares the attribute.
 */
export function resolveAttribute(schemas: ResourceSchemas, path: string): ResolvedAttribute | undefined {
  const prefixed = path.toLowerCase().startsWith('urn:') ? splitSchemaPrefix(schemas, path) : undefined;
  if (path.toLowerCase().startsWith('urn:') && !prefixed) return undefined;
  const schema = prefixed?.schema;
  const rest = prefixed ? prefixed.rest : path;
  if (!rest) return undefined;

  const dot = rest.indexOf('.');
  const name = dot === -1 ? rest : rest.slice(0, dot);
  const subName = dot === -1 ? undefined : rest.slice(dot + 1);
  if (subName !== undefined && (subName === '' || subName.includes('.'))) return undefined;

  let attribute: AttributeDefinition | undefined;
  let owner: SchemaDefinition | undefined = schema;
  if (schema) {
    attribute = findAttribute(schema.attributes, name);
    // "urn:…:core:2.0:User:id" is legal too: common attributes under the core URN.
    if (!attribute && schema === schemas.core) {
      attribute = findAttribute(commonAttributes, name);
      if (attribute) owner = undefined;
    }
  } else {
    attribute = findAttribute(commonAttributes, name);
    if (!attribute) {
      attribute = findAttribute(schemas.core.attributes, name);
      owner = attribute ? schemas.core : undefined;
    }
  }
  if (!attribute) return undefined;

  let subAttribute: AttributeDefinition | undefined;
  if (subName !== undefined) {
    if (attribute.type !== 'complex' || !attribute.subAttributes) return undefined;
    subAttribute = findAttribute(attribute.subAttributes, subName);
    if (!subAttribute) return undefined;
  }

  const isExtension = !!owner && owner !== schemas.core;
  const local = subAttribute ? `${attribute.name}.${subAttribute.name}` : attribute.name;
  return {
    schema: owner,
    isExtension,
    attribute,
    subAttribute,
    canonicalPath: isExtension ? `${owner!.id}:${local}` : local,
  };
}

/**
 * resolveAttribute, plus one leniency the IdPs need: an unqualified name that
 * is not a core attribute means the one extension attribute of that name,
 * when exactly one extension declares it. Entra writes `"path": "manager"`
 * and filters `manager eq "<id>"`; its older POST examples put `department`
 * at the top level. Ambiguous names stay unresolved.
 */
export function resolveAttributeOrExtension(schemas: ResourceSchemas, path: string): ResolvedAttribute | undefined {
  const resolved = resolveAttribute(schemas, path);
  if (resolved || path.toLowerCase().startsWith('urn:')) return resolved;
  const hits = schemas.extensions
    .map((ext) => resolveAttribute(schemas, `${ext.id}:${path}`))
    .filter((r): r is ResolvedAttribute => r !== undefined);
  return hits.length === 1 ? hits[0] : undefined;
}
