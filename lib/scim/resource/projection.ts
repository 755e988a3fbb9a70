/**
 * Attribute projection: the `attributes` and `excludedAttributes` parameters
 * (RFC 7644 §3.4.2.5, §3.9) and the `returned` characteristic (RFC 7643 §7).
 *
 * Names are case-insensitive and may be URN-qualified, dotted
 * ("name.givenName", "emails.value") or a whole extension URN. Unknown names
 * are ignored, not errors: a client asking for an attribute this instance
 * does not define simply does not get it. `returned: always` (id) survives
 * both lists, `returned: never` (password) never appears, `returned:
 * request` only when named. Entra's `excludedAttributes=members` on Groups
 * relies on this; callers can ask `wantsAttribute` before loading members.
 */
import { findSchema } from '../schemas/resolve';
import type { AttributeDefinition, ResourceSchemas } from '../schemas/types';
import { getOwn, isPlainObject, setOwn, type JsonObject, type JsonPrimitive, type JsonValue } from './document';
import { resolveTarget } from './target';

export interface Projection {
  /** Canonical paths or schema URNs from `attributes`; undefined when the parameter was not given. */
  attributes?: string[];
  /** Canonical paths or schema URNs from `excludedAttributes`. */
  excludedAttributes?: string[];
}

function names(list: string | string[] | undefined): string[] | undefined {
  if (list === undefined) return undefined;
  const parts = (Array.isArray(list) ? list : [list]).flatMap((item) => (typeof item === 'string' ? item.split(',') : []));
  return parts.map((p) => p.trim()).filter((p) => p !== '');
}

function canonical(name: string, schemas: ResourceSchemas): string | undefined {
  const schema = findSchema(schemas, name);
  if (schema) return schema.id;
  return resolveTarget(schemas, name)?.canonicalPath;
}

export function parseProjection(
  attributes: string | string[] | undefined,
  excludedAttributes: string | string[] | undefined,
  schemas: ResourceSchemas,
): Projection {
  const resolve = (list: string[] | undefined) =>
    list === undefined ? undefined : [...new Set(list.map((n) => canonical(n, schemas)).filter((n): n is string => n !== undefined))];
  const projection: Projection = {};
  const included = resolve(names(attributes));
  const excluded = resolve(names(excludedAttributes));
  // An empty `attributes=` parameter is no parameter at all.
  if (included !== undefined && names(attributes)!.length > 0) projection.attributes = included;
  if (excluded !== undefined && excluded.length > 0) projection.excludedAttributes = excluded;
  return projection;
}

/** Where an attribute sits, for matching projection entries. */
export interface ProjectedAttribute {
  definition: AttributeDefinition;
  /** Canonical path: "emails", "urn:…:User:manager". */
  path: string;
  /** The schema URN that names it as a whole (the core URN for core and common attributes). */
  schemaId: string;
}

function listed(list: string[] | undefined, path: string): boolean {
  return list !== undefined && list.includes(path);
}

function isIncluded(p: Projection | undefined, def: AttributeDefinition, path: string, schemaId: string, parentListed: boolean): boolean {
  if (def.returned === 'never') return false;
  if (def.returned === 'always') return true;
  const named = parentListed || listed(p?.attributes, path) || listed(p?.attributes, schemaId);
  if (listed(p?.excludedAttributes, path) || listed(p?.excludedAttributes, schemaId)) return false;
  if (def.returned === 'request') return named;
  if (!p?.attributes) return true;
  return named || p.attributes.some((a) => a.startsWith(`${path}.`));
}

/** True when the projection returns (some of) the attribute: lets a caller skip computing Group.members. */
export function wantsAttribute(projection: Projection | undefined, path: string, schemas: ResourceSchemas): boolean {
  const target = resolveTarget(schemas, path);
  if (!target) return false;
  return isIncluded(projection, target.attribute, target.attributePath, target.schemaId, false);
}

function isScalar(value: unknown): value is JsonPrimitive {
  return typeof value === 'string' || typeof value === 'number' || typeof value === 'boolean';
}

/** Only JSON scalars leave a simple attribute, whatever the stored document holds (output is an allow-list). */
function scalars(def: AttributeDefinition, value: unknown): JsonValue | undefined {
  if (!def.multiValued) return isScalar(value) ? value : undefined;
  const list = (Array.isArray(value) ? value : [value]).filter(isScalar);
  return list.length > 0 ? list : undefined;
}

/**
 * What a projection returns of one attribute, decided once: whether it and
 * each of its sub-attributes are returned depends only on the projection and
 * the definitions, not on the value, so a page of 100 users renders from one
 * plan (render.ts keeps plans per schema set and projection).
 */
export interface AttributePlan {
  definition: AttributeDefinition;
  included: boolean;
  /** For complex attributes: the returned sub-attributes. */
  subAttributes?: { name: string; definition: AttributeDefinition }[];
}

export function planAttribute(p: Projection | undefined, attr: ProjectedAttribute): AttributePlan {
  const { definition: def, path, schemaId } = attr;
  const included = isIncluded(p, def, path, schemaId, false);
  if (!included || def.type !== 'complex') return { definition: def, included };
  // A parent named in full brings its default sub-attributes along.
  const parentListed = def.returned === 'always' || listed(p?.attributes, path) || listed(p?.attributes, schemaId);
  const subAttributes = (def.subAttributes ?? [])
    .filter((sub) => isIncluded(p, sub, `${path}.${sub.name}`, schemaId, parentListed))
    .map((sub) => ({ name: sub.name, definition: sub }));
  return { definition: def, included, subAttributes };
}

function projectComplex(plan: AttributePlan, value: Record<string, unknown>): JsonObject | undefined {
  const out: JsonObject = {};
  let any = false;
  for (const sub of plan.subAttributes!) {
    const clean = scalars(sub.definition, getOwn(value, sub.name));
    if (clean === undefined) continue;
    setOwn(out, sub.name, clean);
    any = true;
  }
  return any ? out : undefined;
}

function asObject(item: unknown): Record<string, unknown> | undefined {
  return isPlainObject(item) ? item : item === undefined || item === null || typeof item === 'object' ? undefined : { value: item };
}

/**
 * The attribute's value as the plan returns it, or undefined when it is not
 * returned. Singular complex values stored as a bare primitive come out as
 * `{value}` (Entra cannot read a string manager: Budibase#15369).
 */
export function projectPlanned(plan: AttributePlan, value: unknown): JsonValue | undefined {
  if (value === undefined || value === null || !plan.included) return undefined;
  const def = plan.definition;
  if (def.type !== 'complex') return scalars(def, value);
  if (def.multiValued) {
    const items: JsonObject[] = [];
    for (const item of Array.isArray(value) ? value : [value]) {
      const object = asObject(item);
      const projected = object && projectComplex(plan, object);
      if (projected) items.push(projected);
    }
    return items.length > 0 ? items : undefined;
  }
  const object = asObject(value);
  return object ? projectComplex(plan, object) : undefined;
}

/** One attribute's value under a projection (planAttribute + projectPlanned, for a single use). */
export function projectAttribute(p: Projection | undefined, attr: ProjectedAttribute, value: unknown): JsonValue | undefined {
  if (value === undefined || value === null) return undefined;
  return projectPlanned(planAttribute(p, attr), value);
}
